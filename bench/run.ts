/**
 * `npm run bench`: runs every `bench/*.bench.ts` module (or those whose file
 * name contains one of the CLI arguments), prints one table, and writes
 * `bench/results/latest.json`. Benchmarks are measurements, never tests.
 *
 * A bench module default-exports `{ name, run }` where `run()` returns rows
 * `{ metric, value, unit, note? }` (sync or async).
 */
import { readdirSync, mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus } from 'node:os';

/** One measured figure. */
export interface BenchRow {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

/** What a `*.bench.ts` module default-exports. */
export interface BenchModule {
  readonly name: string;
  run(): BenchRow[] | Promise<BenchRow[]>;
}

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const results: Record<string, BenchRow[]> = {};
const fmt = (v: number): string =>
  Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : Number.isInteger(v) ? String(v) : v.toPrecision(4);

for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { default: BenchModule };
  const b = mod.default;
  process.stdout.write(`\n## ${b.name} (${f})\n`);
  const t0 = performance.now();
  const rows = await b.run();
  results[b.name] = rows;
  const w = Math.max(...rows.map((r) => r.metric.length), 6);
  for (const r of rows) {
    process.stdout.write(`${r.metric.padEnd(w)}  ${fmt(r.value).padStart(14)} ${r.unit.padEnd(10)} ${r.note ?? ''}\n`);
  }
  process.stdout.write(`(${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
}

const outDir = join(here, 'results');
mkdirSync(outDir, { recursive: true });
const outFile = join(outDir, 'latest.json');
// Keep other modules' results when only some benches ran.
const previous = filters.length > 0 && existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')).results ?? {}) : {};
writeFileSync(
  outFile,
  JSON.stringify(
    { when: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, results: { ...previous, ...results } },
    null,
    2,
  ) + '\n',
);
process.stdout.write(`\nwrote ${outFile}\n`);
