/**
 * `npm run bench:frames`: script time per frame while each lab plays, at 1280 px, in Chromium via
 * Playwright + the DevTools protocol. A benchmark, never a test (not part of `npm test`).
 *
 * Serves the built site (OUT_DIR, default dist; build it first) with scripts/serve-static.mjs, opens
 * each registered lab's chapter at 1280×800, wakes the lab, scrolls it into view and presses Play (again, from
 * the start, whenever a run ends). Every WINDOW_MS it reads CDP `Performance.getMetrics`
 * (ScriptDuration) and counts requestAnimationFrame callbacks in the page, so each window gives
 * script ms per frame; it reports the p50 and p95 of those windows and the frame-interval p50/p95.
 * Script time is wall time, so a loaded machine inflates it; a CPU estimate beside it scales each
 * window by the main thread's CPU share of its task time (CDP ThreadTime / TaskDuration). Report `uptime`.
 * The budget is 4 ms of script per frame.
 *
 * `--profile` also samples the CDP Profiler while the lab plays and prints each lab's top self-time
 * functions (name, chunk:line:column and a few characters of the built source, since names are minified).
 *
 * Usage: OUT_DIR=dist npm run bench:frames [-- --seconds=6 --only=raft,quorum --speed=10 --profile]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';

/**
 * Every registered lab (src/widgets/registry.tsx), at its first instance in the book: chapter path and the
 * instance's section (its `id`, a CSS attribute selector because some ids start with a digit).
 */
const LABS: { name: string; path: string; lab: string }[] = [
  { name: 'partition', path: 'networks', lab: '[id="cp-minority-refuses-write"]' },
  { name: 'timeout', path: 'networks', lab: '[id="timeout-ambiguity"]' },
  { name: 'retry', path: 'retries', lab: '[id="amplification"]' },
  { name: 'idempotency', path: 'idempotency', lab: '[id="no-key-double-charge"]' },
  { name: 'breaker', path: 'circuit-breakers', lab: '[id="cascade"]' },
  { name: 'overload', path: 'bulkheads', lab: '[id="pools"]' },
  { name: 'quorum', path: 'replication', lab: '[id="repl-quorum-overlap"]' },
  { name: 'sharding', path: 'sharding', lab: '[id="shard-time"]' },
  { name: 'replication', path: 'replication', lab: '[id="repl-failover"]' },
  { name: 'raft', path: 'ordering', lab: '[id="leader-election"]' },
  { name: 'clocks', path: 'clocks', lab: '[id="lww-loses-write"]' },
  { name: 'consistency', path: 'ordering', lab: '[id="stale-read-not-linearizable"]' },
  { name: 'service', path: 'microservices', lab: '[id="chain-lab"]' },
  { name: 'commit', path: 'two-phase-commit', lab: '[id="2pc-clean-commit"]' },
  { name: 'saga', path: 'three-phase-commit-and-sagas', lab: '[id="saga-unwinds"]' },
];

const arg = (k: string) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1];
const SECONDS = Number(arg('seconds') ?? 6);
const ONLY = arg('only')?.split(',');
const PROFILE = process.argv.includes('--profile');
// 1x moves one message hop per 0.75 s (src/widgets/shared/pace.ts); --speed=10 plays ten times as many
// events per frame, for a heavier, expert-speed figure. The value must be one the Speed menu offers.
const SPEED = arg('speed');
const WINDOW_MS = 250;
const PORT = Number(process.env.BENCH_PORT ?? 4298);
const DIR = process.env.OUT_DIR ?? 'dist';

const q = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
};

async function wake(page: Page, sel: string) {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Shift');
    if (await page.locator(`${sel}[data-hydrated="true"]`).count()) return;
    await page.waitForTimeout(500);
  }
  throw new Error(`${sel} did not hydrate`);
}

