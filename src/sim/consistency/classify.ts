/**
 * The lab's verdict on a history: the strongest model it satisfies, a witness for it, and for
 * each stronger model the smallest set of operations that already breaks it.
 */
import { checkLinearizable } from './linearizability';
import { LEVELS, causalPatternViolation, checkCausal, checkEventual, checkSequential, type Level } from './models';
import type { History, Operation } from './types';

/** Answer for one model. */
export interface LevelVerdict {
  readonly level: Level;
  /** 'unknown' when the search budget ran out (histories far larger than a reader builds). */
  readonly holds: boolean | 'unknown';
  /** When it holds: one total order (linearizable, sequential). */
  readonly order?: readonly number[];
  /** When causal holds: each client's view (its order of all writes and its own operations). */
  readonly views?: ReadonlyMap<string, readonly number[]>;
  /** When it fails: a minimal violating set (removing any one op makes the rest satisfy the model). */
  readonly violation?: readonly number[];
  /** A sentence on why, for the live region and the table. */
  readonly reason: string;
}

/** The full verdict. */
export interface Classification {
  /** Strongest model that holds, or 'none' if even the eventual (no thin-air reads) check fails. */
  readonly strongest: Level | 'none';
  readonly levels: readonly LevelVerdict[];
}

/** Options: search budget per check, and whether to minimise violations (costs n extra checks). */
export interface ClassifyOptions {
  readonly maxSteps?: number;
  readonly minimize?: boolean;
}

type Holds = boolean | 'unknown';

/** Does the sub-history made of `ops` satisfy `level`? */
export function holdsAt(level: Level, h: History, maxSteps: number): Holds {
  switch (level) {
    case 'linearizable': {
      const v = checkLinearizable(h, { maxSteps }).verdict;
      return v === 'unknown' ? 'unknown' : v === 'yes';
    }
    case 'sequential': {
      // Sequential consistency implies causal consistency, so a causal bad pattern (cheap) settles it.
      if (causalPatternViolation(h)) return false;
      const r = checkSequential(h, maxSteps).result;
      return r.kind === 'gave-up' ? 'unknown' : r.kind === 'found';
    }
    case 'causal': {
      const r = checkCausal(h, maxSteps);
      return r.kind === 'unknown' ? 'unknown' : r.kind === 'ok';
    }
    case 'eventual':
      return checkEventual(h).ok;
  }
}

/**
 * Deletion-based minimisation (as in delta debugging): drop each operation in turn and keep it
 * dropped if the rest still violates the model. The result is minimal — every remaining
 * operation is needed — though not necessarily the smallest possible set. Sub-histories with a
 * read of a value nobody wrote are skipped, so the set always explains itself.
 */
export function minimalViolation(level: Level, h: History, maxSteps: number): number[] {
  let keep: Operation[] = [...h.ops];
  const sane = level === 'eventual' || checkEventual(h).ok;
  // Try later operations first so the explanation keeps the earliest ones, which read naturally.
  // Repeat until a whole pass drops nothing: a drop can make an earlier-kept operation redundant.
  for (let changed = true; changed; ) {
    changed = false;
    for (const op of [...keep].sort((a, b) => b.call - a.call || b.id - a.id)) {
      const without = keep.filter((o) => o.id !== op.id);
      // Never drop a write whose value a remaining read returned: a read out of thin air would
      // "violate" every model for a reason that is not in the original history.
      if (sane && !checkEventual({ ops: without, init: h.init }).ok) continue;
      if (holdsAt(level, { ops: without, init: h.init }, maxSteps) === false) {
        keep = without;
        changed = true;
      }
    }
  }
  return keep.map((o) => o.id);
}

/** Classify a history against every model. */
export function classify(h: History, opts: ClassifyOptions = {}): Classification {
  const maxSteps = opts.maxSteps ?? 200_000;
  const levels: LevelVerdict[] = [];
  for (const level of LEVELS) levels.push(verdictFor(level, h, maxSteps, opts.minimize ?? true));
  const strongest = levels.find((l) => l.holds === true)?.level ?? 'none';
  return { strongest, levels };
}

function verdictFor(level: Level, h: History, maxSteps: number, minimize: boolean): LevelVerdict {
  const fail = (reason: string): LevelVerdict => ({ level, holds: false, reason, violation: minimize ? minimalViolation(level, h, maxSteps) : undefined });
  const unknown: LevelVerdict = { level, holds: 'unknown', reason: 'the search gave up: this history is too large to decide here' };
  switch (level) {
    case 'linearizable': {
      const r = checkLinearizable(h, { maxSteps });
      if (r.verdict === 'unknown') return unknown;
      if (r.verdict === 'yes') return { level, holds: true, order: r.order, reason: 'every operation can be placed at one instant between its call and its return' };
      return fail('no single order of the operations respects real time and the register’s rules');
    }
    case 'sequential': {
      const { result, ops } = checkSequential(h, maxSteps);
      if (result.kind === 'gave-up') return unknown;
      if (result.kind === 'found') return { level, holds: true, order: result.order.map((i) => ops[i].id), reason: 'one order of all operations keeps each client’s program order, so every client sees the writes in the same order' };
      return fail('no single order of all operations keeps every client’s program order and explains every read');
    }
    case 'causal': {
      const r = checkCausal(h, maxSteps);
      if (r.kind === 'unknown') return { ...unknown, reason: r.reason };
      if (r.kind === 'ok') return { level, holds: true, views: r.views, reason: 'each client’s reads fit an order of the writes that respects causality; clients may disagree on concurrent writes' };
      return fail(r.reason);
    }
    case 'eventual': {
      const r = checkEventual(h);
      if (r.ok) return { level, holds: true, reason: 'every read returned a value someone wrote; eventual consistency promises only convergence once writes stop' };
      return { level, holds: false, violation: r.offending, reason: 'a read returned a value nobody wrote' };
    }
  }
}
