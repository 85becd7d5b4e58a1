/**
 * A tiny mechanism for toolkit tests: nodes A and B; a reader `ping` sends a message from A
 * to B that arrives after a seeded latency; B answers once. Deliberately minimal.
 */
import type { Mechanism, TraceEntry } from '../../../sim/core';
import type { LabDefinition } from '../definition';

/** Parameters of the toy run. */
export interface PingParams {
  latency: number;
}
/** State: pending deliveries, trace, a PRNG word. */
export interface PingState {
  now: number;
  rng: number;
  nextId: number;
  pending: { at: number; id: number; from: string; to: string; reply: boolean }[];
  trace: TraceEntry[];
}
/** The only action. */
export type PingAction = { type: 'ping' };

function rand(s: number): [number, number] {
  const x = (Math.imul(s ^ (s >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
  return [(x % 1000) / 1000, x];
}

/** The toy mechanism. */
export const pingMechanism: Mechanism<PingParams, PingState, PingAction> = {
  id: 'ping',
  defaults: { latency: 100 },
  sanitizeParams(raw) {
    const l = (raw as PingParams | null)?.latency;
    if (typeof l === 'number' && l > 0 && l <= 1000) return { value: { latency: l }, problems: [] };
    return { value: { latency: 100 }, problems: ['latency out of range; using 100 ms'] };
  },
  parseAction: (raw) => ((raw as PingAction | null)?.type === 'ping' ? { type: 'ping' } : null),
  init: (seed) => ({ now: 0, rng: seed >>> 0, nextId: 1, pending: [], trace: [] }),
  apply(s) {
    const [u, rng] = rand(s.rng);
    const id = s.nextId;
    const at = s.now + 50 + u * 100;
    return {
      ...s,
      rng,
      nextId: id + 1,
      pending: [...s.pending, { at, id, from: 'A', to: 'B', reply: false }].sort((a, b) => a.at - b.at || a.id - b.id),
      trace: [...s.trace, { seq: s.trace.length, t: s.now, kind: 'send', from: 'A', to: 'B', node: 'A', msgId: id, label: `ping #${id}` }],
    };
  },
  peek: (s) => (s.pending.length ? s.pending[0].at : Infinity),
  next(s) {
    if (!s.pending.length) return s;
    const [m, ...rest] = s.pending;
    const trace = [...s.trace, { seq: s.trace.length, t: m.at, kind: 'deliver' as const, node: m.to, from: m.from, to: m.to, msgId: m.id, label: `${m.reply ? 'pong' : 'ping'} #${m.id} arrives` }];
    if (m.reply) return { ...s, now: m.at, pending: rest, trace: [...trace, { seq: trace.length, t: m.at, kind: 'note', node: 'A', label: `A got pong #${m.id}` }] };
    const id = s.nextId;
    const back = { at: m.at + 80, id, from: 'B', to: 'A', reply: true };
    return {
      ...s,
      now: m.at,
      nextId: id + 1,
      pending: [...rest, back].sort((a, b) => a.at - b.at || a.id - b.id),
      trace: [...trace, { seq: trace.length, t: m.at, kind: 'send', node: 'B', from: 'B', to: 'A', msgId: id, label: `pong #${id}` }],
    };
  },
  advanceTo: (s, t) => (t > s.now ? { ...s, now: t } : s),
  now: (s) => s.now,
  trace: (s) => s.trace,
  scenarios: [
    { id: 'one-ping', title: 'One ping', description: 'A pings B once.', seed: 7, params: { latency: 100 }, log: [{ at: 10, action: { type: 'ping' } }] },
    { id: 'two-pings', title: 'Two pings', description: 'Two pings.', seed: 9, params: { latency: 100 }, log: [{ at: 0, action: { type: 'ping' } }, { at: 5, action: { type: 'ping' } }] },
  ],
};

/** A lab over the toy mechanism, for toolkit tests (store, cues, model-based checks). */
export const pingLabDef: LabDefinition<PingState, PingParams> = {
  widget: 'PingLab',
  mechanisms: [pingMechanism],
  // 75 virtual ms per step, so 1× is 0.1 virtual ms per real ms: the toolkit tests' arithmetic.
  hop: () => ({ ms: 75, what: 'test step' }),
  duration: () => 1000,
  commands: { ping: () => ({ type: 'ping' }) },
};
