import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { figure16Ranges, runFigure16 } from './experiments';
import { figure16Shares, mergeFigure16, runFigure16Share, shareTrials } from './trialShares';

const runSplit = (trials: number, workers: number, seed: number, ranges = figure16Ranges) =>
  mergeFigure16(
    figure16Shares(workers).map((s) => runFigure16Share(trials, s, ranges, undefined, undefined, seed)!),
    ranges,
  );

describe('experiment 1 split across workers', () => {
  it('merging the parts of 1–4 shares gives exactly the single run, all six ranges', () => {
    const single = runFigure16(23, figure16Ranges, undefined, undefined, 5)!;
    for (const workers of [1, 2, 3, 4]) expect(runSplit(23, workers, 5)).toEqual(single);
  });

  it('equals the single run for any seed, trial count, pool size and order in which parts arrive', () => {
    const ranges = [figure16Ranges[2], figure16Ranges[5]]; // the cheap ranges, so many cases fit
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), (seed, trials, workers, reverse) => {
        const parts = figure16Shares(workers).map((s) => runFigure16Share(trials, s, ranges, undefined, undefined, seed)!);
        if (reverse) parts.reverse();
        expect(mergeFigure16(parts, ranges)).toEqual(runFigure16(trials, ranges, undefined, undefined, seed));
      }),
      { numRuns: 40 },
    );
  });

  it('shares partition the trials: every index once, sizes differing by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 8 }), (trials, workers) => {
        const sizes = figure16Shares(workers).map((s) => shareTrials(trials, s));
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(trials);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
    expect(figure16Shares(0)).toEqual([{ index: 0, count: 1 }]);
  });

  it('refuses to merge a missing or doubled share rather than draw a skewed chart', () => {
    const ranges = [figure16Ranges[5]];
    const [a, b] = figure16Shares(2).map((s) => runFigure16Share(10, s, ranges)!);
    expect(() => mergeFigure16([a], ranges)).toThrow(/shares 0..0 of 1/);
    expect(() => mergeFigure16([a, a], ranges)).toThrow();
    expect(() => mergeFigure16([a, b], figure16Ranges)).toThrow(/every range/);
    expect(() => mergeFigure16([], ranges)).toThrow();
  });

  it('a share reports its own progress up to 1 and can be cancelled', () => {
    const seen: number[] = [];
    const part = runFigure16Share(200, { index: 1, count: 2 }, [figure16Ranges[5]], undefined, (d) => (seen.push(d), true));
    expect(part!.downtimes[0]).toHaveLength(100);
    expect(seen).toEqual([0.5, 1, 1]);
    let calls = 0;
    expect(runFigure16Share(200, { index: 0, count: 2 }, [figure16Ranges[5]], undefined, () => ++calls < 1)).toBeNull();
    expect(calls).toBe(1);
  });
});
