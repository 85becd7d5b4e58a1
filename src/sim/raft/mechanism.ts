/**
 * Raft (Ongaro & Ousterhout 2014) behind the kernel's `Mechanism` contract, so widgets, replay,
 * seeking and narration drive it like every other lab.
 *
 * The cluster runs on the kernel's world (`worldMechanism(raftProtocol)`). This thin wrapper adds
 * what no single server can hold: the live invariant monitor of Figure 3's safety properties
 * (ghost state, observed after every world step by comparing each changed server before and
 * after), and the resolution of the '@leader' alias and default client command names at the moment
 * an action applies. State is `{ world, monitor, nextCmd }`; nothing is ever mutated.
 */
import { worldMechanism, type WorldOrCommand } from '../core/world';
import { replay as coreReplay } from '../core/replay';
import type { LogEntry, Mechanism, NodeId, Time } from '../core/types';
import { emptyMonitor, observe } from './invariants';
import { defaultParams, parseAction, sanitizeParams } from './params';
import { raftProtocol } from './protocol';
import { raftScenarios } from './scenarios';
import type { RaftAction, RaftCommand, RaftParams, RaftState, RaftWorld } from './types';
import { leaderOf } from './view';

/** The kernel world running Raft, recording a trace. */
export const raftWorld = worldMechanism(raftProtocol);
/** The same world without a trace (experiments, fuzzing); every later step follows the state's own flag. */
export const raftWorldQuiet = worldMechanism(raftProtocol, { trace: false });

/** Run the monitor over every server whose state changed between two worlds. */
function observed(prev: RaftState, world: RaftWorld, nextCmd = prev.nextCmd): RaftState {
  if (world === prev.world && nextCmd === prev.nextCmd) return prev;
  let monitor = prev.monitor;
  if (world.params.checkInvariants) {
    const before = prev.world.nodes;
    let all: RaftWorld['nodes'][string]['state'][] | null = null;
    for (const id of world.nodeIds) {
      const a = before[id];
      const b = world.nodes[id];
      if (a === b || a.state === b.state) continue;
      all ??= world.nodeIds.map((n) => world.nodes[n].state);
      monitor = observe(monitor, a.state, b.state, all, { t: world.now, seq: world.trace.len });
    }
  }
  return { world, monitor, nextCmd };
}

/** The up leader with the highest term at this moment, for the '@leader' alias. */
const resolve = (w: RaftWorld, node: NodeId): NodeId => (node === '@leader' ? (leaderOf(w) ?? '@leader') : node);

/** Turn a reader action into what the world applies (aliases resolved, a default command name filled in). */
function toWorld(s: RaftState, a: RaftAction): { action: WorldOrCommand<RaftCommand>; nextCmd: number } {
  const w = s.world;
  switch (a.type) {
    case 'node/crash':
    case 'node/restart':
      return { action: { type: a.type, node: resolve(w, a.node) }, nextCmd: s.nextCmd };
    case 'raft/timeout':
      return { action: { type: 'raft/timeout', node: resolve(w, a.node) }, nextCmd: s.nextCmd };
    case 'raft/request':
      return {
        action: { type: 'raft/request', node: resolve(w, a.node ?? '@leader'), cmd: a.cmd ?? `x${s.nextCmd}` },
        nextCmd: s.nextCmd + 1,
      };
    default:
      return { action: a, nextCmd: s.nextCmd };
  }
}

function init(seed: number, params: RaftParams): RaftState {
  const world = (params.recordTrace ? raftWorld : raftWorldQuiet).init(seed, params);
  return { world, monitor: emptyMonitor, nextCmd: 1 };
}

function next(s: RaftState): RaftState {
  return observed(s, raftWorld.next(s.world));
}

/**
 * Process every event due at or before `t` (observing each one unless checks are off), then set the
 * clock to `t`. The monitor sees each step inside the kernel's batch (the world's step observer),
 * exactly the (before, after) pairs that stepping with `next` would show it, without a working copy
 * of the world per event.
 */
function advanceTo(s: RaftState, t: Time): RaftState {
  if (!s.world.params.checkInvariants) return observed(s, raftWorld.runUntil(s.world, t));
  let monitor = s.monitor;
  const world = raftWorld.runUntil(s.world, t, undefined, (before, after, states, at) => {
    monitor = observe(monitor, before, after, states(), at);
  });
  return world === s.world ? s : { world, monitor, nextCmd: s.nextCmd };
}

/** Up to `maxSteps` events due by `t` in one batch, the monitor observing each as `next` would. */
function stepMany(s: RaftState, t: Time, maxSteps: number): { state: RaftState; steps: number } {
  if (!s.world.params.checkInvariants) {
    const r = raftWorld.stepMany(s.world, t, maxSteps);
    return { state: observed(s, r.state), steps: r.steps };
  }
  let monitor = s.monitor;
  const r = raftWorld.stepMany(s.world, t, maxSteps, (before, after, states, at) => {
    monitor = observe(monitor, before, after, states(), at);
  });
  return { state: r.steps === 0 ? s : { world: r.state, monitor, nextCmd: s.nextCmd }, steps: r.steps };
}

/** The Raft mechanism (id `raft`). */
export const raft: Mechanism<RaftParams, RaftState, RaftAction> = {
  id: 'raft',
  defaults: defaultParams,
  sanitizeParams,
  parseAction,
  init,
  apply(s, a) {
    const { action, nextCmd } = toWorld(s, a);
    return observed(s, raftWorld.apply(s.world, action), nextCmd);
  },
  peek: (s) => raftWorld.peek(s.world),
  next,
  stepMany,
  advanceTo,
  now: (s) => s.world.now,
  trace: (s) => raftWorld.trace(s.world),
  scenarios: raftScenarios,
};

/**
 * Replay a run to virtual time `t` with the kernel's ordering rule: events due at the same instant
 * as an action run first, then the action applies.
 */
export function replay(seed: number, params: RaftParams, log: readonly LogEntry<RaftAction>[], t: Time): RaftState {
  return coreReplay(raft, { mechanism: 'raft', seed, params, log }, t);
}
