/**
 * Timing experiments on the Raft core.
 *
 * 1. Leader-election downtime after a leader crash: the setup of Figure 16 in Ongaro & Ousterhout
 *    (2014, §9.3). Five servers; in each trial the leader first makes a synchronised broadcast of
 *    AppendEntries (approximating replication of a new entry just before the crash), so all
 *    followers restart their election timers at nearly the same moment; followers hold logs of
 *    different lengths, so some of them cannot win; the leader then crashes at a uniformly random
 *    point of its heartbeat interval (half the minimum election timeout). Downtime runs from the
 *    crash until a new leader is elected.
 * 2. Split-vote rate of the first election after a crash against one-way latency, next to the
 *    closed form in splitVote.ts.
 *
 * Both run with tracing and invariant checks off: they measure timing, and the safety properties
 * are covered by the property tests.
 */
import { defaultParams } from './params';
import { draw, streamSeed, uniform } from './prng';
import type { Entry, RaftParams, RaftState, Server } from './types';
import { applyAction, initCluster, runUntil, stepOnce } from './world';

/** One timeout range of experiment 1. */
export interface TimeoutRange {
  readonly min: number;
  readonly max: number;
}

/** The six ranges of the paper's Figure 16 (top). */
export const figure16Ranges: readonly TimeoutRange[] = [
  { min: 150, max: 150 },
  { min: 150, max: 151 },
  { min: 150, max: 155 },
  { min: 150, max: 175 },
  { min: 150, max: 200 },
  { min: 150, max: 300 },
];

/** Network model for the experiments: one-way latency uniform in [min, max] ms. */
export interface NetModel {
  readonly latencyMin: number;
  readonly latencyMax: number;
}

/**
 * Default network for experiment 1: a few milliseconds one way with a little jitter, standing in for
 * the paper's LAN cluster of servers on which its implementation ran.
 */
export const figure16Net: NetModel = { latencyMin: 2, latencyMax: 4 };

/** Trials that elect nobody within this much virtual time are reported as censored. */
export const DOWNTIME_CAP_MS = 10_000;

/** Options for one election trial. */
export interface ElectionTrial {
  readonly seed: number;
  readonly range: TimeoutRange;
  readonly net: NetModel;
  /** Give followers logs of different lengths (Figure 16) or equal logs (experiment 2). */
  readonly unequalLogs: boolean;
  readonly cap?: number;
  /** Stop as soon as the first post-crash term (2) is decided: won, or abandoned for term 3. */
  readonly firstTermOnly?: boolean;
}

/** Outcome of one trial: downtime in ms (Infinity if censored) and the term the new leader won. */
export interface ElectionResult {
  readonly downtime: number;
  readonly term: number;
}

/**
 * Run one trial. The cluster starts in term 1 with S1 as leader; S1 broadcasts AppendEntries at
 * time 0, crashes at a uniform time within one heartbeat interval, and the clock stops at the next
 * election win.
 */
