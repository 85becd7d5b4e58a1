/**
 * Compile every narration script and report length, duration and cues; fail on any broken cue and
 * on any run of 12+ consecutive words shared with the seed text (our scripts are written in our own words).
 * Usage: npx tsx scripts/narration-check.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { listChapterFiles } from '../src/book/content/files.ts';
import { buildNarration, listScripts } from '../src/narration/compile/build.ts';
import { widgetManifests } from '../src/widgets/manifest.ts';

const root = resolve(import.meta.dirname, '..');
const content = resolve(root, 'content');
const SEED = '/work/shared/seed/000_d650d9c0ba17d6cd.txt';
const RUN = 12;

const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9\s']/g, ' ').split(/\s+/).filter(Boolean);
const seedRuns = new Set<string>();
if (existsSync(SEED)) {
  const w = words(readFileSync(SEED, 'utf8'));
  for (let i = 0; i + RUN <= w.length; i++) seedRuns.add(w.slice(i, i + RUN).join(' '));
}

let failed = false;
const scripts = listScripts(content);
for (const mdx of listChapterFiles(content)) {
  if (!scripts.includes(mdx.replace(/\.mdx$/, '.narration.md'))) console.log(`-- no script yet for ${mdx.slice(root.length + 1)}`);
}
for (const file of scripts) {
  const shown = file.slice(root.length + 1);
  try {
    const tl = buildNarration(file, { manifests: widgetManifests, cwd: root, contentRoot: content });
    const text = tl.sentences.map((s) => s.text).join(' ');
    const w = words(text);
    const copied: string[] = [];
    for (let i = 0; i + RUN <= w.length; i++) {
      const run = w.slice(i, i + RUN).join(' ');
      if (seedRuns.has(run)) copied.push(run);
    }
    const kinds = tl.cues.reduce<Record<string, number>>((m, c) => ({ ...m, [c.kind]: (m[c.kind] ?? 0) + 1 }), {});
    const mins = (tl.duration / 60).toFixed(1);
    const warn = tl.duration < 180 || tl.duration > 480 ? '  (outside 3–8 min)' : '';
    console.log(`${shown}: ${tl.wordCount} words, ${mins} min, ${tl.segments.length} segments, cues ${JSON.stringify(kinds)}${warn}`);
    if (copied.length) {
      failed = true;
      console.error(`  copies the seed: ${copied.slice(0, 3).map((c) => JSON.stringify(c)).join(', ')}`);
    }
  } catch (e) {
    failed = true;
    console.error(e instanceof Error ? e.message : String(e));
  }
}
process.exit(failed ? 1 : 0);
