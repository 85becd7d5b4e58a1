import { describe, expect, it } from 'vitest';
import { experimentPoolSize, poolProgress } from './workerMessages';

describe('experiment worker pool', () => {
  it('uses one worker per logical core, at most 4, at least 1, and 2 when the browser does not say', () => {
    expect(experimentPoolSize(1)).toBe(1);
    expect(experimentPoolSize(2)).toBe(2);
    expect(experimentPoolSize(16)).toBe(4);
    expect(experimentPoolSize(undefined)).toBe(2);
    expect(experimentPoolSize(0)).toBe(2);
  });

  it('aggregates progress weighted by each worker’s share of the trials', () => {
    expect(poolProgress([0, 0], [500, 500])).toBe(0);
    expect(poolProgress([1, 0], [500, 500])).toBe(0.5);
    expect(poolProgress([0.5, 1], [334, 333])).toBeCloseTo((167 + 333) / 667, 12);
    expect(poolProgress([1, 1, 1], [1, 1, 0])).toBe(1);
    expect(poolProgress([2, -1], [1, 1])).toBe(0.5); // clamped per worker
  });
});
