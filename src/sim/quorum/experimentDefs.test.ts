import { describe, expect, it } from 'vitest';
import { parseExperimentParams, runExperiment } from '../core/experiment';
import { pbsExperiment } from './experimentDefs';
import { consistentAt, mergeThresholds, runPbs, warsProfiles } from './pbs';

describe('PBS under the experiment contract', () => {
  it('gives the Quorum worker’s numbers: chunks of 2,000 with their named streams', () => {
    const { params, problems } = parseExperimentParams(pbsExperiment, { n: '3', w: '5', r: '1', trials: '4500' });
    expect(problems).toEqual(['w (5) exceeds n (3); using 3.']);
    const out = runExperiment(pbsExperiment, params)!;
    const cfg = { n: 3, w: 3, r: 1, profile: warsProfiles[0]! };
    const want = mergeThresholds([runPbs(cfg, 2012, 2000, 0, 2000), runPbs(cfg, 2012, 2000, 1, 2000), runPbs(cfg, 2012, 500, 2, 500)]);
    expect(out.results.trials).toBe(4500);
    expect(out.results.consistentAtCommit).toBe(consistentAt(want, 0));
    expect(out.results.consistentAtCommit).toBe(1); // W = N: every read overlaps the write
  });
});
