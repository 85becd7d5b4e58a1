/**
 * Soak test (not part of `npm test`): plays every lab on /labs at its fastest speed for N minutes
 * each (restarting it whenever it reaches the end), then runs the Raft Figure 16 and PBS experiments
 * repeatedly. Every SAMPLE seconds it records the JS heap (after a forced GC), the longest task since
 * the last sample, and how long the lab takes to answer a key press (Space: play/pause). Prints one
 * line per sample and a summary per lab with heap growth, against the goals: heap growth at most
 * 10 MB per lab over 10 minutes, no long task over 200 ms, the page answering the keyboard.
 *
 *   npm run build && npm run soak -- --minutes=10 [--sample=30] [--dir=dist] [--port=4310] [--only=RaftLab|--only=Figure] [--profile]
 *
 * Long tasks are kept with their start times. A task that overlaps the harness's own work (the forced GC
 * before each heap reading) is the harness's, not the book's, and is reported apart ("harness"). With
 * `--profile` a CDP CPU profile runs for each lab and each long task is attributed to the functions that
 * ran in it (self time and inclusive time), so a slow frame names its cause. With `--trace` a Chrome trace
 * runs for each lab and every main-thread task over 50 ms is listed with its wall time AND its thread CPU
 * time (`tdur`): on a loaded machine a task can take 500 ms of wall time while the renderer ran for 40 ms
 * (it was descheduled), which is the machine's noise, not the book's work. The summary then gives the
 * longest task by CPU time next to the longest by wall time.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';

const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const MINUTES = Number(arg('minutes', '10'));
const SAMPLE_S = Number(arg('sample', '30'));
const DIR = arg('dir', process.env.OUT_DIR ?? 'dist');
const PORT = Number(arg('port', '4310'));
const ONLY = arg('only', '');
const SKIP = arg('skip', '').split(',').filter(Boolean);
const base = `http://127.0.0.1:${PORT}/`;

const PROFILE = process.argv.includes('--profile');
const TRACE = process.argv.includes('--trace');

interface Sample {
  heapMB: number;
  longestMs: number;
  keyMs: number;
  /** Longest task that overlapped the harness's forced GC (noise, not the book's). */
  harnessMs: number;
}

interface LongTask {
  start: number;
  duration: number;
}

/** Windows (page clock) in which the harness itself made the page work (forced GC, heap reading). */
const harnessWindows: [number, number][] = [];
/** Every long task of the current lab with its attribution (when profiling). */
let labTasks: LongTask[] = [];

const pageNow = (page: Page) => page.evaluate(() => performance.now());

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const t0 = await pageNow(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  harnessWindows.push([t0, await pageNow(page)]);
  return usedSize / 1048576;
}

/** Long tasks since the last call, split into the book's and the harness's (overlapping a forced GC). */
async function tasksAndReset(page: Page): Promise<{ book: LongTask[]; harness: LongTask[] }> {
  const all = await page.evaluate(() => {
    const w = window as unknown as { __tasks: { start: number; duration: number }[]; __longest: number };
    const v = w.__tasks;
    w.__tasks = [];
    w.__longest = 0;
    return v;
  });
  const byHarness = (t: LongTask) => harnessWindows.some(([a, b]) => t.start < b + 5 && t.start + t.duration > a - 5);
  return { book: all.filter((t) => !byHarness(t)), harness: all.filter(byHarness) };
}

async function longestAndReset(page: Page): Promise<{ book: number; harness: number }> {
  const { book, harness } = await tasksAndReset(page);
  labTasks.push(...book);
  return { book: Math.max(0, ...book.map((t) => t.duration)), harness: Math.max(0, ...harness.map((t) => t.duration)) };
}

/**
 * Time from a Space press inside the lab until its Play/Pause button changes, then put it back.
 * NaN when it never changed within 10 s (counted as "no answer" in the summary).
 */
async function keyAnswerMs(page: Page, lab: string): Promise<number> {
  await keepPlaying(page, lab);
  return keyAnswerOnce(page, lab).catch(() => NaN);
}

