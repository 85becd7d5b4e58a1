import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextInt, nextRandom } from './prng';

describe('mulberry32 (kept only for cores that still import it)', () => {
  it('gives the draws the cores produced before they shared one copy (regression, recorded from the old per-core files)', () => {
    // Arrange / Act
    const draws = [0, 42, 0xffffffff].map((s) => nextRandom(s));
    // Assert
    expect(draws).toEqual([
      { state: 1831565813, value: 0.26642920868471265 },
      { state: 1831565855, value: 0.6011037519201636 },
      { state: 1831565812, value: 0.8964226141106337 },
    ]);
  });

  it('nextInt stays within [min, max]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), (s, min, span) => {
        const v = nextInt(s, min, min + span).value;
        expect(v).toBeGreaterThanOrEqual(min);
        expect(v).toBeLessThanOrEqual(min + span);
      }),
      { numRuns: 300 },
    );
  });
});
