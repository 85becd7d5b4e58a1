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
import { cloneRng, createRng, nextFloatMut } from '../core/rng';
import { raftWorldQuiet } from './mechanism';
import { defaultParams } from './params';
import type { RaftParams, RaftWorld } from './types';

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

/**
 * What Ongaro & Ousterhout (2014, §9.3) report for the ranges they name in the text, so a reader can
 * set the simulated figures beside the published ones; the other ranges appear only in their plot.
 */
export const paperFigure16: Readonly<Record<string, string>> = {
  '150–150 ms': 'over 10 s (split votes)',
  '150–155 ms': 'median 287 ms',
  '150–200 ms': 'worst 513 ms',
};

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

/**
 * The timing model of experiment 1 besides the network (see the lab's text for where each comes from):
 * - `diskWrite`: ms to persist currentTerm, votedFor or log entries before answering (Figure 2);
 * - `driftPpm`: each server's clock runs fast or slow by a constant drawn in ±driftPpm parts per million;
 * - `timerJitter`: each timer fires up to this many ms late (the process is not scheduled at once).
 */
export interface TimingModel {
  readonly diskWrite: number;
  readonly driftPpm: number;
  readonly timerJitter: number;
}

/** Default timing model for experiment 1. */
export const figure16Timing: TimingModel = { diskWrite: 9, driftPpm: 5, timerJitter: 0.5 };

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
  /** Cluster size n (default 5). */
  readonly servers?: number;
  /** Servers still up after the crash (default n − 1: only the leader crashes). */
  readonly survivors?: number;
  /** Heartbeat interval in ms (default half the minimum election timeout, as in the paper). */
  readonly heartbeat?: number;
  /** Disk, clock drift and timer jitter (default: none of them). */
  readonly timing?: TimingModel;
}

/** Outcome of one trial: downtime in ms (Infinity if censored) and the term the new leader won. */
export interface ElectionResult {
  readonly downtime: number;
  readonly term: number;
}

/**
 * Events run in one batch between checks for a decision: small at first (most trials decide within
 * a few dozen events, and events past the decision are wasted), doubling while nothing is decided.
 */
const FIRST_CHUNK = 16;
const MAX_CHUNK = 1024;

/** The earliest election won so far (servers mark their first win in experiment runs), and the highest term reached. */
function summary(w: RaftWorld): { won: { t: number; term: number } | undefined; term: number } {
  let won: { t: number; term: number } | undefined;
  let term = 0;
  for (const id of w.nodeIds) {
    const st = w.nodes[id].state;
    if (st.elected && (!won || st.elected.t < won.t)) won = st.elected;
    if (st.currentTerm > term) term = st.currentTerm;
  }
  return { won, term };
}

/**
 * When the downtime ends, or undefined if not yet: the moment the last of the other surviving servers
 * received a post-crash leader's first heartbeat, i.e. the (survivors − 1)-th earliest `heard` mark
 * (the leader itself hears from no one). Marks are permanent, so a batch that overshoots still gives
 * the exact moment.
 */
function heardBy(w: RaftWorld, need: number): number | undefined {
  if (need <= 0) return undefined;
  const ts: number[] = [];
  for (const id of w.nodeIds) {
    const rec = w.nodes[id];
    if (rec.up && rec.state.heard !== undefined) ts.push(rec.state.heard);
  }
  if (ts.length < need) return undefined;
  ts.sort((a, b) => a - b);
  return ts[need - 1];
}

/** Per-event check, as the trial defines its end: an up leader, or (first term only) a term past 2. */
function decidedNow(w: RaftWorld, firstTermOnly: boolean): boolean {
  for (const id of w.nodeIds) {
    const rec = w.nodes[id];
    if (rec.up && rec.state.role === 'leader') return true;
    if (firstTermOnly && rec.state.currentTerm > 2) return true;
  }
  return false;
}

/**
 * Run one trial on the kernel world (no trace, no checks). The cluster starts in term 1 with S1 as
 * leader; S1's synchronised broadcast leaves at time 0 (see `preset` in protocol.ts), S1 (and, when
 * fewer servers survive, the highest-numbered followers) crash at a uniform time within one heartbeat
 * interval. Downtime ends, as in the paper, when the other surviving servers have received the new
 * leader's first heartbeat; `firstTermOnly` trials instead end when term 2 is won or abandoned.
 *
 * Events run in batches; every way a trial can end leaves a permanent mark (a server's `elected` or
 * `heard`, the highest term), so a batch that ends decided contains the deciding event, and only that
 * batch is re-run one event at a time when the order of two marks matters.
 */