async function benchLab(page: Page, l: (typeof LABS)[number]) {
  await page.goto(`http://127.0.0.1:${PORT}/${l.path}`);
  await wake(page, l.lab);
  const lab = page.locator(l.lab);
  await lab.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // A string, not a function: tsx would wrap a named function in a helper the page does not have.
  await page.evaluate(`window.__frames = []; (function loop(t) { window.__frames.push(t); requestAnimationFrame(loop); })(performance.now());`);
  // The transport's Play/Pause button (some labs put a primary action button before it).
  const play = lab.locator('button[title^="Play or pause"]').first();
  // ScriptDuration and TaskDuration are wall time, so on a loaded machine they include the time the
  // renderer waited for a core; ThreadTime is the main thread's CPU time. The CPU estimate scales the
  // window's script time by (CPU time / task time) of that window.
  const script = async () => {
    const m = (await cdp.send('Performance.getMetrics')).metrics;
    const v = (name: string) => (m.find((x) => x.name === name)?.value ?? 0) * 1000;
    return { script: v('ScriptDuration'), task: v('TaskDuration'), cpu: v('ThreadTime') };
  };
  const frames = () => page.evaluate<number>('window.__frames.length');
  if (SPEED) await lab.getByRole('combobox', { name: 'Speed' }).first().selectOption(SPEED);
  if (/Play/.test((await play.textContent()) ?? '')) await play.click();
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const perFrame: number[] = [];
  const cpuPerFrame: number[] = [];
  let s0 = await script();
  let f0 = await frames();
  const stopAt = Date.now() + SECONDS * 1000;
  while (Date.now() < stopAt) {
    await page.waitForTimeout(WINDOW_MS);
    const [s1, f1] = [await script(), await frames()];
    if (f1 > f0) {
      const wall = s1.script - s0.script;
      perFrame.push(wall / (f1 - f0));
      const share = s1.task > s0.task ? Math.min(1, (s1.cpu - s0.cpu) / (s1.task - s0.task)) : 1;
      cpuPerFrame.push((wall * share) / (f1 - f0));
    }
    [s0, f0] = [s1, f1];
    // A run that ended is played again from the start, so the whole window is spent playing.
    if (/Play/.test((await play.textContent()) ?? '')) {
      await lab.getByLabel('Virtual time').fill('0');
      await play.click({ timeout: 5_000 });
      [s0, f0] = [await script(), await frames()];
    }
  }
  const times = await page.evaluate<number[]>('window.__frames');
  const intervals = times.slice(1).map((t, i) => t - times[i]);
  if (PROFILE) printProfile(l.name, (await cdp.send('Profiler.stop')).profile);
  await cdp.detach();
  return {
    lab: l.name,
    windows: perFrame.length,
    scriptP50: q(perFrame, 0.5),
    scriptP95: q(perFrame, 0.95),
    cpuP50: q(cpuPerFrame, 0.5),
    cpuP95: q(cpuPerFrame, 0.95),
    frameP50: q(intervals, 0.5), frameP95: q(intervals, 0.95) };
}

type Profile = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[]; samples?: number[]; timeDeltas?: number[] };

/** Self time per function (samples × their deltas), top 12, with a snippet of the built code to name it. */
function printProfile(name: string, p: Profile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  let total = 0;
  (p.samples ?? []).forEach((id, i) => {
    const f = byId.get(id);
    const dt = (p.timeDeltas?.[i + 1] ?? 0) / 1000;
    if (!f || f.functionName === '(idle)' || f.functionName === '(program)') return;
    const key = `${f.functionName || '(anonymous)'}\t${f.url}\t${f.lineNumber}\t${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  console.log(`\n${name}: ${total.toFixed(0)} ms sampled (excluding idle and program); top self time:`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    const [fn, url, line, col] = key.split('\t');
    const file = url.replace(/^https?:\/\/[^/]+\//, '');
    let snippet = '';
    try {
      if (file) snippet = readFileSync(join(DIR, file), 'utf8').split('\n')[Number(line)].slice(Number(col), Number(col) + 70);
    } catch {
      /* not a built file (e.g. native) */
    }
    console.log(`  ${ms.toFixed(1).padStart(7)} ms ${(100 * ms / total).toFixed(0).padStart(3)}%  ${fn} ${file.split('/').pop()}:${line}:${col}  ${snippet.replace(/\s+/g, ' ')}`);
  }
}

async function main() {
  const server = spawn('node', ['scripts/serve-static.mjs', DIR, String(PORT)], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 800));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const rows = [];
    for (const l of LABS.filter((x) => !ONLY || ONLY.includes(x.name))) {
      try {
        rows.push(await benchLab(page, l));
      } catch (e) {
        console.log(`${l.name}: skipped (${String(e).split('\n')[0]})`);
      }
    }
    await browser.close();
    const f = (x: number) => x.toFixed(1);
    console.log(`Script ms per frame while playing, 1280×800, ${SECONDS} s per lab, ${WINDOW_MS} ms windows (budget 4 ms):`);
    for (const r of rows)
      console.log(`${r.lab.padEnd(12)} script p50 ${f(r.scriptP50)} p95 ${f(r.scriptP95)} ms/frame (CPU est. p50 ${f(r.cpuP50)} p95 ${f(r.cpuP95)}) · frame interval p50 ${f(r.frameP50)} p95 ${f(r.frameP95)} ms · ${r.windows} windows`);
    console.log(JSON.stringify(rows));
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
