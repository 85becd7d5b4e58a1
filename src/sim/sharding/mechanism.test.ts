import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replay } from '../core/replay';
import { LAB_NODES, sanitizeShardingParams, shardingMechanism as m, shardingScenarios, parseShardAction, type ShardAction } from '.';

describe('the sharding lab mechanism', () => {
  it('every scenario replays to the same state twice (determinism) and says what moved', () => {
    for (const sc of shardingScenarios) {
      const spec = { mechanism: 'sharding', seed: sc.seed, params: sc.params, log: sc.log };
      const a = replay(m, spec, 1500);
      const b = replay(m, spec, 1500);
      expect(a.owners).toEqual(b.owners);
      expect(a.trace.map((e) => e.label)).toEqual(b.trace.map((e) => e.label));
      if (sc.log.length) expect(a.last?.moves.length).toBeGreaterThan(0);
    }
  });
  it('after any sequence of joins and leaves, owners are exactly what a fresh layout of the same history gives', () => {
    const arb = fc.array(fc.oneof(fc.constant<ShardAction>({ type: 'shard/add' }), fc.constantFrom(...LAB_NODES.slice(0, 6)).map((node): ShardAction => ({ type: 'shard/remove', node }))), { maxLength: 8 });
    fc.assert(
      fc.property(arb, fc.constantFrom('ring', 'jump', 'rendezvous', 'fixed', 'range', 'mod' as const), (acts, scheme) => {
        const params = { ...m.defaults, scheme, keys: 120 };
        let s = m.init(3, params);
        for (const a of acts) {
          const before = s.owners;
          s = m.apply(s, a);
          // Consistent schemes only ever move keys to a joining node, or away from a leaving one.
          if (s.last && s.owners !== before && scheme !== 'mod') for (const mv of s.last.moves) expect(s.last.kind === 'add' ? mv.to : mv.from).toBe(s.last.node);
        }
        expect(s.owners).toEqual(s.keys.map((k) => s.layout.owner(k)));
      }),
      { numRuns: 80 },
    );
  });
  it('rejects bad actions and clamps bad params with a message', () => {
    expect(parseShardAction({ type: 'shard/remove', node: 'Z' })).toBeNull();
    expect(parseShardAction({ type: 'shard/add' })).toEqual({ type: 'shard/add' });
    const r = sanitizeShardingParams({ scheme: 'magic', vnodes: 5000, keys: 10 });
    expect(r.value.scheme).toBe('ring');
    expect(r.problems).toHaveLength(3);
  });
});
