import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replay } from '../core/replay';
import { worldMechanism } from '../core/world';
import type { WorldAction } from '../core/actions';
import { parseExperimentParams, runExperiment } from '../core/experiment';
import {
  allOps,
  checkHistory,
  divergence,
  failoverExperiment,
  failoverTrial,
  fencingCounts,
  historyOf,
  lostAckedWrites,
  parseReplicationCommand,
  replicas,
  replicationDefaults,
  replicationMechanism,
  replicationProtocol,
  replicationScenarios,
  sanitizeReplicationParams,
  type RCmd,
  type ReadPolicy,
  type ReplicationParams,
  type ReplicationState,
} from '.';

function run(id: string): ReplicationState {
  const sc = replicationScenarios.find((s) => s.id === id)!;
  return replay(replicationMechanism, { mechanism: 'replication', seed: sc.seed, params: sc.params, log: sc.log }, sc.until!) as ReplicationState;
}
const kinds = (s: ReplicationState) => checkHistory(historyOf(s)).map((v) => v.kind);

describe('replication scenarios say what their descriptions say', () => {
  it('read-your-writes: the early read from B misses c1’s acknowledged write; the later one sees it', () => {
    const s = run('read-your-writes');
    expect(kinds(s)).toEqual(['read-your-writes']);
    const reads = allOps(s).filter((o) => o.kind === 'read');
    expect(reads.map((r) => r.parts[0].value)).toEqual([null, 'hello']);
  });
  it('monotonic-reads: second read goes backwards; session-token holds it until B catches up', () => {
    expect(kinds(run('monotonic-reads'))).toEqual(['monotonic-reads']);
    const t = run('session-token');
    expect(kinds(t)).toEqual([]);
    const second = allOps(t).filter((o) => o.kind === 'read')[1];
    expect(second.parts[0]).toMatchObject({ replica: 'B', value: 'hello' });
    expect(second.end! - second.start).toBeGreaterThan(90); // waited for B to apply position 1
  });
  it('consistent-prefix: the observer sees the answer without the question', () => {
    expect(kinds(run('consistent-prefix'))).toEqual(['consistent-prefix']);
  });
  it('failover: async loses 6 acknowledged writes; semi-sync acknowledges fewer and loses none', () => {
    const a = run('failover-async-loses-writes');
    expect(lostAckedWrites(a).map((o) => o.value)).toEqual(['v10', 'v11', 'v12', 'v13', 'v14', 'v15']);
    const b = run('failover-semisync-keeps-writes');
    expect(lostAckedWrites(b)).toEqual([]);
    expect(allOps(b).filter((o) => o.status === 'ok').length).toBe(4);
  });
  it('split brain without fencing: C takes the paused leader’s write, overwriting y; fencing refuses it', () => {
    const s = run('split-brain');
    expect(fencingCounts(s)).toEqual({ staleAccepted: 1, refused: 0 });
    expect(lostAckedWrites(s).map((o) => o.id)).toEqual(['c1.2']);
    expect(divergence(s).map((d) => d.seq)).toEqual([2]);
    const f = run('fencing');
    expect(fencingCounts(f)).toEqual({ staleAccepted: 0, refused: 1 });
    expect(lostAckedWrites(f)).toEqual([]);
    expect(allOps(f).find((o) => o.id === 'c1.2')!.status).toBe('failed');
    const c = replicas(f).find((r) => r.id === 'C')!.state;
    expect(c.log.map((e) => e.value)).toEqual(['1', '1', '3']); // x=1, y=1, x=3: B's log
  });
});

describe('input validation', () => {
  it('rejects bad commands and clamps bad params with a message', () => {
    expect(parseReplicationCommand({ type: 'rep/write', client: 'c9', key: 'x' })).toBeNull();
    expect(parseReplicationCommand({ type: 'rep/read', client: 'c1', keys: [] })).toBeNull();
    expect(parseReplicationCommand({ type: 'rep/pause', node: 'A', ms: -1 })).toBeNull();
    expect(parseReplicationCommand({ type: 'rep/failover', to: 'B', epoch: 2 })).toEqual({ type: 'rep/failover', to: 'B', epoch: 2 });
    const r = sanitizeReplicationParams({ lag: 'slow', mode: 'sync', followers: 9 });
    expect(r.value.lag).toBe(replicationDefaults.lag);
    expect(r.problems.length).toBe(3);
  });
});

const fast = worldMechanism(replicationProtocol, { trace: false });
type Step = { dt: number; kind: 'write' | 'read' | 'pause' | 'failover' | 'cut' | 'heal'; client: number; key: number; keys: number[]; node: number; ms: number };
const arbStep: fc.Arbitrary<Step> = fc.record({
  dt: fc.integer({ min: 0, max: 80 }),
  kind: fc.constantFrom('write', 'write', 'read', 'read', 'pause', 'failover', 'cut', 'heal'),
  client: fc.integer({ min: 0, max: 1 }),
  key: fc.integer({ min: 0, max: 2 }),
  keys: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
  node: fc.integer({ min: 0, max: 2 }),
  ms: fc.integer({ min: 50, max: 400 }),
});

