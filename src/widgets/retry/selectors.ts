/**
 * Pure selectors from the retry cores' states to what the RetryLab draws and says: the picture's
 * geometry-free data, and the one-sentence caption "what just happened, and why" derived from the
 * trace and the state.
 */
import {
  ampLayers, ampPolicyLabel, clientName, msPolicyLabel, strategyLabel, expo,
  type AmpState, type ContentionState, type MsPoint, type MsState, type Strategy,
} from '../../sim/retry';
import type { Time, TraceEntry } from '../../sim/core';

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How each strategy picks a wait, in words (for the caption and the legend). */
export function strategyRule(s: Strategy, n: number, base: number, cap: number): string {
  const v = expo(n, base, cap);
  switch (s) {
    case 'none':
      return 'no wait at all';
    case 'exponential':
      return `exactly ${fmtMs(v)}, the same as every other client on retry ${n}`;
    case 'full':
      return `a random time between 0 and ${fmtMs(v)} (full jitter)`;
    case 'equal':
      return `${fmtMs(v / 2)} plus a random time up to ${fmtMs(v / 2)} (equal jitter)`;
    case 'decorrelated':
      return 'a random time between the base and three times its previous wait (decorrelated jitter)';
  }
}

/** One write attempt in the raster: when, by whom, and whether it won. */
export interface AttemptMark {
  readonly t: Time;
  readonly client: number;
  readonly ok: boolean;
}

/** Every write attempt so far, from the trace (the raster under the picture). */
export function attempts(trace: readonly TraceEntry[]): AttemptMark[] {
  const out: AttemptMark[] = [];
  for (const e of trace) {
    if (e.kind !== 'deliver' || e.node !== 'row') continue;
    const d = e.data as { ok: boolean; client: number };
    out.push({ t: e.t, client: d.client, ok: d.ok });
  }
  return out;
}

/** Counters of a contention run at this instant. */
export function contentionStats(s: ContentionState) {
  const done = s.clients.filter((c) => c.phase === 'done').length;
  return { calls: s.calls, conflicts: s.conflicts, done, clients: s.clients.length, finished: done === s.clients.length };
}

/** The caption for the contention picture. */
export function contentionCaption(s: ContentionState, trace: readonly TraceEntry[]): string {
  const n = s.clients.length;
  const p = s.params;
  const st = contentionStats(s);
  if (st.finished) {
    return `All ${n} clients are done: ${plural(st.calls, 'write attempt')} for ${n} successful writes (${plural(st.conflicts, 'conflict')}), the last at ${fmtMs(s.completedAt)}. ${strategyLabel[p.strategy]}.`;
  }
  const last = trace[trace.length - 1];
  if (!last) return `All ${n} clients read the row at the same moment, so they will all try to write back the same version; only the first write to arrive can win.`;
  const d = last.data as { ok?: boolean; client?: number; wait?: number; retry?: number } | undefined;
  if (last.kind === 'deliver' && d?.client !== undefined) {
    const who = clientName(d.client);
    return d.ok
      ? `${who}'s write went through: nobody had written since ${who} read the row, so the row moved on a version and ${who} is done (${st.done} of ${n}).`
      : `${who}'s write was refused: another client wrote first, so the version ${who} read is stale. ${who} must back off, read again and retry.`;
  }
  if (last.kind === 'timer' && d?.client === undefined && d?.wait !== undefined) {
    const who = last.node ?? 'A client';
    return `${who} heard its write was refused and waits ${fmtMs(d.wait)} before retry ${d.retry}: ${strategyRule(p.strategy, d.retry ?? 1, p.base, p.cap)}.`;
  }
  return last.label;
}

/** One column of the amplification picture: calls per client request at each layer. */
export interface AmpColumn {
  readonly policy: string;
  readonly label: string;
  readonly perRequest: readonly number[];
  readonly received: readonly number[];
  readonly requests: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Retries the budget refused so far (budget column only). */
  readonly refused: number;
}

/** The three columns, with load per client request (0 before any request). */
export function ampColumns(s: AmpState): AmpColumn[] {
  return s.variants.map((v) => ({
    policy: v.policy,
    label: ampPolicyLabel[v.policy],
    perRequest: v.received.map((r) => (v.requests > 0 ? r / v.requests : 0)),
    received: v.received,
    requests: v.requests,
    succeeded: v.succeeded,
    failed: v.failed,
    refused: v.budgets.reduce((a, b) => a + b.refused, 0),
  }));
}

/** Calls per second at the database in each column over the last `windowMs` (the live multiplier). */
export function ampRecentDbLoad(s: AmpState, windowMs = 1000): number[] {
  const b = s.params.bucketMs;
  const last = Math.floor(s.now / b);
  const first = Math.max(0, last - Math.round(windowMs / b) + 1);
  return s.variants.map((v) => {
    let sum = 0;
    for (let i = first; i <= last && i < v.series.length; i++) sum += v.series[i]![2];
    return (sum * 1000) / ((last - first + 1) * b);
  });
}

