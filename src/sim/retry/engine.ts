/**
 * A small adaptor that turns a discrete-event model written as in-place steps into a kernel
 * `Mechanism` (src/sim/core/types.ts). The three retry models are not message-passing protocols
 * between peers (a row under contention, a call chain, a queue with a client population), so they
 * implement `Mechanism` directly on the kernel's PRNG, queue and trace, as the FLP model does.
 *
 * Why in-place steps: experiments run millions of events, and copying a state per event would
 * dominate. The Mechanism methods copy once (`clone`) and then step in place, so `init`, `apply`
 * and `next` still never mutate their inputs, while an experiment owns one state and steps it freely.
 */
import { heapPop, heapPush, type Queued } from '../core/queue';
import type { Mechanism, Sanitized, Scenario, Tagged, Time, TraceEntry } from '../core/types';
import { appendTrace, traceView, type TraceBuf } from '../core/trace';

/** What every retry model's state carries. */
export interface EngineState<E extends Queued> {
  now: Time;
  /** Next queue sequence number (ties in time break by insertion order). */
  seq: number;
  queue: E[];
  /** Null when the trace is off (experiments). */
  trace: TraceBuf | null;
}

/** The model-specific part. */
export interface EngineModel<P, S extends EngineState<E>, E extends Queued, A extends Tagged> {
  readonly id: string;
  readonly defaults: P;
  sanitizeParams(raw: unknown): Sanitized<P>;
  parseAction(raw: unknown): A | null;
  /** A fresh state (the adaptor never shares it). */
  create(seed: number, p: P, trace: boolean): S;
  /** Deep-enough copy that stepping the copy in place leaves the original untouched. */
  clone(s: S): S;
  /** Handle one due event, in place (the clock is already at its time). */
  handle(s: S, e: E): void;
  /** Apply a reader action in place at `s.now`. */
  act(s: S, a: A): void;
  readonly scenarios: readonly Scenario<P, A>[];
}

/** Push an event at time `t` (in place). */
export function schedule<E extends Queued>(s: EngineState<E>, e: Omit<E, 'seq'> & { t: Time }): void {
  heapPush(s.queue, { ...e, seq: s.seq++ } as E);
}

/** Process one event in place; false when nothing is pending. */
export function stepInPlace<P, S extends EngineState<E>, E extends Queued, A extends Tagged>(m: EngineModel<P, S, E, A>, s: S): boolean {
  const e = heapPop(s.queue);
  if (!e) return false;
  s.now = Math.max(s.now, e.t);
  m.handle(s, e);
  return true;
}

/** Run in place until nothing is due at or before `t`, then set the clock to `t`. */
export function runInPlace<P, S extends EngineState<E>, E extends Queued, A extends Tagged>(m: EngineModel<P, S, E, A>, s: S, t: Time): S {
  while (s.queue.length > 0 && s.queue[0]!.t <= t) stepInPlace(m, s);
  if (t > s.now) s.now = t;
  return s;
}

/** The kernel Mechanism for a model. `trace: false` makes the quiet variant for experiments. */
export function engineMechanism<P, S extends EngineState<E>, E extends Queued, A extends Tagged>(m: EngineModel<P, S, E, A>, opts: { trace?: boolean } = {}): Mechanism<P, S, A> {
  const withTrace = opts.trace !== false;
  return {
    id: m.id,
    defaults: m.defaults,
    sanitizeParams: m.sanitizeParams,
    parseAction: m.parseAction,
    scenarios: m.scenarios,
    init: (seed, p) => m.create(seed, m.sanitizeParams(p).value, withTrace),
    apply(s, a) {
      const c = m.clone(s);
      m.act(c, a);
      return c;
    },
    peek: (s) => (s.queue.length > 0 ? s.queue[0]!.t : Infinity),
    next(s) {
      if (s.queue.length === 0) return s;
      const c = m.clone(s);
      stepInPlace(m, c);
      return c;
    },
    advanceTo(s, t) {
      if ((s.queue.length === 0 || s.queue[0]!.t > t) && t <= s.now) return s;
      return runInPlace(m, m.clone(s), t);
    },
    now: (s) => s.now,
    trace: (s): readonly TraceEntry[] => (s.trace ? traceView(s.trace) : []),
  };
}

/** Append a trace entry in place (no-op when the trace is off). */
export function record<E extends Queued>(s: EngineState<E>, e: Omit<TraceEntry, 'seq' | 't'> & { t?: Time }): void {
  if (!s.trace) return;
  s.trace = appendTrace(s.trace, { ...e, t: e.t ?? s.now, seq: s.trace.len } as TraceEntry);
}
