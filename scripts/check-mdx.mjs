#!/usr/bin/env node
// Quick author check for chapter files: frontmatter parses and has the required fields, and the MDX
// compiles with the same remark plugins as the site. Usage: node scripts/check-mdx.mjs <file.mdx>...
import { readFileSync } from 'node:fs';
import { compile } from '@mdx-js/mdx';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { parse } from 'yaml';

let failed = 0;
for (const file of process.argv.slice(2)) {
  const src = readFileSync(file, 'utf8');
  try {
    const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(src);
    if (!m) throw new Error('no frontmatter');
    const fm = parse(m[1]);
    for (const k of ['title', 'chapter', 'slug', 'summary', 'readingTime']) if (fm?.[k] == null) throw new Error(`frontmatter: missing ${k}`);
    await compile(src, { remarkPlugins: [remarkFrontmatter, remarkGfm] });
    console.log(`ok   ${file}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${file}: ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
