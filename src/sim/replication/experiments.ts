/**
 * The `failover` experiment: how many acknowledged writes a failover loses, against replication
 * lag, under asynchronous and semi-synchronous replication (DDIA ch. 5, "Leader failure:
 * failover"; the GitHub incident of 2012 in which an out-of-date follower was promoted is the
 * classic case). Each trial: c1 writes every `interval` ms; at a random time T in [200, 400) ms the
 * leader drops off the network and dies; 50 ms later the most up-to-date follower is promoted
 * (what an orchestrator does). The trial counts writes c1 was told had succeeded that the new
 * leader lacks. Closed form for async with constant delays: a write is lost iff it was acknowledged
 * before T but reached no follower by T, a window of (lag − client latency) ms, so about
 * (lag − clientLatency) / interval writes (fewer when the window reaches back past t = 0).
 * Semi-synchronous: none, by construction, at the price of a round trip to a follower per write.
 */
import type { Experiment, ExperimentParams } from '../core/experiment';
import { createRng, cloneRng, nextFloatMut } from '../core/rng';
import { worldMechanism } from '../core/world';
import { replicationProtocol, replicationDefaults } from './protocol';
import { allOps, lostAckedWrites, replicas, type ReplicationState } from './observe';
import type { RCmd, ReplicationMode, ReplicationParams } from './types';
import type { WorldAction } from '../core/actions';

const fast = worldMechanism(replicationProtocol, { trace: false });
const MODES: readonly ReplicationMode[] = ['async', 'semisync'];

/** One failover trial's outcome. */
export interface FailoverTrial {
  readonly acked: number;
  readonly lost: number;
  /** Sum over acknowledged writes of the time from start to acknowledgement (ms). */
  readonly latencySum: number;
  /** The closed form for this trial's failure time (async): writes acknowledged by T that no follower had by T. */
  readonly expectedLost: number;
}

/** Run one failover trial: writes every `interval` ms, leader lost at `failAt`, best follower promoted 50 ms later. */
export function failoverTrial(p: ReplicationParams, interval: number, failAt: number, seed = 1): FailoverTrial {
  const m = fast;
  let s = m.init(seed, p) as ReplicationState;
  const act = (a: WorldAction | RCmd) => {
    s = m.apply(s, a) as ReplicationState;
  };
  for (let t = 0; t < failAt; t += interval) {
    s = m.advanceTo(s, t) as ReplicationState;
    act({ type: 'rep/write', client: 'c1', key: 'x', value: `v${Math.round(t / interval) + 1}` });
  }
  s = m.advanceTo(s, failAt) as ReplicationState;
  const others = s.nodeIds.filter((n) => n !== 'A');
  act({ type: 'net/partition', groups: [['A'], others] });
  act({ type: 'node/crash', node: 'A' });
  s = m.advanceTo(s, failAt + 50) as ReplicationState;
  const best = replicas(s)
    .filter((r) => r.up && r.id !== 'A')
    .sort((a, b) => b.state.log.length - a.state.log.length || (a.id < b.id ? -1 : 1))[0];
  act({ type: 'rep/failover', to: best.id, epoch: 2 });
  s = m.advanceTo(s, failAt + 100 + 2 * p.lag) as ReplicationState;
  const acked = allOps(s).filter((o) => o.kind === 'write' && o.status === 'ok');
  const latencySum = acked.reduce((a, o) => a + (o.end! - o.start), 0);
  // Async, constant delays c (client) and lag: the write at t is acknowledged at t + 2c and reaches
  // the followers at t + c + lag, so it is lost iff T − c − lag < t ≤ T − 2c.
  const c = p.clientLatency;
  let expectedLost = 0;
  if (p.mode === 'async') for (let t = 0; t < failAt; t += interval) if (t > failAt - c - p.lag && t <= failAt - 2 * c) expectedLost++;
  return { acked: acked.length, lost: lostAckedWrites(s).length, latencySum, expectedLost };
}

/** One (mode, lag) point. */
export interface FailoverPoint {
  readonly mode: ReplicationMode;
  readonly lag: number;
  readonly trials: number;
  readonly meanAcked: number;
  readonly meanLost: number;
  readonly maxLost: number;
  /** Fraction of trials that lost at least one acknowledged write. */
  readonly trialsWithLoss: number;
  readonly meanLatency: number;
  /** Closed form (see the file comment) averaged over the trials' failure times; 0 for semisync. */
  readonly expectedLost: number;
}

const num = (p: ExperimentParams, k: string) => p[k] as number;

/** `failover`: lost acknowledged writes against lag, async vs semi-sync. */
export const failoverExperiment: Experiment<FailoverPoint, { points: FailoverPoint[] }> = {
  id: 'failover',
  title: 'Failover: acknowledged writes lost against replication lag',
  doc: 'For each lag in --lags and each mode (async, semisync): --trials trials in which c1 writes every --interval ms, the leader vanishes at a random time and the most up-to-date follower is promoted 50 ms later; reports acknowledged writes lost (mean, max, share of trials with a loss) and write latency, beside the closed form (lag − 5 ms)/interval for async.',
  params: [
    { name: 'lags', kind: 'numbers', default: [10, 25, 50, 100, 200, 400], min: 0, max: 2000, maxItems: 12, doc: 'replication lags to try (ms, one way)' },
    { name: 'interval', kind: 'integer', default: 10, min: 2, max: 1000, doc: 'c1 writes every this many ms' },
    { name: 'followers', kind: 'integer', default: 2, min: 1, max: 4, doc: 'followers besides the leader' },
    { name: 'trials', kind: 'integer', default: 40, min: 1, max: 1000, doc: 'trials per (mode, lag)' },
    { name: 'seed', kind: 'integer', default: 1, min: 0, max: 4294967295, doc: 'run seed' },
  ],
  units: (p) => (p.lags as readonly number[]).length * MODES.length,
  runUnit(p, i) {
    const lags = p.lags as readonly number[];
    const mode = MODES[i % MODES.length];
    const lag = lags[Math.floor(i / MODES.length)];
    const params: ReplicationParams = { ...replicationDefaults, followers: num(p, 'followers'), clients: 1, lag, mode, readPolicy: 'leader', timeout: 60_000 };
    const rng = cloneRng(createRng(num(p, 'seed'), `failover:${lag}`)); // same failure times for both modes
    const trials = num(p, 'trials');
    const out: FailoverTrial[] = [];
    for (let t = 0; t < trials; t++) out.push(failoverTrial(params, num(p, 'interval'), 200 + Math.floor(nextFloatMut(rng) * 200), t + 1));
    const mean = (f: (x: FailoverTrial) => number) => out.reduce((a, x) => a + f(x), 0) / out.length;
    return {
      mode,
      lag,
      trials,
      meanAcked: mean((x) => x.acked),
      meanLost: mean((x) => x.lost),
      maxLost: Math.max(...out.map((x) => x.lost)),
      trialsWithLoss: out.filter((x) => x.lost > 0).length / out.length,
      meanLatency: out.reduce((a, x) => a + x.latencySum, 0) / Math.max(1, out.reduce((a, x) => a + x.acked, 0)),
      expectedLost: mean((x) => x.expectedLost),
    };
  },
  merge: (_p, parts) => ({ points: [...parts] }),
};
