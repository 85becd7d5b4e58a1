import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbHistory } from './arbitraries';
import { classify, holdsAt } from './classify';
import { checkLinearizable } from './linearizability';
import { stepRegister } from './model';
import { LEVELS, programOrder } from './models';
import type { History, Operation, Value } from './types';

/**
 * Independent oracle: enumerate every order (skipping unknown-outcome operations or not) that
 * respects `mustPrecede`, and replay it on the register. Exponential; only for tiny histories.
 */
function bruteForce(h: History, mustPrecede: (a: Operation, b: Operation) => boolean): boolean {
  const ops = h.ops.filter((o) => !(o.kind === 'read' && o.ret === null));
  const go = (left: Operation[], state: Value): boolean => {
    if (left.length === 0) return true;
    for (const op of left) {
      if (left.some((o) => o !== op && mustPrecede(o, op))) continue;
      const rest = left.filter((o) => o !== op);
      const next = stepRegister(state, op);
      if (next !== undefined && go(rest, next)) return true;
      if (op.ret === null && go(rest, state)) return true;
    }
    return false;
  };
  return go(ops, h.init);
}
const realTime = (a: Operation, b: Operation) => a.ret !== null && a.ret < b.call;
const sameClientEarlier = (a: Operation, b: Operation) => a.client === b.client && a.call < b.call;

const runs = { numRuns: 400, seed: 20260 };

describe('consistency checker properties (random small histories)', () => {
  it('linearizability agrees with brute force', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        expect(checkLinearizable(h).verdict === 'yes').toBe(bruteForce(h, realTime));
      }),
      runs,
    );
  });

  it('sequential consistency agrees with brute force over program order', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        expect(holdsAt('sequential', h, 1e6)).toBe(bruteForce(h, sameClientEarlier));
      }),
      runs,
    );
  });

  it('the models are nested: each one implies every weaker one', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const c = classify(h, { minimize: false });
        const holds = c.levels.map((l) => l.holds);
        for (let i = 0; i + 1 < holds.length; i++) if (holds[i] === true && holds[i + 1] !== 'unknown') expect(holds[i + 1]).toBe(true);
      }),
      runs,
    );
  });

  it('a linearization witness replays legally and respects real time', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const r = checkLinearizable(h);
        fc.pre(r.verdict === 'yes');
        const byId = new Map(h.ops.map((o) => [o.id, o]));
        let state: Value = h.init;
        r.order.forEach((id, i) => {
          const op = byId.get(id)!;
          const next = stepRegister(state, op);
          expect(next).not.toBeUndefined();
          state = next!;
          for (const later of r.order.slice(i + 1)) expect(realTime(byId.get(later)!, op)).toBe(false);
        });
        // Every operation with a known outcome (except reads of unknown outcome) is placed.
        for (const o of h.ops) if (o.ret !== null) expect(r.order).toContain(o.id);
      }),
      runs,
    );
  });

  it('causal views replay legally and keep program order', () => {
    fc.assert(
      fc.property(arbHistory(), (h) => {
        const v = classify(h, { minimize: false }).levels[2];
        fc.pre(v.holds === true && v.views !== undefined);
        const byId = new Map(h.ops.map((o) => [o.id, o]));
        const po = programOrder(h.ops);
        for (const [client, view] of v.views!) {
          let state: Value = h.init;
          for (const id of view) {
            const op = byId.get(id)!;
            const next = op.client !== client && op.kind === 'cas' ? (op.to ?? null) : stepRegister(state, op);
            expect(next).not.toBeUndefined();
            state = next!;
          }
          const mine = po.get(client)!.filter((o) => view.includes(o.id)).map((o) => o.id);
          expect(view.filter((id) => byId.get(id)!.client === client)).toEqual(mine);
        }
      }),
      runs,
    );
  });

  it('a minimal violation violates, and dropping any one of its operations repairs it', () => {
    fc.assert(
      fc.property(arbHistory(6), (h) => {
        const c = classify(h);
        for (const l of c.levels) {
          if (l.holds !== false || l.level === 'eventual') continue;
          const sub = (ids: readonly number[]) => ({ ops: h.ops.filter((o) => ids.includes(o.id)), init: h.init });
          expect(holdsAt(l.level, sub(l.violation!), 1e6)).toBe(false);
          for (const id of l.violation!) {
            const smaller = sub(l.violation!.filter((x) => x !== id));
            const thinAir = holdsAt('eventual', smaller, 1e6) === false;
            if (!thinAir) expect(holdsAt(l.level, smaller, 1e6)).toBe(true);
          }
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('lists the levels strongest first', () => {
    expect(LEVELS).toEqual(['linearizable', 'sequential', 'causal', 'eventual']);
  });
});