async function keyAnswerOnce(page: Page, lab: string): Promise<number> {
  const before = await primaryText(page, lab);
  await page.evaluate((sel) => (document.querySelector(sel) as HTMLElement | null)?.focus(), `${lab} .lab-transport .lab-btn-primary`);
  const t0 = Date.now();
  await page.keyboard.press('Space');
  await page.waitForFunction(([sel, b]) => document.querySelector(sel)?.textContent !== b, [`${lab} .lab-transport .lab-btn-primary`, before] as const, { timeout: 10_000 });
  const ms = Date.now() - t0;
  await page.keyboard.press('Space');
  return ms;
}

/** The primary transport button's text, read with one native querySelector (a Playwright locator scans the whole /labs DOM, ~90 ms under load, which the observer then counts as the page's long task). */
const primaryText = (page: Page, lab: string) => page.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, `${lab} .lab-transport .lab-btn-primary`);

async function keepPlaying(page: Page, lab: string): Promise<void> {
  const btn = page.locator(`${lab} .lab-transport .lab-btn-primary`);
  if ((await primaryText(page, lab)) === 'Play') {
    // At the end: start over.
    const reset = page.locator(`${lab} .lab-transport`).getByRole('button', { name: 'Reset' });
    await reset.click();
    await btn.click();
  }
}

function report(name: string, samples: Sample[]) {
  if (!samples.length) return console.log(`${name}: no samples`);
  const growth = samples[samples.length - 1].heapMB - samples[0].heapMB;
  const longest = Math.max(...samples.map((s) => s.longestMs));
  const harness = Math.max(...samples.map((s) => s.harnessMs));
  const answered = samples.filter((s) => Number.isFinite(s.keyMs));
  const key = answered.length ? Math.max(...answered.map((s) => s.keyMs)) : NaN;
  const unanswered = samples.length - answered.length;
  const perTen = MINUTES > 0 ? (growth * 10) / MINUTES : growth;
  console.log(
    `SUMMARY ${name}: heap ${samples[0].heapMB.toFixed(1)} -> ${samples[samples.length - 1].heapMB.toFixed(1)} MB (growth ${growth.toFixed(2)} MB, ~${perTen.toFixed(1)} MB per 10 min${perTen > 10 ? ' OVER GOAL' : ''}); longest task ${longest.toFixed(0)} ms${longest > 200 ? ' OVER GOAL' : ''} (harness GC ${harness.toFixed(0)} ms); slowest key answer ${key} ms${unanswered ? `, ${unanswered} key press(es) unanswered in 10 s` : ''}`,
  );
}

