import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closedFormWait, erlangB, erlangC, md1Wait, mm1Number, mm1Response, mm1Wait, mmcNumber, mmcWait } from './formulas';

describe('queueing closed forms against known values', () => {
  it('M/M/1 at λ = 8, μ = 10: Wq = 0.4 s, W = 0.5 s, L = 4', () => {
    expect(mm1Wait(8, 10)).toBeCloseTo(0.4, 12);
    expect(mm1Response(8, 10)).toBeCloseTo(0.5, 12);
    expect(mm1Number(8, 10)).toBeCloseTo(4, 12);
    expect(mm1Wait(10, 10)).toBe(Infinity);
  });
  it('Erlang C: c = 2, a = 1 gives 1/3; c = 3, a = 2 gives 4/9; c = 1 gives ρ', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    // Erlang B textbook value: c = 10, a = 5 → 0.018385
    expect(erlangB(10, 5)).toBeCloseTo(0.0183845, 6);
  });
  it('M/M/c reduces to M/M/1 at c = 1, and matches the direct sum at c = 3, λ = 2, μ = 1 (Wq = 4/9 s)', () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), (rho) => {
      expect(mmcWait(rho * 5, 5, 1)).toBeCloseTo(mm1Wait(rho * 5, 5), 9);
    }));
    expect(mmcWait(2, 1, 3)).toBeCloseTo(4 / 9, 12);
    expect(mmcNumber(2, 1, 3)).toBeCloseTo(2 * (4 / 9 + 1), 12);
  });
  it('M/D/1 waits half as long as M/M/1', () => {
    expect(md1Wait(8, 10)).toBeCloseTo(0.2, 12);
    expect(closedFormWait(8, 10, 1, 'fixed')).toEqual({ wait: md1Wait(8, 10), exact: true });
    expect(closedFormWait(8, 10, 2, 'fixed').exact).toBe(false);
  });
  it('Erlang C is a probability that rises with load (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.01, max: 0.98, noNaN: true }), (c, rho) => {
      const x = erlangC(c, rho * c), y = erlangC(c, Math.min(0.99, rho + 0.01) * c);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      expect(y).toBeGreaterThanOrEqual(x - 1e-12);
    }));
  });
});
