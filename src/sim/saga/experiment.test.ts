import { describe, expect, it } from 'vitest';
import { parseExperimentParams, runExperiment } from '../core/experiment';
import { sagaExperiment } from './experiment';

describe('saga experiment', () => {
  const { params } = parseExperimentParams(sagaExperiment, { trials: '300', failRates: '0,0.2', mode: 'orchestration' });

  it('completes with probability (1 − p)^4 and never breaks semantic atomicity', () => {
    const out = runExperiment(sagaExperiment, params);
    const rows = out!.results;
    expect(rows.map((r) => r.failRate)).toEqual([0, 0.2]);
    expect(rows[0].completed).toBe(300);
    const expected = 300 * 0.8 ** 4;
    // 300 Bernoulli trials: 4 standard deviations is about ±35.
    expect(Math.abs(rows[1].completed - expected)).toBeLessThan(35);
    for (const r of rows) expect(r.violations).toBe(0);
    expect(rows[1].histogram.reduce((a, b) => a + b, 0)).toBe(rows[1].unwindMs.n);
  });

  it('merging is independent of how units are split (units depend only on their index)', () => {
    const n = sagaExperiment.units(params);
    const parts = Array.from({ length: n }, (_, i) => sagaExperiment.runUnit(params, i));
    const again = Array.from({ length: n }, (_, i) => sagaExperiment.runUnit(params, n - 1 - i)).reverse();
    expect(sagaExperiment.merge(params, again)).toEqual(sagaExperiment.merge(params, parts));
  });
});
