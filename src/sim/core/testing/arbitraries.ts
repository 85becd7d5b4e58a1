/**
 * fast-check generators for kernel tests: random world actions and logs over
 * the heartbeat example. Other cores can reuse `worldActionArb` with their node names.
 */
import fc from 'fast-check';
import type { LogEntry, NodeId } from '../types';
import type { WorldAction } from '../actions';
import type { BeatNow } from '../examples/heartbeat';

/** A random world action over the given nodes (including a few malformed-but-valid-shape ones). */
export function worldActionArb(nodes: readonly NodeId[]): fc.Arbitrary<WorldAction> {
  const node = fc.constantFrom(...nodes, 'Z');
  const groups = fc
    .shuffledSubarray([...nodes], { minLength: 1, maxLength: nodes.length })
    .chain((sub) => fc.integer({ min: 1, max: sub.length }).map((k) => [sub.slice(0, k), sub.slice(k)].filter((g) => g.length > 0)));
  return fc.oneof(
    groups.map((g): WorldAction => ({ type: 'net/partition', groups: g })),
    fc.constant<WorldAction>({ type: 'net/heal' }),
    fc.record({ from: node, to: node }).map((r): WorldAction => ({ type: 'net/cut', ...r })),
    fc.record({ from: node, to: node }).map((r): WorldAction => ({ type: 'net/restore', ...r })),
    fc
      .record({ from: node, to: node, loss: fc.double({ min: 0, max: 1, noNaN: true }), dup: fc.double({ min: 0, max: 0.5, noNaN: true }), fifo: fc.boolean(), both: fc.boolean() })
      .map((r): WorldAction => ({ type: 'net/link', ...r, latency: { kind: 'exponential', mean: 3 } })),
    fc.nat({ max: 60 }).map((msgId): WorldAction => ({ type: 'net/drop', msgId })),
    node.map((n): WorldAction => ({ type: 'node/crash', node: n })),
    node.map((n): WorldAction => ({ type: 'node/restart', node: n })),
  );
}

/** A random, time-sorted log of world actions and heartbeat commands. */
export function heartbeatLogArb(nodes: readonly NodeId[], horizon = 300): fc.Arbitrary<LogEntry<WorldAction | BeatNow>[]> {
  const action = fc.oneof(
    { weight: 4, arbitrary: worldActionArb(nodes) as fc.Arbitrary<WorldAction | BeatNow> },
    { weight: 1, arbitrary: fc.constantFrom(...nodes).map((n): BeatNow => ({ type: 'hb/beat-now', node: n })) },
  );
  return fc
    .array(fc.record({ at: fc.integer({ min: 0, max: horizon }), action }), { maxLength: 12 })
    .map((xs) => [...xs].sort((a, b) => a.at - b.at));
}
