/**
 * Probabilistically Bounded Staleness (Bailis, Venkataraman, Franklin,
 * Hellerstein & Stoica, VLDB 2012).
 *
 * Two results are implemented:
 *
 * 1. k-staleness, closed form (§3.2). With quorums chosen uniformly at random
 *    and no propagation beyond the quorum, a read misses one write with
 *    probability p_s = C(N−W, R) / C(N, R); it misses each of the last k
 *    (independently placed) writes with probability p_s^k, so it returns one of
 *    the last k versions with probability 1 − p_s^k.
 *
 * 2. t-visibility under the WARS model (§4): the coordinator sends a write to
 *    all N replicas; replica i receives it after W_i and its ack takes A_i; the
 *    write commits at the W-th smallest W_i + A_i. A read issued t ms after
 *    commit reaches replica i after R_i; its reply takes S_i; the read uses the
 *    first R replies (smallest R_i + S_i). Replica i's reply is fresh iff the
 *    write reached it before the read did: W_i ≤ commit + t + R_i. The paper
 *    evaluates this by Monte Carlo; so do we, per trial computing the least t
 *    at which the read would be consistent (so one trial serves every t).
 *
 * Latency fits (Table 3 of the paper, from LinkedIn and Yammer production
 * measurements): mixtures of a Pareto body and an exponential tail, in ms.
 * The WAN profile (§5) gives replicas different latencies: LNKD-DISK inside a
 * datacenter, plus 75 ms on every one-way message to another datacenter.
 */
import type { Dist } from '../core/dist';
import { createRng, cloneRng, nextFloatMut, nextU32Mut as rngNext, type MutRng } from '../core/rng';
import { sampleMut } from '../core/dist';

/** The four WARS legs of one replica: write arrives (W), its ack returns (A), read arrives (R), its reply returns (S). */
export interface WarsLegs {
  readonly w: Dist;
  readonly a: Dist;
  readonly r: Dist;
  readonly s: Dist;
}

/**
 * One latency profile: a distribution per WARS leg, for replicas in the coordinator's datacenter.
 * With `remote`, replicas differ (§5 of the paper, WAN): for each write one replica, chosen uniformly,
 * shares the write coordinator's datacenter and every other replica's W and A follow `remote`; for each
 * read, independently, one replica shares the read coordinator's datacenter and the others' R and S
 * follow `remote` (as in the authors' simulator).
 */
export interface WarsProfile extends WarsLegs {
  readonly id: string;
  readonly label: string;
  readonly remote?: WarsLegs;
  readonly source: string;
}

/** `d` moved right by `by` ms (every leaf of a mixture shifted), e.g. a local latency plus a WAN hop. */
export function shiftDist(d: Dist, by: number): Dist {
  switch (d.kind) {
    case 'constant':
      return { kind: 'constant', value: d.value + by };
    case 'uniform':
      return { kind: 'uniform', min: d.min + by, max: d.max + by };
    case 'exponential':
    case 'lognormal':
    case 'pareto':
      return { ...d, shift: (d.shift ?? 0) + by };
    case 'mixture':
      return { kind: 'mixture', parts: d.parts.map((p) => ({ weight: p.weight, dist: shiftDist(p.dist, by) })) };
  }
}

/** Every leg of a profile shifted by `by` ms: the same service, one extra one-way network hop away. */
export const shiftLegs = (l: WarsLegs, by: number): WarsLegs => ({ w: shiftDist(l.w, by), a: shiftDist(l.a, by), r: shiftDist(l.r, by), s: shiftDist(l.s, by) });

const mix = (pParetoPct: number, xm: number, alpha: number, lambda: number): Dist => ({
  kind: 'mixture',
  parts: [
    { weight: pParetoPct, dist: { kind: 'pareto', xm, alpha } },
    { weight: 100 - pParetoPct, dist: { kind: 'exponential', mean: 1 / lambda } },
  ],
});

const LNKD_SSD = mix(91.22, 0.235, 10, 1.66);
const LNKD_DISK: WarsLegs = { w: mix(38, 1.05, 1.51, 0.183), a: LNKD_SSD, r: LNKD_SSD, s: LNKD_SSD };
/** One-way delay the paper adds between datacenters in its WAN configuration (ms). */
export const WAN_DELAY_MS = 75;

