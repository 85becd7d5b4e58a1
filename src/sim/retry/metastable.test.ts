import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replay } from '../core/replay';
import { deepFreeze } from '../core/testing/freeze';
import { runInPlace } from './engine';
import { msDefaults, msMechanism as m, msModel, msPolicies, runMetastable, type MsState } from './metastable';

const goodputOver = (s: MsState, fromMs: number, toMs: number) =>
  s.series.slice(Math.floor(fromMs / s.params.bucketMs), Math.floor(toMs / s.params.bucketMs)).reduce((a, p) => a + p.goodput, 0) / ((toMs - fromMs) / 1000);

describe('metastable failure', () => {
  it('conserves work: every attempt is answered, wasted, shed or still queued or in service', () => {
    fc.assert(
      fc.property(fc.constantFrom(...msPolicies), fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 3000, max: 15000 }), (policy, triggerMs, seed, until) => {
        const s = runMetastable({ ...msDefaults, policy, triggerMs }, seed, until);
        const t = s.totals;
        const queued = s.jobs.length - s.head;
        const inService = s.queue.filter((e) => e.kind === 'done').length;
        expect(t.offered).toBe(t.goodput + t.wasted + t.shed + queued + inService - (s.busy && policy === 'shed' ? s.queue.filter((e) => e.kind === 'done' && e.client === -1).length : 0));
        if (policy === 'none') expect(s.series.reduce((a, p) => a + p.offered - p.fresh, 0)).toBe(0);
        if (policy !== 'shed') expect(t.shed).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
  it('the budget bounds retries by ratio · requests + burst', () => {
    const s = runMetastable({ ...msDefaults, policy: 'budget' }, 3, 20_000);
    expect(s.budget.retries).toBeLessThanOrEqual(msDefaults.budgetRatio * s.budget.requests + msDefaults.budgetBurst);
    expect(s.budget.retries).toBeGreaterThan(0);
  });
  it('named regressions: the stuck scenario stays stuck long after the trigger; shedding, the budget and a long backoff recover', () => {
    const at = (id: string) => {
      const sc = m.scenarios.find((x) => x.id === id)!;
      return replay(m, { mechanism: m.id, seed: sc.seed, params: sc.params, log: sc.log }, sc.until!);
    };
    const healthy = goodputOver(at('metastable-stuck'), 0, 2000);
    expect(healthy).toBeGreaterThan(55);
    const stuck = at('metastable-stuck');
    expect(goodputOver(stuck, 15_000, 20_000)).toBeLessThan(5);
    expect(stuck.series.at(-1)!.offered * 4).toBeGreaterThan(100); // offered load above capacity, though the trigger ended at 5 s
    expect(goodputOver(at('metastable-fix-shedding'), 15_000, 20_000)).toBeGreaterThan(0.8 * healthy);
    expect(goodputOver(at('metastable-fix-budget'), 20_000, 25_000)).toBeGreaterThan(0.8 * healthy);
    expect(goodputOver(at('metastable-fix-backoff'), 20_000, 25_000)).toBeGreaterThan(0.8 * healthy);
  });
  it('mechanism steps never mutate their input and replay equals running straight through', () => {
    const p = { ...msDefaults, triggerMs: 500 };
    let s = deepFreeze(m.init(5, p));
    for (let i = 0; i < 3000; i++) s = deepFreeze(m.next(s));
    const direct = runInPlace(msModel, msModel.create(5, p, true), s.now);
    expect(s.totals).toEqual(direct.totals);
    expect(m.parseAction({ type: 'ms/policy', policy: 'shed' })).toEqual({ type: 'ms/policy', policy: 'shed' });
    expect(m.parseAction({ type: 'ms/policy', policy: 'pray' })).toBeNull();
  });
});
