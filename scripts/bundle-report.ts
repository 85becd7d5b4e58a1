/**
 * Bundle budget report (a measurement, not a test): for every prerendered route, the gzip size of
 * the JavaScript the browser fetches on first load — the entry script plus its modulepreloads — and,
 * separately, the route's lazily loaded chunks (the chapter module, then its labs), found by walking
 * Vite's manifest. Run after `npm run build`: `npm run bench:bundle`.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = resolve(import.meta.dirname, '..', process.env.OUT_DIR ?? 'dist');
const BUDGET_KB = 120;

interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}

const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
const manifestPath = join(dist, '.vite', 'manifest.json');
const manifest: Record<string, ManifestChunk> = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};

/** Static closure of a chunk (itself and everything it imports statically). */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key) || !manifest[key]) return seen;
  seen.add(key);
  for (const i of manifest[key].imports ?? []) closure(i, seen);
  return seen;
}

const rows: { route: string; first: number; lazy: number; labs: number }[] = [];
for (const f of readdirSync(dist).filter((f) => f.endsWith('.html')).sort()) {
  const html = readFileSync(join(dist, f), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1].replace(/^.*?assets\//, 'assets/'));
  const firstFiles = new Set(scripts);
  const first = [...firstFiles].reduce((s, file) => s + gz(file), 0);
  // Lazy chunks this route loads at start-up: its chapter module and the labs/narration it renders.
  const slug = f.replace(/\.html$/, '');
  const lazyKeys = new Set<string>();
  for (const [key, c] of Object.entries(manifest)) {
    if (key.includes(`-${slug}.mdx`) || (c.src ?? '').match(new RegExp(`/\\d\\d-${slug}\\.mdx$`))) closure(key, lazyKeys);
  }
  const chapterFiles = new Set([...lazyKeys].map((k) => manifest[k].file).filter((file) => !firstFiles.has(file)));
  const lazy = [...chapterFiles].reduce((s, file) => s + gz(file), 0);
  // Labs on the page: their lazy modules (and what they import) load when they are needed.
  const labKeys = new Set<string>();
  for (const name of new Set([...html.matchAll(/data-lab-slot="(\w+)"/g)].map((m) => m[1]))) {
    const key = Object.keys(manifest).find((k) => k.endsWith(`/${name}.tsx`));
    if (key) closure(key, labKeys);
  }
  const labFiles = new Set([...labKeys].map((k) => manifest[k].file).filter((file) => !firstFiles.has(file) && !chapterFiles.has(file)));
  const labs = [...labFiles].reduce((s, file) => s + gz(file), 0);
  rows.push({ route: '/' + (slug === 'index' ? '' : slug), first, lazy, labs });
}
const kb = (b: number) => (b / 1024).toFixed(1).padStart(7);
console.log('route'.padEnd(32) + 'first-load JS   + chapter   + labs when needed   (gzip kB)');
for (const r of rows) console.log(r.route.padEnd(32) + kb(r.first) + '       ' + kb(r.lazy) + '     ' + kb(r.labs));
const worst = Math.max(...rows.map((r) => r.first));
console.log(`\nlargest first-load JS: ${kb(worst).trim()} kB gzip (budget ${BUDGET_KB} kB) → ${worst / 1024 <= BUDGET_KB ? 'within budget' : 'OVER BUDGET'}`);
if (!existsSync(manifestPath)) console.log('(no .vite/manifest.json: lazy chunk sizes unavailable; build with build.manifest = true)');
