/**
 * The `idempotency` experiment: how often random fault schedules charge a payment twice
 * (or apply a message's effect twice), by configuration. Every configuration of a mode
 * runs the same trials (same seeds, same faults, same timings), so the rates compare
 * like with like. Nothing here reproduces a published number: it measures this model,
 * whose assumptions are in the README.
 */
import type { Experiment, ExperimentParams } from '../core/experiment';
import { worldMechanism } from '../core/world';
import { idemProtocol, retryHorizon } from './protocol';
import { faultTrial, trialBase } from './faults';
import { clientOf, consumerOf, duplicateCharges, duplicateEffects, paymentViews, effectCounts, type IdemState } from './observe';
import type { IdemMode, IdemParams } from './types';

const fast = worldMechanism(idemProtocol, { trace: false });

/** One configuration the experiment compares. */
export interface IdemConfig {
  readonly id: string;
  readonly label: string;
  readonly mode: IdemMode;
  readonly patch: Partial<IdemParams>;
}

/** Short retention used by the "expires too soon" configuration (well under the ≈2.6 s horizon). */
export const SHORT_RETENTION = 300;

/** The configurations, in the order the lab charts them. */
export const idemConfigs: readonly IdemConfig[] = [
  { id: 'no-key', label: 'No idempotency key', mode: 'api', patch: { keys: false } },
  { id: 'key-not-atomic', label: 'Key recorded after the charge', mode: 'api', patch: { keys: true, atomic: false } },
  { id: 'key-short-retention', label: `Key kept ${SHORT_RETENTION} ms (< retry horizon)`, mode: 'api', patch: { keys: true, atomic: true, retention: SHORT_RETENTION } },
  { id: 'key-atomic', label: 'Key atomic with the charge, kept ≥ horizon', mode: 'api', patch: { keys: true, atomic: true } },
  { id: 'consumer-no-dedup', label: 'At-least-once, consumer without dedup', mode: 'queue', patch: { dedup: false } },
  { id: 'consumer-dedup', label: 'At-least-once + deduplicating consumer', mode: 'queue', patch: { dedup: true } },
];

/** Counts for one configuration over some trials. */
export interface IdemCounts {
  readonly trials: number;
  /** Payments (or messages) across all trials. */
  readonly operations: number;
  /** Operations applied more than once. */
  readonly duplicated: number;
  /** Extra applications beyond the first, summed. */
  readonly extra: number;
  /** Operations never applied by the end (all retries failed). */
  readonly missing: number;
  /** Trials with at least one duplicate. */
  readonly trialsWithDuplicate: number;
  /** Index of the first trial with a duplicate, or -1 (a seed to replay). */
  readonly firstDuplicateTrial: number;
}

/** One row of the result. */
export interface IdemRow extends IdemCounts {
  readonly config: string;
  readonly label: string;
  readonly mode: IdemMode;
  /** duplicated / operations. */
  readonly rate: number;
}

/** The experiment's result. */
export interface IdemResult {
  readonly rows: readonly IdemRow[];
  /** Retry horizon of the trials' base parameters (ms), against which retention is judged. */
  readonly horizon: number;
}

/** Run one trial of one configuration and count what happened. */
export function runTrial(seed: number, index: number, cfg: IdemConfig, maxFaults: number): { operations: number; duplicated: number; extra: number; missing: number; state: IdemState } {
  const t = faultTrial(seed, index, cfg.mode, maxFaults);
  const params = { ...t.params, ...cfg.patch };
  let s = fast.init(t.seed, params) as IdemState;
  for (const e of t.log) {
    s = fast.runUntil(s, e.at) as IdemState;
    s = fast.apply(s, e.action) as IdemState;
  }
  s = fast.runUntil(s, t.until) as IdemState;
  if (cfg.mode === 'api') {
    const views = paymentViews(s);
    return {
      operations: views.length,
      duplicated: views.filter((v) => v.charges.length > 1).length,
      extra: duplicateCharges(s),
      missing: views.filter((v) => v.charges.length === 0).length,
      state: s,
    };
  }
  const counts = effectCounts(s);
  return {
    operations: counts.length,
    duplicated: counts.filter((c) => c.effects > 1).length,
    extra: duplicateEffects(s),
    missing: counts.filter((c) => c.effects === 0).length,
    state: s,
  };
}

