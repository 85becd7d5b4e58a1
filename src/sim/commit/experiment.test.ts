import { describe, expect, it } from 'vitest';
import { parseExperimentParams, runExperiment } from '../core/experiment';
import { commitExperiment } from './experiment';

describe('commit experiment', () => {
  it('2PC lock holds grow with coordinator downtime, 3PC holds do not, and 2PC never breaks AC1', () => {
    const { params, problems } = parseExperimentParams(commitExperiment, { trials: '200', downtimeTrials: '100', downtimes: '100,800', partition: '0.5' });
    expect(problems).toEqual([]);
    const r = runExperiment(commitExperiment, params)!.results;
    const two = r.downtime.filter((x) => x.protocol === '2pc');
    const three = r.downtime.filter((x) => x.protocol === '3pc');
    expect(two[1].lockHeld.p95).toBeGreaterThan(two[0].lockHeld.p95 + 500);
    expect(three[1].lockHeld.max).toBeLessThan(650);
    expect(r.random.find((x) => x.protocol === '2pc')!.violations).toBe(0);
    for (const row of [...r.random, ...r.downtime]) expect(row.stuck).toBe(0);
  });
});
