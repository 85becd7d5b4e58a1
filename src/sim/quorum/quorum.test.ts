import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quorumMechanism as qm, quorumDefaults, quorumScenarios, sanitizeQuorumParams } from './index';
import { allOps, converged, inversions, readVerdicts, replicaVersions, type QuorumState } from './analysis';
import { replay } from '../core/replay';
import type { LogEntry } from '../core/types';
import type { WorldAction } from '../core/actions';
import type { QCmd, QuorumParams, RepairMode } from './types';
import { deepFreeze } from '../core/testing/freeze';

type A = WorldAction | QCmd;
const run = (params: QuorumParams, log: LogEntry<A>[], until: number, seed = 1): QuorumState =>
  replay(qm, { mechanism: 'quorum', seed, params, log }, until) as QuorumState;
const scenario = (id: string, repair?: RepairMode): QuorumState => {
  const sc = quorumScenarios.find((s) => s.id === id)!;
  return run(repair ? { ...sc.params, repair } : sc.params, [...sc.log], sc.until!, sc.seed);
};

describe('quorum scenarios (what the chapter claims)', () => {
  it('overlap-reads-latest: the read returns v1 and shares a replica with the write quorum', () => {
    const [v] = readVerdicts(scenario('overlap-reads-latest'));
    expect(v.op.version).toBe(11);
    expect(v.stale).toBe(false);
    expect(v.overlap.length).toBeGreaterThanOrEqual(1);
  });

  it('no-overlap-stale-read: with W + R ≤ N the first read is stale, a later one is not', () => {
    const vs = readVerdicts(scenario('no-overlap-stale-read'));
    expect(vs.map((v) => v.stale)).toEqual([true, false]);
    expect(vs[0].overlap).toEqual([]);
    expect(vs[0].op.version).toBe(0);
  });

  it('concurrent-reads-disagree: a later read returns an older value without write-back, and not with it', () => {
    const off = scenario('concurrent-reads-disagree', 'off');
    expect(inversions(off)).toHaveLength(1);
    const [inv] = inversions(off);
    expect([inv.earlier.client, inv.earlier.version, inv.later.client, inv.later.version]).toEqual(['c2', 11, 'c3', 0]);
    // Neither read is "stale" in the PBS sense: the write had not committed yet. Overlap alone is not the problem.
    expect(readVerdicts(off).every((v) => !v.stale)).toBe(true);
    expect(inversions(scenario('concurrent-reads-disagree', 'blocking'))).toEqual([]);
  });

  it('read-repair-heals: replicas converge with read repair and stay diverged without it', () => {
    expect(converged(scenario('read-repair-heals', 'async'))).toBe(true);
    const off = scenario('read-repair-heals', 'off');
    expect(converged(off)).toBe(false);
    expect(replicaVersions(off).find((r) => r.node === 'C')!.version).toBe(0);
  });
});

