import { describe, expect, it } from 'vitest';
import { parseExperimentParams, runExperiment } from '../core/experiment';
import { figure16Experiment, splitVoteExperiment } from './experimentDefs';
import { figure16Ranges, runFigure16, runSplitVotes } from './experiments';
import { splitVoteProbability } from './splitVote';

describe('Raft experiments under the experiment contract', () => {
  it('figure16 gives exactly runFigure16’s sorted downtimes (trials not a multiple of the unit size)', () => {
    const { params } = parseExperimentParams(figure16Experiment, { trials: '73', seed: '5' });
    const out = runExperiment(figure16Experiment, params)!;
    const want = runFigure16(73, figure16Ranges, undefined, undefined, 5)!;
    expect(out.results.series.map((s) => s.downtimes)).toEqual(want.map((s) => s.downtimes));
    // 150–150 ms: split votes for seconds, so many trials still have no leader at the 10 s cap, but not all.
    expect(out.results.series[0]!.censored).toBeGreaterThan(10);
    expect(out.results.series[0]!.censored).toBeLessThan(73);
    expect(out.results.series[2]!.paper).toBe('median 287 ms');
  });
  it('figure16 takes the cluster, survivors, heartbeat, cap and timing model from the command line', () => {
    const { params, problems } = parseExperimentParams(figure16Experiment, {
      trials: '12', servers: '7', survivors: '8', heartbeat: '40', cap: '3000', diskWrite: '0', driftPpm: '0', timerJitter: '0', latencyMin: '1', latencyMax: '2',
    });
    expect(problems).toHaveLength(1); // survivors clamped to n − 1 = 6
    expect(params.survivors).toBe(6);
    const out = runExperiment(figure16Experiment, params)!;
    const setup = { latencyMin: 1, latencyMax: 2, servers: 7, survivors: 6, heartbeat: 40, cap: 3000, timing: { diskWrite: 0, driftPpm: 0, timerJitter: 0 } };
    expect(out.results.setup).toEqual(setup);
    expect(out.results.capMs).toBe(3000);
    const want = runFigure16(12, figure16Ranges, setup, undefined, 1)!;
    expect(out.results.series.map((s) => s.downtimes)).toEqual(want.map((s) => s.downtimes));
    // Without drift or jitter the symmetric range never elects; heartbeats every 40 ms put the floor near 110 ms.
    expect(out.results.series[0]!.censored).toBe(12);
    expect(out.results.series[5]!.downtimes[0]).toBeGreaterThan(100);
  });
  it('split-vote covers any n and s against the closed form', () => {
    const { params } = parseExperimentParams(splitVoteExperiment, { trials: '30', latencies: '20', servers: '9', survivors: '6' });
    const out = runExperiment(splitVoteExperiment, params)!;
    expect(out.results.servers).toBe(9);
    expect(out.results.survivors).toBe(6);
    expect(out.results.points[0]!.closedForm).toBeCloseTo(splitVoteProbability(9, 6, 20, 150), 12);
    const want = runSplitVotes([20], 30, { min: 150, max: 300 }, undefined, 1, { servers: 9, survivors: 6 })!;
    expect(out.results.points[0]!.splits).toBe(want[0]!.splits);
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
