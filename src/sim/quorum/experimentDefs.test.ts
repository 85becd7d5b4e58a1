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
  it('runs the WAN profile and reports P(consistent) at the times asked for with --t', () => {
    const { params, problems } = parseExperimentParams(pbsExperiment, { profile: 'wan', n: '3', w: '1', r: '1', t: '0,80,200', trials: '3000' });
    expect(problems).toEqual([]);
    const out = runExperiment(pbsExperiment, params)!;
    expect(out.results.curve.map((c) => c.t)).toEqual([0, 80, 200]);
    const cfg = { n: 3, w: 1, r: 1, profile: warsProfiles.find((p) => p.id === 'wan')! };
    const want = mergeThresholds([runPbs(cfg, 2012, 2000, 0, 2000), runPbs(cfg, 2012, 1000, 1, 1000)]);
    expect(out.results.curve.map((c) => c.p)).toEqual([0, 80, 200].map((t) => consistentAt(want, t)));
  });
});
