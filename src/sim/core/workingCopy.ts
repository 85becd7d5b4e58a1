/**
 * Mechanisms for event-heap models that are not message-passing protocols (a single process's worker
 * pool, a queueing server): each keeps a time-ordered heap in its plain-data state and advances by
 * opening a mutable working copy, changing it, and freezing it again. This file holds the part every
 * such model shares: what peek, next, apply and advanceTo mean over a working copy, so the models
 * only write their own events.
 */
import type { Mechanism, Scenario, Tagged, Time, TraceEntry } from './types';
import type { Sanitized } from './types';

/** A model's mutable working copy of its state (one per call; never shared). */
export interface WorkingCopy<S, A> {
  /** Pending events, earliest first at index 0. */
  readonly heap: readonly { readonly t: Time }[];
  /** Current virtual time. */
  readonly s: { readonly now: Time };
  /** Process the earliest event. */
  step(): void;
  /** Apply a reader's action at the current time. */
  apply(a: A): void;
  /** Move the clock forward with nothing to process. */
  setNow(t: Time): void;
  /** Freeze the working copy back into plain-data state. */
  done(): S;
}

/** What a working-copy model provides; the rest of its `Mechanism` is derived. */
export interface WorkingCopyModel<P, S extends { readonly heap: readonly { readonly t: Time }[]; readonly now: Time }, A extends Tagged> {
  readonly id: string;
  readonly defaults: P;
  sanitizeParams(raw: unknown): Sanitized<P>;
  parseAction(raw: unknown): A | null;
  init(seed: number, params: P): S;
  /** Open a working copy of `state`. */
  open(state: S): WorkingCopy<S, A>;
  trace(state: S): readonly TraceEntry[];
  readonly scenarios: readonly Scenario<P, A>[];
}

/** Process every event due at or before `t` on one working copy, then set the clock to `t`. */
export function advanceWorkingCopy<S, A>(w: WorkingCopy<S, A>, t: Time): S {
  while (w.heap.length > 0 && w.heap[0]!.t <= t) w.step();
  if (t > w.s.now) w.setNow(t);
  return w.done();
}

/** The kernel `Mechanism` of a working-copy model. */
export function workingCopyMechanism<P, S extends { readonly heap: readonly { readonly t: Time }[]; readonly now: Time }, A extends Tagged>(
  m: WorkingCopyModel<P, S, A>,
): Mechanism<P, S, A> {
  return {
    id: m.id,
    defaults: m.defaults,
    sanitizeParams: m.sanitizeParams,
    parseAction: m.parseAction,
    init: m.init,
    apply(st, a) {
      const w = m.open(st);
      w.apply(a);
      return w.done();
    },
    peek: (st) => (st.heap.length ? st.heap[0]!.t : Infinity),
    next(st) {
      if (st.heap.length === 0) return st;
      const w = m.open(st);
      w.step();
      return w.done();
    },
    advanceTo: (st, t) => advanceWorkingCopy(m.open(st), t),
    now: (st) => st.now,
    trace: m.trace,
    scenarios: m.scenarios,
  };
}
