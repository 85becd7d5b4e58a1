import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gInc, gMerge, gValue, lwwMerge, orAdd, orMerge, orRemove, orValue, pnAdd, pnEmpty, pnMerge, pnValue, type GCounter, type LwwRegister, type OrSet, type PNCounter } from './crdt';
import { applyCrdtUpdate, emptyCrdtReplica, mergeReplica, type CrdtCmd, type CrdtReplica } from './crdtProtocol';
import { replay } from '../core/replay';
import { crdtMechanism, crdtScenarios } from '.';

const R = fc.constantFrom('A', 'B', 'C');
const arbG: fc.Arbitrary<GCounter> = fc.array(fc.tuple(R, fc.integer({ min: 0, max: 5 }))).map((ops) => ops.reduce((c, [r, n]) => gInc(c, r, n), {} as GCounter));
const arbPN: fc.Arbitrary<PNCounter> = fc.array(fc.tuple(R, fc.integer({ min: -5, max: 5 }))).map((ops) => ops.reduce((c, [r, n]) => pnAdd(c, r, n), pnEmpty));
// A stamp names one write, so the value is a function of the stamp.
const arbLww: fc.Arbitrary<LwwRegister<number>> = fc.record({ time: fc.integer({ min: 0, max: 20 }), replica: R }).map((x) => ({ ...x, value: x.time * 31 + x.replica.charCodeAt(0) }));
const items = fc.constantFrom('milk', 'eggs', 'tea');
/** OR-Sets built by replicas that each mint their own tags, then exchange states. */
const arbOr: fc.Arbitrary<OrSet> = fc.array(fc.tuple(R, fc.boolean(), items)).map((ops) => {
  const per: Record<string, OrSet> = {};
  let all: OrSet = { adds: {}, removed: [], clock: {} };
  for (const [r, add, e] of ops) {
    const cur = orMerge(per[r] ?? all, all);
    per[r] = add ? orAdd(cur, r, e) : orRemove(cur, e);
    if (ops.indexOf(ops.find((x) => x[0] === r)!) % 2 === 0) all = orMerge(all, per[r]);
  }
  return Object.values(per).reduce(orMerge, all);
});

