/** Reads the `content/` folder into the path → text map the pure loader expects (build time only). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every .mdx/.yaml/.md file under `<root>/content`, keyed by its repo-relative path with forward slashes. */
export function readContentFiles(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(mdx|ya?ml|md)$/.test(name)) out.set(relative(root, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(join(root, 'content'));
  return out;
}