/** Profiles the reader can choose in the experiment. */
export const warsProfiles: readonly WarsProfile[] = [
  {
    id: 'lnkd-ssd',
    label: 'LinkedIn, SSDs (LNKD-SSD)',
    w: LNKD_SSD,
    a: LNKD_SSD,
    r: LNKD_SSD,
    s: LNKD_SSD,
    source: 'Bailis et al. 2012, Table 3: 91.22% Pareto(xm 0.235, α 10), 8.78% Exp(λ 1.66) for W, A, R and S',
  },
  {
    id: 'lnkd-disk',
    label: 'LinkedIn, spinning disks (LNKD-DISK)',
    ...LNKD_DISK,
    source: 'Bailis et al. 2012, Table 3: W is 38% Pareto(xm 1.05, α 1.51), 62% Exp(λ 0.183); A, R, S as LNKD-SSD',
  },
  {
    id: 'wan',
    label: 'Wide-area, one replica per datacenter (WAN)',
    ...LNKD_DISK,
    remote: shiftLegs(LNKD_DISK, WAN_DELAY_MS),
    source:
      'Bailis et al. 2012, §5 (WAN): LNKD-DISK with 75 ms added to every one-way message to a replica outside the coordinator’s datacenter; each replica in its own datacenter, the write’s and the read’s coordinator each beside one replica chosen at random (as in the authors’ simulator)',
  },
  {
    id: 'ymmr',
    label: 'Yammer (YMMR)',
    w: mix(93.9, 3, 3.35, 0.0028),
    a: mix(98.2, 1.5, 3.8, 0.0217),
    r: mix(98.2, 1.5, 3.8, 0.0217),
    s: mix(98.2, 1.5, 3.8, 0.0217),
    source: 'Bailis et al. 2012, Table 3: W is 93.9% Pareto(xm 3, α 3.35), 6.1% Exp(λ 0.0028); A, R, S are 98.2% Pareto(xm 1.5, α 3.8), 1.8% Exp(λ 0.0217)',
  },
  {
    id: 'exp-slow-writes',
    label: 'Exponential, writes 10× slower than reads',
    w: { kind: 'exponential', mean: 10 },
    a: { kind: 'exponential', mean: 1 },
    r: { kind: 'exponential', mean: 1 },
    s: { kind: 'exponential', mean: 1 },
    source: 'Synthetic, in the spirit of §5.2 of the paper: W ~ Exp(mean 10 ms), A = R = S ~ Exp(mean 1 ms)',
  },
];

/** Binomial coefficient C(n, k) as a float (exact for the small n used here). */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

/** p_s: probability that a random R-quorum misses a random W-quorum (Bailis et al. §3.2). */
export function missProbability(n: number, w: number, r: number): number {
  return choose(n - w, r) / choose(n, r);
}

/** Closed form: probability that a read returns one of the last k versions (k-staleness), 1 − p_s^k. */
export function kStalenessConsistent(n: number, w: number, r: number, k = 1): number {
  return 1 - Math.pow(missProbability(n, w, r), k);
}

/** Configuration of a t-visibility experiment. */
export interface PbsConfig {
  readonly n: number;
  readonly w: number;
  readonly r: number;
  readonly profile: WarsProfile;
}

/** Per-trial result: the least time after commit at which the read is consistent (≤ 0 means consistent at once). */
export function warsTrial(cfg: PbsConfig, rng: MutRng, scratch?: Float64Array): number {
  const { n, w, r, profile } = cfg;
  const buf = scratch && scratch.length >= 6 * n ? scratch : new Float64Array(6 * n);
  // Per-replica latency: which replica sits beside the write's and the read's coordinator (drawn only
  // for profiles with remote replicas, so the other profiles' streams are unchanged).
  const remote = profile.remote;
  const wLocal = remote ? Math.floor(nextFloatMut(rng) * n) : -1;
  const rLocal = remote ? Math.floor(nextFloatMut(rng) * n) : -1;
  // buf layout: [0,n) W_i, [n,2n) W_i+A_i, [2n,3n) R_i, [3n,4n) R_i+S_i, then two sort areas
  for (let i = 0; i < n; i++) {
    const wl: WarsLegs = remote && i !== wLocal ? remote : profile;
    const rl: WarsLegs = remote && i !== rLocal ? remote : profile;
    const wi = sampleMut(wl.w, rng);
    const ai = sampleMut(wl.a, rng);
    const ri = sampleMut(rl.r, rng);
    const si = sampleMut(rl.s, rng);
    buf[i] = wi;
    buf[n + i] = wi + ai;
    buf[2 * n + i] = ri;
    buf[3 * n + i] = ri + si;
  }
  // Commit time: the W-th smallest W_i + A_i. Insertion sorts: n ≤ 9, and no allocation per trial.
  const acks = buf.subarray(4 * n, 5 * n);
  for (let i = 0; i < n; i++) {
    const v = buf[n + i];
    let j = i - 1;
    while (j >= 0 && acks[j] > v) {
      acks[j + 1] = acks[j];
      j--;
    }
    acks[j + 1] = v;
  }
  const commit = acks[w - 1];
  // The read uses the first R responders: the R smallest R_i + S_i (ties by replica index).
  const order = buf.subarray(5 * n, 6 * n);
  for (let i = 0; i < n; i++) {
    const v = buf[3 * n + i];
    let j = i - 1;
    while (j >= 0 && buf[3 * n + order[j]] > v) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = i;
  }
  let best = Infinity;
  for (let j = 0; j < r; j++) {
    const i = order[j];
    const need = buf[i] - commit - buf[2 * n + i];
    if (need < best) best = need;
  }
  return best;
}