const CHUNK = 250;

/** Per-configuration chunks: unit i is configuration ⌊i / chunks⌋, trials of chunk i mod chunks. */
function layout(p: ExperimentParams): { chunks: number; trials: number } {
  const trials = p.trials as number;
  return { trials, chunks: Math.ceil(trials / CHUNK) };
}

/** The experiment (see the file comment). */
export const idempotencyExperiment: Experiment<IdemCounts, IdemResult> = {
  id: 'idempotency',
  title: 'Duplicate charges by configuration under random faults',
  doc: 'Random crashes, lost messages, slow replies and duplicated messages against a payment API (no key, key recorded after the charge, key expiring too soon, key atomic with the charge) and against a queue consumer with and without deduplication; counts operations applied more than once.',
  params: [
    { name: 'trials', kind: 'integer', default: 2000, min: 1, max: 200_000, doc: 'random fault schedules per configuration' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 0xffffffff, doc: 'seed of the fault schedules' },
    { name: 'faults', kind: 'integer', default: 4, min: 0, max: 12, doc: 'most faults per schedule (each trial draws 0 to this many)' },
  ],
  units(p) {
    const { chunks } = layout(p);
    return chunks * idemConfigs.length;
  },
  runUnit(p, i) {
    const { chunks, trials } = layout(p);
    const cfg = idemConfigs[Math.floor(i / chunks)];
    const chunk = i % chunks;
    const from = chunk * CHUNK;
    const to = Math.min(trials, from + CHUNK);
    let operations = 0;
    let duplicated = 0;
    let extra = 0;
    let missing = 0;
    let trialsWithDuplicate = 0;
    let firstDuplicateTrial = -1;
    for (let k = from; k < to; k++) {
      const r = runTrial(p.seed as number, k, cfg, p.faults as number);
      operations += r.operations;
      duplicated += r.duplicated;
      extra += r.extra;
      missing += r.missing;
      if (r.duplicated > 0) {
        trialsWithDuplicate++;
        if (firstDuplicateTrial < 0) firstDuplicateTrial = k;
      }
    }
    return { trials: to - from, operations, duplicated, extra, missing, trialsWithDuplicate, firstDuplicateTrial };
  },
  merge(p, parts) {
    const { chunks } = layout(p);
    const rows = idemConfigs.map((cfg, c): IdemRow => {
      const mine = parts.slice(c * chunks, (c + 1) * chunks);
      const sum = (k: keyof IdemCounts) => mine.reduce((n, x) => n + (x[k] as number), 0);
      const first = mine.find((x) => x.firstDuplicateTrial >= 0)?.firstDuplicateTrial ?? -1;
      const operations = sum('operations');
      const duplicated = sum('duplicated');
      return {
        config: cfg.id,
        label: cfg.label,
        mode: cfg.mode,
        trials: sum('trials'),
        operations,
        duplicated,
        extra: sum('extra'),
        missing: sum('missing'),
        trialsWithDuplicate: sum('trialsWithDuplicate'),
        firstDuplicateTrial: first,
        rate: operations > 0 ? duplicated / operations : 0,
      };
    });
    return { rows, horizon: retryHorizon(trialBase) };
  },
};

/** For tests: whether every payment of a finished trial was settled by the client (never left unknown). */
export function clientSettled(s: IdemState): boolean {
  const c = clientOf(s);
  if (c) return c.payments.every((p) => p.status === 'ok');
  const q = consumerOf(s);
  return q ? q.current === null : true;
}
