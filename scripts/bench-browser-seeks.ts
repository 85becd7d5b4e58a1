/**
 * Seek latency in the Raft lab in Chromium, driven through the lab's own controls, for
 * scripts/bench-browser.ts. The run is the heaviest the lab lets a reader make: 9 servers (the most
 * the Servers menu offers) and 400 client requests (the most actions a link keeps) spread up to the
 * lab's run time limit (`runTimeLimit`, where playing stops and a link may point no further), opened
 * from a link that points at the end of that run, as a shared run is.
 */
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { raft, raftScenarios } from '../src/sim/raft';
import { SeekableRun } from '../src/sim/core';
import type { LogEntry, Tagged } from '../src/sim/core';
import { runTimeLimit } from '../src/widgets/shared/store';
import { momentPayload, urlKey, URL_STATE_VERSION_COMPRESSED, type SharedMoment } from '../src/widgets/shared/urlState';
import { raftLabDef } from '../src/widgets/raft/definition';

const LAB = 'leader-election';
const SEL = `[id="${LAB}"]`;

/** The heaviest run (see the file comment) and its step count at the end; `requests: 0` keeps the servers' logs empty. */
export function heaviestRun(requests = 400): { moment: SharedMoment; limit: number } {
  const sc = raftScenarios.find((s) => s.id === LAB)!;
  const params = raft.sanitizeParams({ ...sc.params, servers: 9 }).value;
  const limit = runTimeLimit(raftLabDef, 'raft', params);
  const log: LogEntry<Tagged>[] = Array.from({ length: requests }, (_, i) => ({ at: Math.round(20 + (i * (limit - 20)) / Math.max(1, requests - 1)), action: { type: 'raft/request' } }));
  const end = new SeekableRun(raft, { mechanism: 'raft', seed: sc.seed, params, log }).cursorAtTime(limit);
  return { moment: { mechanism: 'raft', scenario: LAB, seed: sc.seed, params, log, steps: end.steps, t: limit }, limit };
}

/** The page's link to `m`: the lab's `v2.` encoding (deflate-raw, base64url; zlib makes the same bytes CompressionStream does). */
export function linkTo(base: string, m: SharedMoment): string {
  const packed = deflateRawSync(Buffer.from(JSON.stringify(momentPayload(m)))).toString('base64url');
  return `${base}ordering?${urlKey(LAB)}=${URL_STATE_VERSION_COMPRESSED}.${packed}#${LAB}`;
}

/**
 * In-page timing of each interaction, all performance.now(): `start` when its first event
 * (pointerdown or keydown) reaches the window, `end` when the last of its events has left the
 * window's bubble phase (React renders a discrete update before that: in the microtask after its
 * root listener), `raf` when the next frame's animation callbacks run, and `paint` in a task posted
 * from that callback, which runs once the frame's style, layout and paint are done (and after any task
 * queued before it). React flushes a discrete update's effects before the event returns, so they count
 * as script. `clock` is the
 * lab's "t = … · … events" text before and after, to drop inputs that changed nothing. Event Timing
 * entries (≥ 16 ms, the API's floor) are kept beside them as the browser's own figure.
 */
const INSTRUMENT = `(() => {
  const bb = (window.__bb = { list: [], events: [] });
  const clock = () => document.querySelector('${SEL} .lab-clock')?.textContent ?? '';
  const begin = (e) => { bb.cur = { ts: e.timeStamp, start: performance.now(), end: 0, raf: 0, paint: 0, before: clock() }; };
  const finish = () => {
    const c = bb.cur;
    // Events after the frame began (a keyup, a mouseup) belong to no seek: the interval stays disjoint from 'frame'.
    if (!c || c.raf) return;
    c.end = performance.now();
    if (c.asked) return;
    c.asked = true;
    requestAnimationFrame(() => {
      c.raf = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { c.paint = performance.now(); c.after = clock(); bb.list.push(c); };
      ch.port2.postMessage(0);
    });
  };
  addEventListener('pointerdown', begin, true);
  addEventListener('keydown', begin, true);
  for (const t of ['pointerdown', 'mousedown', 'input', 'change', 'pointerup', 'mouseup', 'click', 'keydown', 'keyup']) addEventListener(t, finish);
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) bb.events.push({ name: e.name, id: e.interactionId, duration: e.duration, processing: e.processingEnd - e.processingStart });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
})();`;

