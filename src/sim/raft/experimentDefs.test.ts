import { describe, expect, it } from 'vitest';
import { parseExperimentParams, runExperiment } from '../core/experiment';
import { figure16Experiment, splitVoteExperiment } from './experimentDefs';
import { figure16Ranges, runFigure16, runSplitVotes } from './experiments';

describe('Raft experiments under the experiment contract', () => {
  it('figure16 gives exactly runFigure16’s sorted downtimes (trials not a multiple of the unit size)', () => {
    const { params } = parseExperimentParams(figure16Experiment, { trials: '73', seed: '5' });
    const out = runExperiment(figure16Experiment, params)!;
    const want = runFigure16(73, figure16Ranges, undefined, undefined, 5)!;
    expect(out.results.series.map((s) => s.downtimes)).toEqual(want.map((s) => s.downtimes));
    expect(out.results.series[0]!.censored).toBe(73); // 150–150 ms never elects within the cap
    expect(out.results.series[2]!.paper).toBe('median 287 ms');
  });
  it('split-vote gives exactly runSplitVotes’s counts, with the closed form beside them', () => {
    const { params, problems } = parseExperimentParams(splitVoteExperiment, { trials: '40', latencies: '10,50', timeoutMin: '200', timeoutMax: '100' });
    expect(problems).toHaveLength(1);
    const out = runExperiment(splitVoteExperiment, params)!;
    const want = runSplitVotes([10, 50], 40, { min: 200, max: 200 }, undefined, 1)!;
    expect(out.results.points.map((p) => p.splits)).toEqual(want.map((p) => p.splits));
    const { params: p2 } = parseExperimentParams(splitVoteExperiment, { trials: '40', latencies: '30' });
    const o2 = runExperiment(splitVoteExperiment, p2)!;
    expect(o2.results.points[0]!.closedForm).toBeCloseTo(6 * 0.2 ** 2 - 8 * 0.2 ** 3 + 3 * 0.2 ** 4, 12);
  });
});