describe('quorum properties', () => {
  const paramsArb = fc
    .record({ n: fc.integer({ min: 1, max: 9 }), repair: fc.constantFrom<RepairMode>('off', 'async', 'blocking'), seed: fc.nat() })
    .chain(({ n, repair, seed }) =>
      fc.record({
        n: fc.constant(n),
        w: fc.integer({ min: 1, max: n }),
        r: fc.integer({ min: 1, max: n }),
        repair: fc.constant(repair),
        seed: fc.constant(seed),
        mean: fc.double({ min: 0.5, max: 30, noNaN: true }),
      }),
    );

  it('with W + R > N and no failures, every read that starts after a write completes returns it (or newer)', () => {
    fc.assert(
      fc.property(
        paramsArb.filter((p) => p.w + p.r > p.n),
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 400 }), kind: fc.constantFrom('w', 'r'), client: fc.constantFrom('c1', 'c2', 'c3') }), { maxLength: 14 }),
        (p, ops) => {
          const params: QuorumParams = { ...quorumDefaults, n: p.n, w: p.w, r: p.r, repair: p.repair, clients: 3, latency: { kind: 'exponential', mean: p.mean }, timeout: 60_000 };
          const log = ops
            .map((o): LogEntry<A> => ({ at: o.at, action: { type: o.kind === 'w' ? 'q/write' : 'q/read', client: o.client } }))
            .sort((a, b) => a.at - b.at);
          const s = run(params, log, 5_000, p.seed);
          for (const v of readVerdicts(s)) {
            expect(v.stale).toBe(false);
            if (v.write) expect(v.overlap.length).toBeGreaterThanOrEqual(p.w + p.r - p.n);
          }
          // Blocking write-back also rules out new–old inversions (ABD).
          if (p.repair === 'blocking') expect(inversions(s)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('every operation eventually finishes when nothing fails, and replicas never go backwards', () => {
    fc.assert(
      fc.property(paramsArb, fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 8 }), (p, times) => {
        const params: QuorumParams = { ...quorumDefaults, n: p.n, w: p.w, r: p.r, repair: p.repair, latency: { kind: 'exponential', mean: p.mean }, timeout: 60_000 };
        const log: LogEntry<A>[] = times.sort((a, b) => a - b).map((at, i) => ({ at, action: { type: i % 2 ? 'q/read' : 'q/write', client: i % 2 ? 'c2' : 'c1' } }));
        let s = qm.init(p.seed, params) as QuorumState;
        let last = replicaVersions(s).map((r) => r.version);
        for (const e of log) {
          s = qm.apply(qm.advanceTo(s, e.at), e.action) as QuorumState;
          const now = replicaVersions(s).map((r) => r.version);
          now.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(last[i]));
          last = now;
        }
        s = qm.advanceTo(s, 10_000) as QuorumState;
        expect(allOps(s).every((o) => o.status === 'done')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('a partitioned minority cannot complete a W = 2 write; the client times out', () => {
    const s = run({ ...quorumDefaults, timeout: 300 }, [
      { at: 0, action: { type: 'net/partition', groups: [['A', 'c1'], ['B', 'C', 'c2']] } },
      { at: 10, action: { type: 'q/write', client: 'c1' } },
    ], 400);
    const [op] = allOps(s);
    expect(op.status).toBe('failed');
    expect(op.acks).toEqual(['A']);
  });

  it('never mutates its inputs (deep-frozen params, state and commands)', () => {
    const sc = quorumScenarios[2];
    let s = deepFreeze(qm.init(sc.seed, deepFreeze({ ...sc.params })));
    for (const e of sc.log) {
      s = deepFreeze(qm.apply(deepFreeze(qm.advanceTo(s, e.at)), deepFreeze(e.action)));
    }
    expect(inversions(qm.advanceTo(s, sc.until!) as QuorumState)).toHaveLength(1);
  });
});

describe('sanitizeQuorumParams', () => {
  it('keeps valid params and clamps W and R to N with a reason', () => {
    expect(sanitizeQuorumParams({ n: 5, w: 3, r: 3 }).value).toMatchObject({ n: 5, w: 3, r: 3 });
    const bad = sanitizeQuorumParams({ n: 3, w: 7, r: 0, repair: 'sometimes', clients: 12 });
    expect(bad.value).toMatchObject({ n: 3, w: 3, r: 1, repair: 'off', clients: 3 });
    expect(bad.problems.length).toBe(4);
  });
  it('rejects hostile input without throwing', () => {
    for (const raw of [null, 'x', 42, { n: 'NaN' }, { n: 1e9 }, { latency: { kind: 'pareto', xm: -1, alpha: 0 } }, { timeout: Infinity }]) {
      const r = sanitizeQuorumParams(raw);
      expect(r.value.n).toBeGreaterThanOrEqual(1);
      expect(r.value.n).toBeLessThanOrEqual(9);
    }
  });
});
