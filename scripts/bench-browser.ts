/**
 * `npm run bench:browser`: two of issue 13's speed goals measured in Chromium (Playwright, the
 * DevTools protocol), on the built site. A benchmark, never a test (not part of `npm test`).
 *
 * 1. Figure 16 (6 ranges × 1,000 trials) from the Raft lab's experiment panel on /ordering, on the
 *    lab's Web Worker pool: click → result rendered → painted, timed in the page; the first run and
 *    warm ones; the number of workers; and whether the rendered table equals a Node run's.
 *    Goal: at most 1 s, as in Node on 2 threads.
 * 2. Seeks in the heaviest Raft lab run a reader can make (bench-browser-seeks.ts), through the lab's
 *    own controls: scrubber clicks and keys, Step back, ← and Home. Each seek's cost is split into
 *    script (SeekableRun + React render, commit and effects), frame (the next frame's animation
 *    callbacks, style, layout and paint) and event-to-paint (which adds the wait for that frame).
 *    Goal: at most 16 ms. When the worst misses it, the CDP sampler profiles a second pass.
 *
 * Wall times on a shared machine include waiting for a core: the load average is reported with them.
 * Prints a table like `npm run bench` and writes bench/results/browser.json in its format.
 *
 * Usage: OUT_DIR=dist npm run bench:browser [-- --runs=4 --rounds=40 --only=figure16|seeks --no-profile]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { BenchRow } from '../bench/run';
import { benchFigure16, COUNT_WORKERS } from './bench-browser-figure16';
import { coldSeek, heaviestRun, linkTo, seekLoop, type Hooks, type Seek } from './bench-browser-seeks';
import { startProfile, stopProfile, topSelfTime } from './bench-browser-profile';

const arg = (k: string) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1];
const RUNS = Number(arg('runs') ?? 4);
const ROUNDS = Number(arg('rounds') ?? 40);
const ONLY = arg('only');
const PROFILE = !process.argv.includes('--no-profile');
const PORT = Number(process.env.BENCH_PORT ?? 4311);
const DIR = process.env.OUT_DIR ?? 'dist';
const BASE = `http://127.0.0.1:${PORT}/`;
const BUDGET_MS = 16;

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))] : NaN;
};
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** Rows for one group of seeks: median, 95th percentile and worst of script, script + frame, and event-to-paint. */
function seekRows(label: string, xs: Seek[]): BenchRow[] {
  const f = (v: number) => v.toFixed(1);
  const work = xs.map((s) => s.script + s.frame);
  const paint = xs.map((s) => s.toPaint);
  const script = xs.map((s) => s.script);
  return [
    {
      metric: `seek, ${label}: script + frame, worst of ${xs.length}`,
      value: Math.max(...work),
      unit: 'ms',
      note: `median ${f(q(work, 0.5))}, p95 ${f(q(work, 0.95))}; script alone median ${f(q(script, 0.5))}, p95 ${f(q(script, 0.95))}, worst ${f(Math.max(...script))}`,
    },
    { metric: `seek, ${label}: event to paint, worst`, value: Math.max(...paint), unit: 'ms', note: `median ${f(q(paint, 0.5))}, p95 ${f(q(paint, 0.95))} (includes the wait for the next frame)` },
  ];
}

/**
 * Profile the seeks of `job` (it calls the hooks once its run is open, and after its last seek) with
 * the CDP sampler; print and return the summary. A second pass, so the sampler does not slow the timed one.
 */
async function profiled(page: Page, title: string, job: (hooks: Hooks) => Promise<unknown>): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  let top: ReturnType<typeof topSelfTime> | undefined;
  await job({ start: () => startProfile(cdp), stop: async () => void (top = topSelfTime(await stopProfile(cdp), DIR)) });
  await cdp.detach();
  const lines = [`${title}: ${top!.totalMs.toFixed(0)} ms sampled (idle and (program) left out); top self time:`, ...top!.lines];
  console.log(`\n${lines.join('\n')}`);
  return lines;
}