export function electionTrial(o: ElectionTrial): ElectionResult {
  const n = 5;
  const heartbeat = o.range.min / 2;
  const params: RaftParams = {
    ...defaultParams,
    servers: n,
    electionMin: o.range.min,
    electionMax: o.range.max,
    heartbeat,
    latencyMin: o.net.latencyMin,
    latencyMax: o.net.latencyMax,
    checkInvariants: false,
    recordTrace: false,
  };
  let r = streamSeed(o.seed, 'trial');
  const rnd = (): number => {
    const d = draw(r);
    r = d.next;
    return d.value;
  };
  const full: Entry[] = [1, 2, 3].map((i) => ({ term: 1, cmd: `c${i}`, id: `c${i}` }));
  const base = initCluster(o.seed, params);
  let rngTimers = base.rngTimers;
  const servers: Server[] = base.servers.map((sv, i) => {
    const len = i === 0 || !o.unequalLogs ? full.length : 1 + Math.floor(rnd() * full.length);
    const common: Server = { ...sv, currentTerm: 1, log: full.slice(0, len), commitIndex: 1, votedFor: 'S1', leaderId: 'S1' };
    if (i === 0) return { ...common, role: 'leader', electionAt: Infinity, heartbeatAt: Infinity };
    // The synchronised broadcast: an empty AppendEntries that passes this follower's consistency
    // check reaches it after one network delay and re-arms its election timer.
    const arrive = uniform(r, o.net.latencyMin, o.net.latencyMax);
    r = arrive.next;
    const timeout = uniform(rngTimers, o.range.min, o.range.max);
    rngTimers = timeout.next;
    return { ...common, electionArmedAt: arrive.value, electionAt: arrive.value + timeout.value };
  });
  let s: RaftState = { ...base, servers, rngTimers };
  const crashAt = uniform(r, 0, heartbeat).value;
  s = runUntil(s, crashAt);
  s = applyAction(s, { type: 'crash', node: 'S1' });
  const cap = crashAt + (o.cap ?? DOWNTIME_CAP_MS);
  for (;;) {
    const next = stepOnce(s);
    if (next === s || next.now > cap) return { downtime: Infinity, term: 0 };
    s = next;
    for (const sv of s.servers) {
      if (sv.up && sv.role === 'leader') return { downtime: s.now - crashAt, term: sv.currentTerm };
      if (o.firstTermOnly && sv.currentTerm > 2) return { downtime: Infinity, term: sv.currentTerm };
    }
  }
}

/** Progress callback: fraction done in [0, 1]. Return false to cancel. */
export type Progress = (done: number) => boolean;

/** Experiment 1 result for one range: sorted downtimes (Infinity = censored). */
export interface DowntimeSeries {
  readonly range: TimeoutRange;
  readonly downtimes: readonly number[];
}

/** Run experiment 1. Returns null if cancelled through `progress`. */
export function runFigure16(
  trials: number,
  ranges: readonly TimeoutRange[] = figure16Ranges,
  net: NetModel = figure16Net,
  progress: Progress = () => true,
  seed = 1,
): DowntimeSeries[] | null {
  const out: DowntimeSeries[] = [];
  const total = trials * ranges.length;
  let done = 0;
  for (const range of ranges) {
    const downtimes: number[] = [];
    for (let i = 0; i < trials; i++) {
      downtimes.push(electionTrial({ seed: seed * 1_000_003 + i, range, net, unequalLogs: true }).downtime);
      done++;
      if (done % 50 === 0 && !progress(done / total)) return null;
    }
    downtimes.sort((a, b) => a - b);
    out.push({ range, downtimes });
  }
  progress(1);
  return out;
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** One point of experiment 2. */
export interface SplitPoint {
  readonly latency: number;
  readonly trials: number;
  readonly splits: number;
}

/**
 * Experiment 2: fraction of first elections after a crash that split, for fixed one-way latencies.
 * Followers' logs are equal and latency is constant, which are the assumptions of the closed form.
 */
export function runSplitVotes(
  latencies: readonly number[],
  trials: number,
  range: TimeoutRange = { min: 150, max: 300 },
  progress: Progress = () => true,
  seed = 1,
): SplitPoint[] | null {
  const out: SplitPoint[] = [];
  let done = 0;
  const total = latencies.length * trials;
  for (const latency of latencies) {
    let splits = 0;
    for (let i = 0; i < trials; i++) {
      const res = electionTrial({
        seed: seed * 7_919 + i * 31 + latency,
        range,
        net: { latencyMin: latency, latencyMax: latency },
        unequalLogs: false,
        firstTermOnly: true,
      });
      // The first candidacy after the crash is for term 2; winning a later term means term 2 split.
      if (res.term !== 2) splits++;
      done++;
      if (done % 50 === 0 && !progress(done / total)) return null;
    }
    out.push({ latency, trials, splits });
  }
  progress(1);
  return out;
}