function laws<T>(name: string, arb: fc.Arbitrary<T>, merge: (a: T, b: T) => T) {
  it(`${name}: merge is commutative, associative and idempotent`, () => {
    fc.assert(
      fc.property(arb, arb, arb, (a, b, c) => {
        expect(merge(a, b)).toEqual(merge(b, a));
        expect(merge(merge(a, b), c)).toEqual(merge(a, merge(b, c)));
        expect(merge(a, a)).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
}

describe('CRDT semilattice laws (Shapiro et al. 2011)', () => {
  laws('G-Counter', arbG, gMerge);
  laws('PN-Counter', arbPN, pnMerge);
  laws('LWW-Register', arbLww, lwwMerge);
  laws('OR-Set', arbOr, orMerge);
  it('an OR-Set remove only removes the adds it has seen (add wins)', () => {
    const a = orAdd({ adds: {}, removed: [], clock: {} }, 'A', 'milk');
    const b = orAdd(a, 'B', 'milk'); // B re-adds concurrently with A's remove
    const aRemoved = orRemove(a, 'milk');
    expect(orValue(orMerge(aRemoved, b))).toEqual(['milk']);
    expect(orValue(orMerge(aRemoved, a))).toEqual([]);
  });
  it('G- and PN-counter values are the sums of increments', () => {
    expect(gValue(gInc(gInc({}, 'A', 2), 'B', 3))).toBe(5);
    expect(pnValue(pnAdd(pnAdd(pnEmpty, 'A', 2), 'B', -3))).toBe(-1);
  });
});

const arbCmd: fc.Arbitrary<CrdtCmd> = fc.oneof(
  fc.record({ type: fc.constant('crdt/like' as const), replica: R, by: fc.constantFrom(1, 2, -1) }),
  fc.record({ type: fc.constant('crdt/add' as const), replica: R, item: items }),
  fc.record({ type: fc.constant('crdt/remove' as const), replica: R, item: items }),
);

describe('replicas converge under any delivery order, with duplicates', () => {
  it('every replica that receives every gossiped state, shuffled and repeated, ends equal', () => {
    fc.assert(
      fc.property(fc.array(arbCmd, { maxLength: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (cmds, orderA, orderB) => {
        // Each replica applies its own updates, gossiping a snapshot after each one.
        const local: Record<string, CrdtReplica> = { A: emptyCrdtReplica, B: emptyCrdtReplica, C: emptyCrdtReplica };
        const sent: CrdtReplica[] = [];
        cmds.forEach((c, t) => {
          local[c.replica] = applyCrdtUpdate(local[c.replica], c, c.replica, t);
          sent.push(local[c.replica]);
        });
        const deliver = (start: CrdtReplica, order: number[]) => {
          let s = start;
          for (const i of order) if (sent.length) s = mergeReplica(s, sent[i % sent.length]); // random picks: repeats
          for (const m of sent) s = mergeReplica(s, m); // then everything at least once
          return s;
        };
        const a = deliver(local.A, orderA);
        const b = deliver(local.B, orderB);
        const c = deliver(local.C, [...orderA].reverse());
        const strip = (x: CrdtReplica) => ({ ...x, local: 0 });
        expect(strip(a)).toEqual(strip(b));
        expect(strip(b)).toEqual(strip(c));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the CRDT scenarios', () => {
  const at = (id: string) => {
    const sc = crdtScenarios.find((s) => s.id === id)!;
    const s = replay(crdtMechanism, { mechanism: 'crdt', seed: sc.seed, params: sc.params, log: sc.log }, sc.until!);
    return s.nodeIds.map((n) => s.nodes[n].state);
  };
  it('lww-loses-update: the LWW counter keeps one like, the G-Counter both; OR-Set both items', () => {
    for (const r of at('lww-loses-update')) {
      expect(r.likesLww.value).toBe(1);
      expect(gValue(r.likesG)).toBe(2);
      expect(r.cartLww.value).toHaveLength(1);
      expect(orValue(r.cartOr)).toEqual(['eggs', 'milk']);
    }
  });
  it('or-set-add-wins: milk survives in the OR-Set on every replica', () => {
    for (const r of at('or-set-add-wins')) expect(orValue(r.cartOr)).toEqual(['milk']);
  });
  it('counters-converge: every replica reports the PN sum of every change', () => {
    for (const r of at('counters-converge')) expect(pnValue(r.likesPN)).toBe(1 + 1 + 1 - 1 + 3 - 1);
  });
});

describe('the gossip protocol converges on the kernel network', () => {
  it('after random updates, duplicated and reordered messages and a healed partition, every replica holds the same state', () => {
    const mech = crdtMechanism;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), arbCmd), { maxLength: 15 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.boolean(),
        (cmds, dup, seed, split) => {
          let s = mech.init(seed, { replicas: 3, gossip: 50, latency: 40 });
          for (const from of ['A', 'B', 'C']) for (const to of ['A', 'B', 'C']) if (from !== to) s = mech.apply(s, { type: 'net/link', from, to, dup, latency: { kind: 'uniform', min: 1, max: 150 } });
          if (split) s = mech.apply(s, { type: 'net/partition', groups: [['A'], ['B', 'C']] });
          for (const [t, c] of [...cmds].sort((a, b) => a[0] - b[0])) s = mech.apply(mech.advanceTo(s, t), c);
          s = mech.advanceTo(s, 700);
          if (split) s = mech.apply(s, { type: 'net/heal' });
          s = mech.advanceTo(s, 2500);
          const states = s.nodeIds.map((id) => ({ ...s.nodes[id].state, local: 0 }));
          expect(states[1]).toEqual(states[0]);
          expect(states[2]).toEqual(states[0]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
