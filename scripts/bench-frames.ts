/**
 * `npm run bench:frames`: script time per frame while each lab plays, at 1280 px, in Chromium via
 * Playwright + the DevTools protocol. A benchmark, never a test (not part of `npm test`).
 *
 * Serves the built site (OUT_DIR, default dist; build it first) with scripts/serve-static.mjs, opens
 * each lab's chapter at 1280×800, wakes the lab, scrolls it into view and presses Play (again, from
 * the start, whenever a run ends). Every WINDOW_MS it reads CDP `Performance.getMetrics`
 * (ScriptDuration) and counts requestAnimationFrame callbacks in the page, so each window gives
 * script ms per frame; it reports the p50 and p95 of those windows and the frame-interval p50/p95.
 * The budget is 4 ms of script per frame.
 *
 * Usage: OUT_DIR=dist npm run bench:frames [-- --seconds=6 --only=raft]
 */
import { spawn } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';

const LABS: { name: string; path: string; lab: string }[] = [
  { name: 'raft', path: 'ordering', lab: '#leader-election' },
  { name: 'quorum', path: 'replication', lab: '#repl-quorum-overlap' },
  { name: 'partition', path: 'networks', lab: '#cp-minority-refuses-write' },
  { name: 'timeout', path: 'networks', lab: '#timeout-ambiguity' },
  { name: 'clocks', path: 'clocks', lab: '#lww-loses-write' },
  { name: 'consistency', path: 'ordering', lab: '#stale-read-not-linearizable' },
];

const arg = (k: string) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1];
const SECONDS = Number(arg('seconds') ?? 6);
const ONLY = arg('only');
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
  const play = lab.locator('.lab-btn-primary').first();
  const script = async () => {
    const m = (await cdp.send('Performance.getMetrics')).metrics;
    return (m.find((x) => x.name === 'ScriptDuration')?.value ?? 0) * 1000;
  };
  const frames = () => page.evaluate<number>('window.__frames.length');
  if (/Play/.test((await play.textContent()) ?? '')) await play.click();
  const perFrame: number[] = [];
  let s0 = await script();
  let f0 = await frames();
  const stopAt = Date.now() + SECONDS * 1000;
  while (Date.now() < stopAt) {
    await page.waitForTimeout(WINDOW_MS);
    const [s1, f1] = [await script(), await frames()];
    if (f1 > f0) perFrame.push((s1 - s0) / (f1 - f0));
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
  await cdp.detach();
  return { lab: l.name, windows: perFrame.length, scriptP50: q(perFrame, 0.5), scriptP95: q(perFrame, 0.95), frameP50: q(intervals, 0.5), frameP95: q(intervals, 0.95) };
}

async function main() {
  const server = spawn('node', ['scripts/serve-static.mjs', DIR, String(PORT)], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 800));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const rows = [];
    for (const l of LABS.filter((x) => !ONLY || x.name === ONLY)) {
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
      console.log(`${r.lab.padEnd(12)} script p50 ${f(r.scriptP50)} p95 ${f(r.scriptP95)} ms/frame · frame interval p50 ${f(r.frameP50)} p95 ${f(r.frameP95)} ms · ${r.windows} windows`);
    console.log(JSON.stringify(rows));
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