async function main() {
  const server = spawn('node', ['scripts/serve-static.mjs', DIR, String(PORT)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    const w = window as unknown as { __longest: number; __tasks: { start: number; duration: number }[] };
    w.__longest = 0;
    w.__tasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        w.__longest = Math.max(w.__longest, e.duration);
        w.__tasks.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  const profiler = PROFILE ? await startProfiling(page) : null;
  // One measured stretch (a lab playing, or an experiment repeating): forget earlier long tasks, then profile and trace it.
  const beginStretch = async () => {
    await longestAndReset(page);
    labTasks = [];
    await profiler?.begin();
    if (TRACE) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  };
  // One sample: the longest tasks before and after reading the heap (a forced GC), then the key answer time.
  const sample = async (keyMs: () => Promise<number>): Promise<Sample> => {
    const before = await longestAndReset(page);
    const heap = await heapMB(page);
    const after = await longestAndReset(page);
    return { heapMB: heap, longestMs: Math.max(before.book, after.book), harnessMs: Math.max(before.harness, after.harness), keyMs: await keyMs() };
  };
  try {
    await page.goto(`${base}labs`);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    const ids = await page.locator('section.lab').evaluateAll((els) => els.map((e) => e.id).filter(Boolean));
    for (const id of ids) {
      const lab = `#${CSS_escape(id)}`;
      const name = (await page.locator(`${lab} .lab-title`).first().textContent())?.trim() ?? id;
      if ((ONLY && !name.includes(ONLY) && !id.includes(ONLY)) || SKIP.some((x) => id.includes(x))) continue;
      await page.locator(lab).scrollIntoViewIfNeeded();
      await page.keyboard.press('Shift');
      await page.locator(`${lab}[data-hydrated="true"]`).waitFor({ timeout: 60_000 });
      // The last option is the fastest speed (SPEEDS in src/widgets/shared/store.ts; 100× since the 1× calibration).
      const speed = page.locator(lab).getByLabel('Speed').first();
      await speed.selectOption({ index: (await speed.locator('option').count()) - 1 });
      await page.locator(`${lab} .lab-transport .lab-btn-primary`).click();
      await beginStretch();
      const samples: Sample[] = [];
      const end = Date.now() + MINUTES * 60_000;
      let next = Date.now();
      while (Date.now() < end + 1) {
        if (Date.now() >= next) {
          const s = await sample(() => keyAnswerMs(page, lab));
          samples.push(s);
          console.log(`${id}: heap ${s.heapMB.toFixed(1)} MB, longest task ${s.longestMs.toFixed(0)} ms (harness GC ${s.harnessMs.toFixed(0)} ms), key answer ${s.keyMs} ms`);
          next += SAMPLE_S * 1000;
        }
        await keepPlaying(page, lab);
        await page.waitForTimeout(500);
      }
      await page.locator(`${lab} .lab-transport`).getByRole('button', { name: 'Reset' }).click();
      report(`${name}#${id}`, samples);
      await profiler?.attribute(id, labTasks);
      if (TRACE) traceReport(id, await browser.stopTracing());
    }
    // Experiments, repeatedly: Raft's Figure 16 (election downtime) and PBS (QuorumLab), both on /ordering (the first QuorumLab holds the PBS panel).
    const experiments = [
      { name: 'Raft Figure 16', lab: '#leader-election', button: /^Run election downtime/ },
      { name: 'PBS', lab: '#overlap-reads-latest', button: /^Run experiment$/ },
    ];
    for (const x of experiments) {
      // --only names labs or experiments: --only=RaftLab soaks that lab alone, --only=Figure the Figure 16 experiment.
      if (ONLY && !x.name.includes(ONLY)) continue;
      await page.goto(`${base}ordering`);
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      const run = page.locator(x.lab).getByRole('button', { name: x.button }).first();
      if (!(await run.count())) {
        console.log(`${x.name}: no experiment button; skipped`);
        continue;
      }
      await run.scrollIntoViewIfNeeded();
      await page.keyboard.press('Shift');
      await beginStretch();
      const samples: Sample[] = [];
      const end = Date.now() + MINUTES * 60_000;
      let next = Date.now();
      let runs = 0;
      while (Date.now() < end) {
        await expectEnabled(run);
        await run.click();
        runs++;
        await page.waitForTimeout(300);
        await expectEnabled(run);
        if (Date.now() >= next) {
          const s = await sample(async () => 0);
          samples.push(s);
          console.log(`${x.name} run ${runs}: heap ${s.heapMB.toFixed(1)} MB, longest task ${s.longestMs.toFixed(0)} ms (harness GC ${s.harnessMs.toFixed(0)} ms)`);
          next += SAMPLE_S * 1000;
        }
      }
      report(`experiment ${x.name} (${runs} runs)`, samples);
      await profiler?.attribute(x.name, labTasks);
      if (TRACE) traceReport(x.name, await browser.stopTracing());
    }
    if (TRACE) {
      console.log('\nlab | longest task wall ms | longest task CPU ms | tasks >200 ms wall | tasks >200 ms CPU');
      for (const [k, v] of traceFigures) console.log(`${k} | ${v.wall.toFixed(0)} | ${v.cpu.toFixed(0)} | ${v.over200Wall} | ${v.over200Cpu}`);
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

async function expectEnabled(btn: import('@playwright/test').Locator): Promise<void> {
  for (let i = 0; i < 1200 && (await btn.isDisabled()); i++) await new Promise((r) => setTimeout(r, 250));
}

/** Per lab: longest book task by wall and by CPU time, and how many exceeded 200 ms each way (from `--trace`). */
const traceFigures = new Map<string, { wall: number; cpu: number; over200Wall: number; over200Cpu: number }>();

const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; type?: string } };
}

/**
 * Main-thread tasks over 50 ms from a Chrome trace: wall time, thread CPU time, and the largest
 * events inside (by CPU time), so a slow task is attributed to script, layout, style, paint or GC.
 */
function traceReport(name: string, buf: Buffer) {
  const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return console.log(`TRACE ${name}: no renderer main thread in the trace`);
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const all = onMain.filter((e) => e.name === 'RunTask' && e.dur! > 50_000);
  // The harness's forced GC (HeapProfiler.collectGarbage) runs as V8.GCLowMemoryNotification inside a task: not the book's.
  const forced = (t: TraceEvent) => onMain.some((e) => e.name === 'V8.GCLowMemoryNotification' && e.ts >= t.ts && e.ts < t.ts + t.dur!);
  const tasks = all.filter((t) => !forced(t));
  const wall = Math.max(0, ...tasks.map((t) => t.dur!)) / 1000;
  const cpu = Math.max(0, ...tasks.map((t) => t.tdur ?? t.dur!)) / 1000;
  traceFigures.set(name, { wall, cpu, over200Wall: tasks.filter((t) => t.dur! > 200_000).length, over200Cpu: tasks.filter((t) => (t.tdur ?? t.dur!) > 200_000).length });
  console.log(`TRACE ${name}: ${tasks.length} book tasks over 50 ms (+${all.length - tasks.length} harness GC); longest wall ${wall.toFixed(0)} ms; longest CPU ${cpu.toFixed(0)} ms; tasks over 200 ms: wall ${tasks.filter((t) => t.dur! > 200_000).length}, CPU ${tasks.filter((t) => (t.tdur ?? t.dur!) > 200_000).length}`);
  for (const t of [...tasks].sort((a, b) => (b.tdur ?? b.dur!) - (a.tdur ?? a.dur!)).slice(0, 4)) {
    const inside = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur! && e.name !== 'RunTask');
    const what = new Map<string, number>();
    for (const e of inside) {
      if (!/^(FunctionCall|EvaluateScript|TimerFire|FireAnimationFrame|EventDispatch|Layout|UpdateLayoutTree|Paint|PrePaint|Layerize|MajorGC|MinorGC|V8\.GC.*|ParseHTML|RunMicrotasks|v8\.run)$/.test(e.name)) continue;
      const d = e.args?.data;
      const label = e.name === 'FunctionCall' ? `FunctionCall ${d?.functionName || '?'}@${(d?.url ?? '').split('/').pop()}` : e.name === 'EventDispatch' ? `EventDispatch ${d?.type}` : e.name;
      what.set(label, (what.get(label) ?? 0) + (e.tdur ?? e.dur!) / 1000);
    }
    const top = [...what].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
    console.log(`  task wall ${(t.dur! / 1000).toFixed(0)} ms, CPU ${((t.tdur ?? t.dur!) / 1000).toFixed(0)} ms: ${top}`);
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/**
 * A CDP CPU profile per lab. Profile timestamps are on the browser's monotonic clock; the page's
 * performance.now() read right after Profiler.start anchors the two (error: a few ms).
 */
async function startProfiling(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  let anchor = 0;
  return {
    async begin() {
      await cdp.send('Profiler.start');
      anchor = await pageNow(page);
    },
    async attribute(name: string, tasks: LongTask[]) {
      const { profile } = (await cdp.send('Profiler.stop')) as {
        profile: { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };
      };
      const slow = tasks.filter((t) => t.duration > 200).sort((a, b) => b.duration - a.duration);
      if (!slow.length) return console.log(`ATTRIBUTION ${name}: no long task over 200 ms`);
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}@${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
      // Sample times on the page clock.
      const times: number[] = [];
      let t = profile.startTime;
      for (const d of profile.timeDeltas) times.push(((t += d) - profile.startTime) / 1000 + anchor);
      for (const task of slow.slice(0, 5)) {
        const self = new Map<string, number>();
        const incl = new Map<string, number>();
        for (let i = 0; i < profile.samples.length; i++) {
          if (times[i] < task.start || times[i] > task.start + task.duration) continue;
          const ms = (profile.timeDeltas[i + 1] ?? 500) / 1000;
          const leaf = byId.get(profile.samples[i])!;
          self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
          const seen = new Set<string>();
          for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
            const l = label(byId.get(id)!);
            if (seen.has(l) || /^\((root|program)\)/.test(l)) continue;
            seen.add(l);
            incl.set(l, (incl.get(l) ?? 0) + ms);
          }
        }
        const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([f, ms]) => `${f} ${ms.toFixed(0)}`).join(', ');
        console.log(`ATTRIBUTION ${name}: task ${task.duration.toFixed(0)} ms at ${(task.start / 1000).toFixed(1)} s\n  self: ${top(self, 6)}\n  inclusive: ${top(incl, 12)}`);
      }
    },
  };
}

function CSS_escape(s: string): string {
  return s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
