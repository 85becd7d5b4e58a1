import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replay } from '../core/replay';
import { deepFreeze } from '../core/testing/freeze';
import { ampDefaults, ampMechanism as m, runAmplification } from './amplify';

describe('retry amplification', () => {
  it('with the database down, every layer retrying sends exactly k, k², k³ calls per request; one layer sends k to the database', () => {
    for (const k of [1, 2, 3, 4]) {
      const requests = 20;
      const s = runAmplification({ ...ampDefaults, attempts: k, failAt: 0, healAt: 1e9, limit: requests }, 1, 1e9);
      const [every, one] = s.variants;
      expect(every!.requests).toBe(requests);
      expect(every!.received).toEqual([k, k * k, k ** 3].map((x) => x * requests));
      expect(one!.received).toEqual([1, 1, k].map((x) => x * requests));
      expect(every!.failed).toBe(requests);
      expect(s.queue).toHaveLength(0); // every call tree ran to its end
    }
  });
  it('the budget never lets a caller retry more than ratio · its requests + burst', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 1e6 }), (k, failRate, ratio, burst, seed) => {
        const s = runAmplification({ ...ampDefaults, attempts: k, failRate, failAt: 0, healAt: 1e9, budgetRatio: ratio, budgetBurst: burst }, seed, 3000);
        const budget = s.variants[2]!;
        for (const b of budget.budgets) expect(b.retries).toBeLessThanOrEqual(ratio * b.requests + burst + 1e-6);
        // And the database never sees more than (1 + ratio)³-ish load beyond the burst: check the weaker, exact bound per layer.
        expect(budget.received[0]).toBeLessThanOrEqual(budget.requests + budget.budgets[0].retries);
      }),
      { numRuns: 40 },
    );
  });
  it('replays deterministically without mutating states; the reader can fail and heal the database', () => {
    const sc = m.scenarios[0]!;
    const spec = { mechanism: m.id, seed: 1, params: sc.params, log: [{ at: 4500, action: { type: 'amp/fail' as const } }] };
    const a = replay(m, spec, 5000);
    let s = deepFreeze(m.init(1, sc.params));
    s = deepFreeze(m.advanceTo(s, 4500));
    s = deepFreeze(m.apply(s, { type: 'amp/fail' }));
    s = m.advanceTo(s, 5000);
    expect(s.variants.map((v) => v.received)).toEqual(a.variants.map((v) => v.received));
    expect(a.dbFailing).toBe(true);
    expect(m.parseAction({ type: 'amp/explode' })).toBeNull();
  });
});