/** Drive a run from random steps; failovers take increasing epochs from a coordinator. */
function drive(p: ReplicationParams, steps: readonly Step[], allow: Set<Step['kind']>, lags: readonly [number, number] = [40, 40]): ReplicationState {
  let s = fast.init(7, p) as ReplicationState;
  // Followers B and C lag by different amounts (links from every replica to them).
  for (const [i, to] of (['B', 'C'] as const).entries())
    for (const from of ['A', 'B', 'C']) if (from !== to) s = fast.apply(s, { type: 'net/link', from, to, latency: { kind: 'constant', value: lags[i] } }) as ReplicationState;
  let t = 0;
  let epoch = 1;
  const ids = ['A', 'B', 'C'];
  for (const st of steps) {
    if (!allow.has(st.kind)) continue;
    t += st.dt;
    s = fast.advanceTo(s, t) as ReplicationState;
    let a: WorldAction | RCmd;
    if (st.kind === 'write') a = { type: 'rep/write', client: `c${st.client + 1}`, key: `k${st.key}` };
    else if (st.kind === 'read') a = { type: 'rep/read', client: `c${st.client + 1}`, keys: st.keys.map((k) => `k${k}`) };
    else if (st.kind === 'pause') a = { type: 'rep/pause', node: ids[st.node], ms: st.ms };
    else if (st.kind === 'failover') a = { type: 'rep/failover', to: ids[st.node], epoch: ++epoch };
    else if (st.kind === 'cut') a = { type: 'net/cut', from: ids[st.node], to: ids[(st.node + 1) % 3] };
    else a = { type: 'net/heal' };
    s = fast.apply(s, a) as ReplicationState;
  }
  return fast.advanceTo(s, t + 3000) as ReplicationState;
}

const base: ReplicationParams = { ...replicationDefaults, lag: 40, clients: 2, timeout: 2000 };
const noFaults = new Set<Step['kind']>(['write', 'read']);
const arbLags = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }));

describe('properties over random runs', () => {
  it('with fencing, no replica ever accepts an entry from an older epoch than it knows', () => {
    const all = new Set<Step['kind']>(['write', 'read', 'pause', 'failover', 'cut', 'heal']);
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 30 }), fc.constantFrom('async', 'semisync' as const), arbLags, (steps, mode, lags) => {
        const s = drive({ ...base, fencing: true, mode }, steps, all, lags);
        expect(fencingCounts(s).staleAccepted).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
  it('without fencing the same runs do accept stale entries (so the property above has teeth)', () => {
    const all = new Set<Step['kind']>(['write', 'pause', 'failover', 'cut']);
    const samples = fc.sample(fc.array(arbStep, { minLength: 20, maxLength: 30 }), { numRuns: 150, seed: 42 });
    const hits = samples.filter((steps) => fencingCounts(drive({ ...base, fencing: false }, steps, all)).staleAccepted > 0).length;
    expect(hits).toBeGreaterThan(0);
  });
  const guaranteed: [ReadPolicy, string[]][] = [
    ['leader', ['read-your-writes', 'monotonic-reads', 'consistent-prefix']],
    ['token', ['read-your-writes', 'monotonic-reads']],
    ['sticky', ['monotonic-reads', 'consistent-prefix']],
    ['leader-own', ['read-your-writes']],
  ];
  for (const [policy, kept] of guaranteed) {
    it(`read policy ${policy} keeps ${kept.join(', ')} without failures`, () => {
      fc.assert(
        fc.property(fc.array(arbStep, { maxLength: 30 }), arbLags, (steps, lags) => {
          const s = drive({ ...base, readPolicy: policy }, steps, noFaults, lags);
          const vs = checkHistory(historyOf(s)).filter((v) => kept.includes(v.kind));
          expect(vs).toEqual([]);
        }),
        { numRuns: 120 },
      );
    });
  }
  it('reads from any follower do break every guarantee somewhere (the checker is not vacuous)', () => {
    const seen = new Set<string>();
    for (const [steps, lags] of fc.sample(fc.tuple(fc.array(arbStep, { minLength: 20, maxLength: 30 }), arbLags), { numRuns: 200, seed: 7 }))
      for (const v of checkHistory(historyOf(drive({ ...base, readPolicy: 'any' }, steps, noFaults, lags)))) seen.add(v.kind);
    expect([...seen].sort()).toEqual(['consistent-prefix', 'monotonic-reads', 'read-your-writes']);
  });
  it('semi-synchronous failover to the most up-to-date follower never loses an acknowledged write', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 100, max: 500 }), fc.integer({ min: 3, max: 40 }), (lag, failAt, interval) => {
        const p = { ...base, clients: 1, lag, readPolicy: 'leader' as const, timeout: 60_000 };
        expect(failoverTrial({ ...p, mode: 'semisync' }, interval, failAt).lost).toBe(0);
        const a = failoverTrial({ ...p, mode: 'async' }, interval, failAt);
        expect(a.lost).toBe(a.expectedLost);
      }),
      { numRuns: 60 },
    );
  });
});

describe('failover experiment', () => {
  it('async loses about (lag − 5)/interval acknowledged writes; semi-sync none', () => {
    const { params } = parseExperimentParams(failoverExperiment, { lags: '10,100', trials: '8' });
    const r = runExperiment(failoverExperiment, params)!.results;
    const at = (mode: string, lag: number) => r.points.find((x) => x.mode === mode && x.lag === lag)!;
    expect(at('async', 100).meanLost).toBeCloseTo(at('async', 100).expectedLost, 9);
    expect(at('async', 100).meanLost).toBeGreaterThan(9);
    expect(at('semisync', 100).meanLost).toBe(0);
    expect(at('semisync', 100).meanLatency).toBeCloseTo(210, 6);
  });
});
