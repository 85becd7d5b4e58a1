/**
 * The clock lab as a kernel `Mechanism`: the clock protocol (`protocol.ts`; Lamport 1978,
 * Fidge 1988 / Mattern 1989, Kulkarni et al. 2014, NTP after Mills 1991) run by `worldMechanism`,
 * wrapped so that after every world step the observer (`observer.ts`) folds the new trace entries
 * into the cross-node view: the event list, true causes, LWW losses and the labelled trace.
 * State is `{ world, observer }`, plain data; every operation is pure.
 *
 * Also here: the pure selectors the lab and the tests read state through.
 */
import { traceSince, traceView } from '../core/trace';
import type { Mechanism, NodeId } from '../core/types';
import { inFlight, worldMechanism, type WorldState } from '../core/world';
import { emptyObserver, observe, writeKey } from './observer';
import { parseClockAction } from './params';
import { clocksProtocol, reading } from './protocol';
import type { ClockScenario } from './scenarios';
import type { ClockAction, ClockEvent, ClockMsg, ClockNode, ClockParams, ClockState, LwwWrite } from './types';

/** The bare world mechanism (no observer), for experiments that need only node states. */
export const clocksWorld = worldMechanism(clocksProtocol);

type World = WorldState<ClockParams, ClockNode, ClockMsg>;

/** Fold what the world step added into the observer; the same state back when nothing happened. */
function wrap(prev: ClockState | null, world: World): ClockState {
  if (prev && prev.world === world) return prev;
  const o = prev ? prev.observer : emptyObserver();
  return { world, observer: observe(o, traceSince(world.trace, o.seen)) };
}

/** The clock lab's mechanism: same id, scenarios and actions as before it ran on the kernel. */
export const clocksMechanism: Mechanism<ClockParams, ClockState, ClockAction> & { readonly scenarios: readonly ClockScenario[] } = {
  id: 'clocks',
  defaults: clocksWorld.defaults,
  sanitizeParams: clocksWorld.sanitizeParams,
  parseAction: parseClockAction,
  init: (seed, params) => wrap(null, clocksWorld.init(seed, params)),
  apply: (s, a) => wrap(s, clocksWorld.apply(s.world, a)),
  peek: (s) => clocksWorld.peek(s.world),
  next: (s) => wrap(s, clocksWorld.next(s.world)),
  advanceTo: (s, t) => wrap(s, clocksWorld.advanceTo(s.world, t)),
  now: (s) => s.world.now,
  trace: (s) => traceView(s.observer.trace),
  scenarios: clocksProtocol.scenarios as readonly ClockScenario[],
};

// ---- selectors ----

/** Every stamped event so far, in trace order (index = id). */
export function clockEvents(s: ClockState): readonly ClockEvent[] {
  return s.observer.events;
}

/** Every LWW write so far, with losses to skew marked. */
export function clockWrites(s: ClockState): readonly LwwWrite[] {
  return s.observer.writes;
}

/** The nodes of the run, in order. */
export function clockNodeIds(s: ClockState): readonly NodeId[] {
  return s.world.nodeIds;
}

/** One node as the lab shows it. */
export interface ClockNodeView extends ClockNode {
  readonly id: NodeId;
  readonly up: boolean;
  /** The global id of the write this replica holds, or null. */
  readonly storedId: number | null;
}

/** Each node's clocks and replica now. */
export function clockNodes(s: ClockState): ClockNodeView[] {
  return s.world.nodeIds.map((id) => {
    const rec = s.world.nodes[id];
    const st = rec.state.stored;
    const storedId = st === null ? null : (s.observer.writeIds[writeKey(st)] ?? null);
    return { ...rec.state, id, up: rec.up, storedId };
  });
}

/** Whole-ms physical clock reading of `node` now. */
export function physicalNow(s: ClockState, node: NodeId): number {
  return reading(s.world.nodes[node].state.clock, s.world.now);
}

/** A message in the air, for the diagram. */
export interface ClockMessageInFlight {
  readonly msgId: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sentAt: number;
  readonly at: number;
  /** The event that sent it. */
  readonly sendEvent: number | undefined;
  /** Why it will not arrive, if it will not. */
  readonly doomed: string | null;
}

/** Messages in flight now, oldest first. */
export function clockInFlight(s: ClockState): ClockMessageInFlight[] {
  return inFlight(s.world).map((m) => ({ msgId: m.msgId, from: m.from, to: m.to, sentAt: m.sent, at: m.arrive, sendEvent: s.observer.msgs[m.msgId]?.send, doomed: m.doomed }));
}
