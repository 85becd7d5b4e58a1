import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clampInteger, clampNumber, clampPeriod, clampRate, isPeriod, isRate, MIN_PERIOD_MS, MIN_RATE } from './clamp';

describe('clampNumber / clampInteger', () => {
  it('uses the default when absent, says why when the value is not a number', () => {
    const problems: string[] = [];
    expect(clampNumber(undefined, 1, 9, 5, 'Nodes', problems)).toBe(5);
    expect(problems).toEqual([]);
    expect(clampNumber('7', 1, 9, 5, 'Nodes', problems)).toBe(5);
    expect(clampNumber(Number.NaN, 1, 9, 5, 'Nodes', problems)).toBe(5);
    expect(problems).toEqual(['Nodes must be a number; using 5.', 'Nodes must be a number; using 5.']);
  });

  it('clamps out-of-range values and reports it; rounds integers first', () => {
    const problems: string[] = [];
    expect(clampInteger(12, 1, 9, 5, 'Nodes', problems)).toBe(9);
    expect(clampInteger(3.4, 1, 9, 5, 'Nodes', problems)).toBe(3);
    expect(clampNumber(-1, 0, 0.9, 0.3, 'Jitter', problems)).toBe(0);
    expect(problems).toEqual(['Nodes 12 is outside 1–9; clamped.', 'Jitter -1 is outside 0–0.9; clamped.']);
  });

  it('always lands inside the range, and integers stay integers', () => {
    fc.assert(
      fc.property(fc.anything(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), (raw, lo, span) => {
        const hi = lo + span;
        const v = clampInteger(raw, lo, hi, lo, 'x', []);
        expect(Number.isInteger(v) && v >= lo && v <= hi).toBe(true);
        const w = clampNumber(raw, lo, hi, lo, 'x', []);
        expect(w >= lo && w <= hi).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('clampRate / isRate', () => {
  it('keep 0 and MIN_RATE..hi, read a vanishing positive rate as 0 with a problem, clamp the rest', () => {
    const problems: string[] = [];
    expect(clampRate(0, 200, 30, 'r', problems)).toBe(0);
    expect(clampRate(MIN_RATE, 200, 30, 'r', problems)).toBe(MIN_RATE);
    expect(clampRate(150, 200, 30, 'r', problems)).toBe(150);
    expect(problems).toEqual([]);
    expect(clampRate(1e-9, 200, 30, 'r', problems)).toBe(0);
    expect(clampRate(1e9, 200, 30, 'r', problems)).toBe(200);
    expect(clampRate('x', 200, 30, 'r', problems)).toBe(30);
    expect(problems).toHaveLength(3);
    for (const ok of [0, MIN_RATE, 200]) expect(isRate(ok, 200)).toBe(true);
    for (const bad of [1e-9, -1, 200.5, NaN, Infinity, '5', null]) expect(isRate(bad, 200)).toBe(false);
  });

  it('never returns a positive rate below MIN_RATE, for any input', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const v = clampRate(raw, 500, 6, 'r', []);
        expect(v === 0 || (v >= MIN_RATE && v <= 500)).toBe(true);
      }),
    );
  });
});

describe('clampPeriod / isPeriod', () => {
  it('keep 0 (off) and MIN_PERIOD_MS..hi, raise a vanishing positive period with a problem, clamp the rest', () => {
    const problems: string[] = [];
    expect(clampPeriod(0, 60_000, 50, 'p', problems)).toBe(0);
    expect(clampPeriod(MIN_PERIOD_MS, 60_000, 50, 'p', problems)).toBe(MIN_PERIOD_MS);
    expect(problems).toEqual([]);
    expect(clampPeriod(5e-324, 60_000, 50, 'p', problems)).toBe(MIN_PERIOD_MS);
    expect(clampPeriod(1e9, 60_000, 50, 'p', problems)).toBe(60_000);
    expect(problems).toHaveLength(2);
    for (const ok of [0, MIN_PERIOD_MS, 60_000]) expect(isPeriod(ok, 60_000)).toBe(true);
    for (const bad of [5e-324, 0.5, -1, 60_001, NaN, '5']) expect(isPeriod(bad, 60_000)).toBe(false);
  });

  it('never returns a positive period below MIN_PERIOD_MS, for any input', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const v = clampPeriod(raw, 60_000, 50, 'p', []);
        expect(v === 0 || (v >= MIN_PERIOD_MS && v <= 60_000)).toBe(true);
      }),
    );
  });
});