async function benchSeeks(page: Page, profiles: string[]): Promise<BenchRow[]> {
  const { moment, limit } = heaviestRun();
  const atEnd = linkTo(BASE, moment);
  const atStart = linkTo(BASE, { ...moment, steps: 0, t: 0 });
  const rows: BenchRow[] = [
    {
      metric: 'seek run: heaviest Raft lab run',
      value: moment.steps,
      unit: 'steps',
      note: `9 servers, 400 client requests, to t=${limit} ms (the lab's run time limit, runTimeLimit); link ${atEnd.length} characters`,
    },
  ];
  const cold: Seek[] = [];
  for (let i = 0; i < 3; i++) {
    const s = await coldSeek(page, atStart);
    if (s) cold.push(s);
  }
  if (cold.length) rows.push(...seekRows('first seek to the end of an uncomputed run (link at t=0, End)', cold));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name: string) => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  // The CPU share of the main thread's task time: below 1 when the renderer waited for a core.
  const [task0, cpu0] = [await metric('TaskDuration'), await metric('ThreadTime')];
  const { seeks, inputs, events } = await seekLoop(page, atEnd, ROUNDS);
  const share = (await metric('ThreadTime') - cpu0) / Math.max(1, (await metric('TaskDuration')) - task0);
  await cdp.detach();
  const nodes = await page.evaluate<number>(`document.querySelectorAll('#leader-election *').length`);
  rows[0] = { ...rows[0], note: `${rows[0].note}; the lab has ${nodes.toLocaleString('en-US')} DOM elements at the end of the loop` };
  rows.push(...seekRows('all, cached run', seeks));
  for (const kind of [...new Set(seeks.map((s) => s.kind))]) rows.push(...seekRows(kind, seeks.filter((s) => s.kind === kind)));
  // One interaction yields several entries (pointerdown, mousedown, pointerup, click…): count interactions.
  const interactions = new Set(events.filter((e) => e.id > 0).map((e) => e.id)).size;
  const worst = events.reduce((a, e) => (e.duration > a.duration ? e : a), { name: '-', id: 0, duration: 0, processing: 0 });
  rows.push({
    metric: `Event Timing: inputs ≥ ${BUDGET_MS} ms to paint in the seek loop (no-ops included)`,
    value: interactions,
    unit: `of ${inputs}`,
    note: `worst ${worst.name} ${worst.duration} ms to paint (8 ms granularity), ${worst.processing.toFixed(1)} ms processing; main thread CPU / task time ${share.toFixed(2)}`,
  });
  // The same seeks in the lab as it first appears (5 servers, no actions, 1.5 s), to tell the run's weight from the lab's own cost.
  const plain = await seekLoop(page, `${BASE}ordering#leader-election`, Math.ceil(ROUNDS / 2));
  rows.push(...seekRows("the lab's default run (no link), all", plain.seeks));
  // The heaviest run without its client requests: 9 servers, same length, the logs stay empty.
  const empty = heaviestRun(0);
  const bare = await seekLoop(page, linkTo(BASE, empty.moment), Math.ceil(ROUNDS / 2));
  rows.push(...seekRows(`9 servers, no requests (${empty.moment.steps.toLocaleString('en-US')} steps, empty logs), all`, bare.seeks));
  if (PROFILE && cold.some((s) => s.script + s.frame > BUDGET_MS)) profiles.push(...(await profiled(page, 'first seek to the end', (h) => coldSeek(page, atStart, h))));
  if (PROFILE && seeks.some((s) => s.script + s.frame > BUDGET_MS))
    profiles.push(...(await profiled(page, `seek loop (${Math.ceil(ROUNDS / 2)} rounds)`, (h) => seekLoop(page, atEnd, Math.ceil(ROUNDS / 2), h))));
  // Even the light run misses the budget now and then: its profile says what a seek costs without the heavy logs.
  if (PROFILE && plain.seeks.some((s) => s.script + s.frame > BUDGET_MS))
    profiles.push(...(await profiled(page, `seek loop, the lab's default run (${Math.ceil(ROUNDS / 2)} rounds)`, (h) => seekLoop(page, `${BASE}ordering#leader-election`, Math.ceil(ROUNDS / 2), h))));
  return rows;
}

async function main() {
  const server = spawn('node', ['scripts/serve-static.mjs', DIR, String(PORT)], { stdio: 'ignore' });
  const loadBefore = load();
  const rows: BenchRow[] = [];
  const profiles: string[] = [];
  let version: string;
  try {
    await new Promise((r) => setTimeout(r, 800));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    version = browser.version();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(COUNT_WORKERS);
    if (!ONLY || ONLY === 'figure16') rows.push(...(await benchFigure16(page, BASE, RUNS)));
    if (!ONLY || ONLY === 'seeks') rows.push(...(await benchSeeks(page, profiles)));
    await browser.close();
  } finally {
    server.kill();
  }
  const fmt = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : Number.isInteger(v) ? String(v) : v.toPrecision(4));
  const w = Math.max(...rows.map((r) => r.metric.length));
  console.log(`\n## browser (Chromium ${version}, ${DIR}; load average before ${loadBefore}, after ${load()})`);
  for (const r of rows) console.log(`${r.metric.padEnd(w)}  ${fmt(r.value).padStart(10)} ${r.unit.padEnd(9)} ${r.note ?? ''}`);
  console.log('Seek figures: script = SeekableRun + React render, commit and effects; frame = the next frame (motion\'s frame loop, style, layout, paint); goal 16 ms.');
  const out = join('bench', 'results', 'browser.json');
  mkdirSync(join('bench', 'results'), { recursive: true });
  const when = new Date().toISOString();
  writeFileSync(out, JSON.stringify({ when, node: process.version, chromium: version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, load: { before: loadBefore, after: load() }, results: { browser: rows }, profiles }, null, 2) + '\n');
  console.log(`wrote ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