/** Results of a t-visibility run: sorted per-trial thresholds, from which P(consistent at t) is read off. */
export interface PbsResult {
  readonly trials: number;
  /** Sorted ascending. */
  readonly thresholds: Float64Array;
}

/** Run `trials` WARS trials. Chunks use independent named streams, so results do not depend on chunking. */
export function runPbs(cfg: PbsConfig, seed: number, trials: number, chunk = 0, chunkSize = trials): Float64Array {
  const rng = cloneRng(createRng(seed, `pbs:${cfg.profile.id}:${cfg.n}:${cfg.w}:${cfg.r}:${chunk}`));
  const out = new Float64Array(Math.min(trials, chunkSize));
  const scratch = new Float64Array(6 * cfg.n);
  for (let i = 0; i < out.length; i++) out[i] = warsTrial(cfg, rng, scratch);
  return out;
}

/** Merge chunk results into one sorted result. */
export function mergeThresholds(chunks: readonly Float64Array[]): PbsResult {
  let total = 0;
  for (const c of chunks) total += c.length;
  const all = new Float64Array(total);
  let o = 0;
  for (const c of chunks) {
    all.set(c, o);
    o += c.length;
  }
  all.sort();
  return { trials: total, thresholds: all };
}

/** P(consistent read at t ms after commit) from a result: the fraction of thresholds ≤ t. */
export function consistentAt(res: PbsResult, t: number): number {
  if (res.trials === 0) return NaN;
  let lo = 0;
  let hi = res.thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (res.thresholds[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo / res.trials;
}

/** Smallest t with P(consistent) ≥ p (the paper's "t-visibility at p"). */
export function tForProbability(res: PbsResult, p: number): number {
  if (res.trials === 0) return NaN;
  const idx = Math.min(res.trials - 1, Math.max(0, Math.ceil(p * res.trials) - 1));
  return Math.max(0, res.thresholds[idx]);
}

/** Half-width of a 95% confidence interval for a proportion (normal approximation, floor for p near 0 or 1). */
export function ci95(p: number, trials: number): number {
  return 1.96 * Math.sqrt(Math.max(p * (1 - p), 1 / trials) / trials);
}

/**
 * Quorum-sampling Monte Carlo for k-staleness (the setting of the closed form):
 * k writes each land on a uniformly random W-subset and go no further; a read
 * picks a uniformly random R-subset. Returns the fraction of reads that see at
 * least one of the k writes.
 */
export function kStalenessMonteCarlo(n: number, w: number, r: number, k: number, trials: number, seed: number): number {
  const rng = cloneRng(createRng(seed, `kstale:${n}:${w}:${r}:${k}`));
  const perm: number[] = Array.from({ length: n }, (_, i) => i);
  const pick = (m: number): Set<number> => {
    // Partial Fisher–Yates: the first m entries are a uniform m-subset.
    for (let i = 0; i < m; i++) {
      const j = i + Math.floor(((rngNext(rng) >>> 0) / 4294967296) * (n - i));
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return new Set(perm.slice(0, m));
  };
  let hits = 0;
  for (let t = 0; t < trials; t++) {
    const seen = new Set<number>();
    for (let j = 0; j < k; j++) for (const x of pick(w)) seen.add(x);
    const read = pick(r);
    let hit = false;
    for (const x of read) if (seen.has(x)) hit = true;
    if (hit) hits++;
  }
  return hits / trials;
}