export function electionTrial(o: ElectionTrial): ElectionResult {
  const n = o.servers ?? 5;
  const survivors = Math.max(1, Math.min(n - 1, o.survivors ?? n - 1));
  const heartbeat = o.heartbeat ?? o.range.min / 2;
  const timing = o.timing ?? { diskWrite: 0, driftPpm: 0, timerJitter: 0 };
  const r = cloneRng(createRng(o.seed, 'trial'));
  const logLengths = Array.from({ length: n }, (_, i) => (i === 0 || !o.unequalLogs ? 3 : 1 + Math.floor(nextFloatMut(r) * 3)));
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
    preset: { logLengths },
    ...(timing.diskWrite > 0 ? { diskWrite: timing.diskWrite } : {}),
    ...(timing.driftPpm > 0 ? { driftPpm: timing.driftPpm } : {}),
    ...(timing.timerJitter > 0 ? { timerJitter: timing.timerJitter } : {}),
  };
  const W = raftWorldQuiet;
  const crashAt = nextFloatMut(r) * heartbeat;
  let w = W.runUntil(W.init(o.seed, params), crashAt);
  w = W.apply(w, { type: 'node/crash', node: 'S1' });
  for (let k = n; k > survivors + 1; k--) w = W.apply(w, { type: 'node/crash', node: `S${k}` });
  const cap = crashAt + (o.cap ?? DOWNTIME_CAP_MS);
  const firstTermOnly = o.firstTermOnly === true;
  for (let size = FIRST_CHUNK; ; size = Math.min(MAX_CHUNK, size * 2)) {
    const chunk = W.runUntil(w, cap, size);
    if (!firstTermOnly) {
      const end = heardBy(chunk, survivors - 1);
      if (end !== undefined && end <= cap) return { downtime: end - crashAt, term: summary(chunk).won?.term ?? 0 };
      if (chunk === w || W.peek(chunk) > cap) return { downtime: Infinity, term: 0 };
      w = chunk;
      continue;
    }
    const m = summary(chunk);
    if (m.won === undefined && m.term <= 2) {
      if (chunk === w || W.peek(chunk) > cap) return { downtime: Infinity, term: 0 };
      w = chunk;
      continue;
    }
    // With only one kind of mark, the first win is the answer; otherwise replay this batch event by event.
    if (m.term <= 2) return { downtime: m.won!.t - crashAt, term: m.won!.term };
    for (;;) {
      w = W.runUntil(w, cap, 1);
      if (!decidedNow(w, true)) continue;
      const leader = w.nodeIds.map((id) => w.nodes[id]).find((rec) => rec.up && rec.state.role === 'leader');
      return leader ? { downtime: w.now - crashAt, term: leader.state.currentTerm } : { downtime: Infinity, term: summary(w).term };
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

/**
 * Everything experiment 1 holds fixed across its trials besides the timeout range: the network, the
 * timing model, the cluster and the trial cap. Optional fields default to the paper's setup (five
 * servers, only the leader crashes, heartbeats at half the minimum timeout, 10 s cap, no timing noise).
 */
export interface Figure16Setup extends NetModel {
  readonly servers?: number;
  readonly survivors?: number;
  readonly heartbeat?: number;
  readonly cap?: number;
  readonly timing?: TimingModel;
}

/** The default setup of experiment 1 (network and timing model as explained in the lab's text). */
export const figure16Setup: Figure16Setup = { ...figure16Net, timing: figure16Timing };

/**
 * Downtime of trial `i` of experiment 1 for one range. The trial's seed depends only on the run's
 * seed and `i`, never on which worker runs it, which is what lets trialShares.ts share trials out.
 */
export function figure16Trial(seed: number, i: number, range: TimeoutRange, setup: Figure16Setup): number {
  return electionTrial({
    seed: seed * 1_000_003 + i,
    range,
    net: setup,
    unequalLogs: true,
    ...(setup.servers !== undefined ? { servers: setup.servers } : {}),
    ...(setup.survivors !== undefined ? { survivors: setup.survivors } : {}),
    ...(setup.heartbeat !== undefined ? { heartbeat: setup.heartbeat } : {}),
    ...(setup.cap !== undefined ? { cap: setup.cap } : {}),
    ...(setup.timing !== undefined ? { timing: setup.timing } : {}),
  }).downtime;
}

/** Run experiment 1. Returns null if cancelled through `progress`. */
export function runFigure16(
  trials: number,
  ranges: readonly TimeoutRange[] = figure16Ranges,
  setup: Figure16Setup = figure16Setup,
  progress: Progress = () => true,
  seed = 1,
): DowntimeSeries[] | null {
  const out: DowntimeSeries[] = [];
  const total = trials * ranges.length;
  let done = 0;
  for (const range of ranges) {
    const downtimes: number[] = [];
    for (let i = 0; i < trials; i++) {
      downtimes.push(figure16Trial(seed, i, range, setup));
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
 * Followers' logs are equal, latency is constant and there is no disk delay or timer noise, which are
 * the assumptions of the closed form; `cluster` sets n and the survivors s (default 5 and n − 1).
 */
export function runSplitVotes(
  latencies: readonly number[],
  trials: number,
  range: TimeoutRange = { min: 150, max: 300 },
  progress: Progress = () => true,
  seed = 1,
  cluster: { readonly servers?: number; readonly survivors?: number } = {},
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
        ...(cluster.servers !== undefined ? { servers: cluster.servers } : {}),
        ...(cluster.survivors !== undefined ? { survivors: cluster.survivors } : {}),
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
