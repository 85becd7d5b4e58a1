/**
 * CDP sampling-profile helpers for scripts/bench-browser.ts: start the V8 sampler on a page, and
 * summarise a profile as its top self-time functions. The built code is minified, so each line also
 * shows a few characters of the built source at the function's position, which is how it is named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from '@playwright/test';

/** The parts of a CDP `Profiler.Profile` this summary reads. */
export interface CpuProfile {
  nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Start sampling every 100 µs (seeks are milliseconds long; the default 1 ms would see a handful of samples each). */
export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
}

/** Stop sampling and return the profile. */
export async function stopProfile(cdp: CDPSession): Promise<CpuProfile> {
  return (await cdp.send('Profiler.stop')).profile as CpuProfile;
}

type Frame = CpuProfile['nodes'][number]['callFrame'];

const keyOf = (f: Frame) => `${f.functionName || '(anonymous)'}\t${f.url}\t${f.lineNumber}\t${f.columnNumber}`;

/** One printable line: ms, share, name, chunk:line:col and a few characters of the built source there. */
function line(key: string, ms: number, total: number, dir: string): string {
  const [fn, url, ln, col] = key.split('\t');
  const file = url.replace(/^https?:\/\/[^/]+\//, '');
  let snippet = '';
  try {
    if (file) snippet = readFileSync(join(dir, file), 'utf8').split('\n')[Number(ln)].slice(Number(col), Number(col) + 60);
  } catch {
    // Not a built file (native code, the profiler's own entries).
  }
  return `${ms.toFixed(1).padStart(7)} ms ${((100 * ms) / total).toFixed(0).padStart(3)}%  ${fn} ${file.split('/').pop()}:${ln}:${col}  ${snippet.replace(/\s+/g, ' ')}`;
}

/**
 * Summarise a profile: the top `n` functions by self time (samples × their time deltas), self time
 * per script chunk (React is in index-*.js, the lab in RaftLab-*.js, the engine in raft-*.js; natives
 * have no chunk), and the top `n` lab functions (not React's, motion's or d3's) by inclusive time, which name the
 * component or hook a seek spends its time under. Idle and `(program)` (the browser's own work
 * outside JavaScript) are left out of the total; `(garbage collector)` is kept, since allocation is
 * part of what a seek costs. `dir` is the built site, for the snippets.
 */
export function topSelfTime(p: CpuProfile, dir: string, n = 12): { totalMs: number; lines: string[] } {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const chunks = new Map<string, number>();
  let total = 0;
  (p.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    // timeDeltas[i + 1] is the time until the next sample, i.e. how long this sample's frame ran.
    const dt = (p.timeDeltas?.[i + 1] ?? 0) / 1000;
    if (!f || f.functionName === '(idle)' || f.functionName === '(program)') return;
    self.set(keyOf(f), (self.get(keyOf(f)) ?? 0) + dt);
    const chunk = f.url ? (f.url.split('/').pop() ?? '').replace(/-[\w-]{8}\.js$/, '') : f.functionName.startsWith('(') ? f.functionName : '(native)';
    chunks.set(chunk, (chunks.get(chunk) ?? 0) + dt);
    total += dt;
    // Each function on the stack once, however deep the recursion.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const g = byId.get(at)!.callFrame;
      if (/\/assets\/(?!index-|motion-|d3-)/.test(g.url)) seen.add(keyOf(g));
    }
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
  });
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return {
    totalMs: total,
    lines: [
      ...top(self).map(([k, ms]) => line(k, ms, total, dir)),
      `  self time per chunk: ${top(chunks).map(([c, ms]) => `${c} ${((100 * ms) / total).toFixed(0)}%`).join(', ')}`,
      '  lab and engine functions by inclusive time (React, motion, d3 and natives left out):',
      ...top(inclusive).map(([k, ms]) => line(k, ms, total, dir)),
    ],
  };
}