/** Called once the run is open and instrumented, and again after the last seek (to profile only the seeks). */
export interface Hooks {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** An Event Timing entry: `id` is its interactionId (0 for events that are not part of an interaction, such as input). */
export interface TimingEntry {
  name: string;
  id: number;
  duration: number;
  processing: number;
}

/** One measured seek (ms). */
export interface Seek {
  kind: string;
  /** Event dispatch start to the last handler's end: engine (SeekableRun) + React render and commit. */
  script: number;
  /** The next frame: animation callbacks (motion's frame loop starts each element's transition there), style, layout and paint. */
  frame: number;
  /** Input event timestamp to after that paint, including the wait for the frame (vsync) and input delivery. */
  toPaint: number;
}

/** Load the link, wake the lab, wait for the link's replay to land and install the timing. */
async function openRun(page: Page, url: string): Promise<void> {
  // Through a blank page: going to the URL the page already shows (it ends in #leader-election) would
  // be a same-document fragment navigation, keeping the lab where the last seeks left it.
  await page.goto('about:blank');
  await page.goto(url);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
  const lab = page.locator(SEL);
  await lab.scrollIntoViewIfNeeded();
  for (let i = 0; i < 60 && !(await page.locator(`${SEL}[data-hydrated="true"]`).count()); i++) {
    await page.keyboard.press('Shift');
    await page.waitForTimeout(250);
  }
  // Functions, not strings, in waitForFunction: the site's CSP forbids the eval a string predicate needs.
  await page.waitForFunction((sel) => !document.querySelector(`${sel} [data-restoring]`), SEL, { timeout: 60_000 });
  await page.locator(`${SEL} .lab-timeline-range`).scrollIntoViewIfNeeded();
  await page.evaluate(INSTRUMENT);
}

/** Wait for measurement `n` (0-based) to be recorded, then read it. */
async function take(page: Page, kind: string, n: number): Promise<Seek | null> {
  await page.waitForFunction((k) => (window as unknown as { __bb: { list: unknown[] } }).__bb.list.length > k, n, { timeout: 30_000, polling: 20 });
  const c = await page.evaluate<{ ts: number; start: number; end: number; raf: number; paint: number; before: string; after: string }>(`window.__bb.list[${n}]`);
  if (c.before === c.after) return null;
  return { kind, script: c.end - c.start, frame: c.paint - c.raf, toPaint: c.paint - c.ts };
}

/** A seeded PRNG, so both runs of the benchmark seek the same positions. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
}

/**
 * Drive `rounds` rounds of: a click at a random point of the time scrubber, the Step back button,
 * ← on the lab (step back), every 6th round Home on the lab (seek to 0), and a random scrubber key
 * (Home, End, PageUp, PageDown, ←, →) with the scrubber focused. Returns every seek that changed the
 * lab's clock, the number of inputs sent (no-ops included), and the Event Timing entries seen meanwhile.
 */
export async function seekLoop(page: Page, url: string, rounds: number, hooks?: Hooks): Promise<{ seeks: Seek[]; inputs: number; events: TimingEntry[] }> {
  await openRun(page, url);
  await hooks?.start();
  // Where a control is now, scrolled into view if it left it: the lab's height changes with the run
  // (the log grid empties at t=0), so a position read once would miss. Plain DOM calls through CDP
  // rather than locators, so Playwright's selector engine stays out of the profile.
  const rect = (css: string) =>
    page.evaluate<{ x: number; y: number; width: number; height: number }>(
      `(() => { const el = document.querySelector('${SEL} ${css}'); el.scrollIntoView({ block: 'nearest' }); const b = el.getBoundingClientRect(); return { x: b.x, y: b.y, width: b.width, height: b.height }; })()`,
    );
  const focus = (css: string) => page.evaluate(`document.querySelector('${SEL}${css}').focus()`);
  const clickAt = async (css: string, at: number) => {
    const b = await rect(css);
    await page.mouse.click(b.x + 8 + at * (b.width - 16), b.y + b.height / 2);
  };
  const rand = lcg(20261205);
  const seeks: Seek[] = [];
  let n = 0;
  const measure = async (kind: string, act: () => Promise<void>) => {
    await act();
    const s = await take(page, kind, n++);
    if (s) seeks.push(s);
  };
  const keys = ['Home', 'End', 'PageUp', 'PageDown', 'ArrowLeft', 'ArrowRight'];
  for (let i = 0; i < rounds; i++) {
    const x = rand();
    await measure('scrubber click', () => clickAt('.lab-timeline-range', x));
    await measure('Step back button', () => clickAt('button[aria-label="Step back one event"]', 0.5));
    await focus('');
    await measure('← on the lab', () => page.keyboard.press('ArrowLeft'));
    if (i % 6 === 5) await measure('Home on the lab', () => page.keyboard.press('Home'));
    await focus(' .lab-timeline-range');
    await measure('scrubber key', () => page.keyboard.press(keys[Math.floor(rand() * keys.length)]));
  }
  await hooks?.stop();
  const events = await page.evaluate<TimingEntry[]>('window.__bb.events');
  return { seeks, inputs: n, events };
}

/**
 * The one seek the snapshot cache cannot help: the first seek to the end of a run that has not been
 * computed yet (a link pointing at t=0, then End on the scrubber). Playing computes the run frame by
 * frame instead, so a reader meets this only through a link or a run file opened at the start.
 */
export async function coldSeek(page: Page, url: string, hooks?: Hooks): Promise<Seek | null> {
  await openRun(page, url);
  await page.locator(`${SEL} .lab-timeline-range`).focus();
  await hooks?.start();
  await page.keyboard.press('End');
  const s = await take(page, 'first seek to the end (uncomputed run)', 0);
  await hooks?.stop();
  return s;
}
