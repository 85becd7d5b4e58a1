import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correctPosition, exerciseOrder } from './exerciseOrder';

const opts = (n: number, correct: number) => Array.from({ length: n }, (_, i) => ({ correct: i === correct }));

describe('exerciseOrder', () => {
  it('is a permutation, the same for the same id and ordinal (server and client agree)', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(20), fc.integer({ min: 1, max: 6 }), fc.nat(5), (id, k, n, c) => {
        const o = exerciseOrder(id, k, opts(n, c % n));
        expect([...o].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(exerciseOrder(id, k, opts(n, c % n))).toEqual(o);
      }),
    );
  });
  it('cycles the correct answer through the positions within a chapter, wherever the author put it', () => {
    const positions = [1, 2, 3, 4, 5].map((k) => correctPosition(`ch4-ex${k}`, k - 1, opts(4, 0)));
    const counts = [0, 1, 2, 3].map((p) => positions.filter((x) => x === p).length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);
  });
  it('shuffles the wrong options too (not just a rotation of the written order)', () => {
    const orders = new Set(Array.from({ length: 30 }, (_, k) => exerciseOrder(`ch${k}-ex1`, 0, opts(4, 0)).join()));
    expect(orders.size).toBeGreaterThan(6);
  });
});