/** The caption for the amplification picture. */
export function ampCaption(s: AmpState, trace: readonly TraceEntry[] = []): string {
  const cols = ampColumns(s);
  const rate = s.params.rate;
  if (cols[0]!.requests === 0) return `Clients send ${rate} requests a second through edge, service and database. Nothing has failed yet.`;
  const k = s.params.attempts;
  if (s.dbFailing) {
    const db = ampRecentDbLoad(s).map((x) => Math.round(x));
    return `The database is failing, so every layer's call fails and each caller tries again: over the last second the database received ${db[0]} calls/s when every layer retries (up to ${k}³ = ${k ** 3} per request), ${db[1]} with one retrying layer, and ${db[2]} under the budget, for ${rate} client requests/s.`;
  }
  const failedBefore = trace.some((e) => e.kind === 'note' && e.label === 'The database starts failing');
  const db = ampRecentDbLoad(s, s.params.bucketMs).map((x) => Math.round(x));
  return `The database is ${failedBefore ? 'healthy again' : 'healthy'}: each new client request costs one call per layer in all three columns (${db.join(', ')} database calls/s just now, for ${rate} requests/s).`;
}

/** Rates for the metastable chart: per second, from one bucket. */
export function msRates(s: MsState, p: MsPoint) {
  const f = 1000 / s.params.bucketMs;
  return { offered: p.offered * f, goodput: p.goodput * f, wasted: p.wasted * f, shed: p.shed * f, queue: p.queue };
}

/** Capacity in requests per second at full speed. */
export const msCapacity = (s: MsState): number => 1000 / s.params.serviceMs;

/** Whether the trigger is on now, and its window as far as the trace tells (start, end or NaN). */
export function msTriggerWindow(s: MsState, trace: readonly TraceEntry[]): { start: Time; end: Time }[] {
  const out: { start: Time; end: Time }[] = [];
  for (const e of trace) {
    if (e.kind !== 'note' || e.node !== 'server') continue;
    if (e.label.startsWith('Trigger:')) out.push({ start: e.t, end: NaN });
    else if (out.length > 0 && Number.isNaN(out[out.length - 1]!.end)) out[out.length - 1] = { start: out[out.length - 1]!.start, end: e.t };
  }
  return out.map((w) => ({ start: w.start, end: Number.isNaN(w.end) ? Math.max(s.now, w.start) : w.end }));
}

/** Averages over the last second (the numbers beside the chart). */
export function msNow(s: MsState) {
  const b = s.params.bucketMs;
  const last = Math.floor(s.now / b);
  const n = Math.max(1, Math.round(1000 / b));
  const pts = s.series.slice(Math.max(0, last - n), last);
  const sum = (k: keyof MsPoint) => pts.reduce((a, p) => a + p[k], 0);
  const secs = (pts.length * b) / 1000 || 1;
  return {
    offered: sum('offered') / secs,
    fresh: sum('fresh') / secs,
    goodput: sum('goodput') / secs,
    wasted: sum('wasted') / secs,
    shed: sum('shed') / secs,
    queue: s.jobs.length - s.head,
    capacity: msCapacity(s) * s.capacity,
  };
}

/** The caption for the metastable picture. */
export function msCaption(s: MsState, trace: readonly TraceEntry[]): string {
  const x = msNow(s);
  const r = (v: number) => Math.round(v);
  const windows = msTriggerWindow(s, trace);
  const w = windows[windows.length - 1];
  const on = w !== undefined && s.triggerUntil > s.now;
  const policy = msPolicyLabel[s.policy];
  if (!w) return `Healthy: clients offer ${r(x.offered)} requests/s against a capacity of ${r(msCapacity(s))}/s, and ${r(x.goodput)}/s come back before the ${s.params.timeoutMs} ms timeout. Policy: ${policy}.`;
  if (on) return `Trigger: the server can now do only ${r(x.capacity)} requests/s. The queue (${x.queue}) grows, waits pass the ${s.params.timeoutMs} ms timeout, and clients start retrying: ${r(x.offered)} attempts/s, of which ${r(x.fresh)} new.`;
  const since = fmtMs(s.now - w.end);
  if (x.goodput < 0.5 * x.fresh || (x.queue * s.params.serviceMs > s.params.timeoutMs && x.goodput < 0.5 * x.offered)) {
    return `The trigger ended ${since} ago, yet goodput is ${r(x.goodput)}/s: the server works at full speed on a queue of ${x.queue}, mostly requests whose clients gave up, while retries keep ${r(x.offered)} attempts/s coming. Policy: ${policy}.`;
  }
  return `Recovered: ${r(x.goodput)} requests/s come back in time, ${r(x.offered)}/s are offered and the queue is ${x.queue}. Policy: ${policy}${x.shed > 0 ? `, shedding ${r(x.shed)} stale requests/s` : ''}.`;
}

/** Layer names for labels. */
export const layerNames = ampLayers;
