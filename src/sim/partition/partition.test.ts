import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry, NodeId, TraceEntry } from '../core/types';
import { seekTime } from '../../widgets/shared/replay';
import { partitionMechanism as mech, sanitizePartitionParams, parsePartitionAction, normaliseGroups, compareTag } from './index';
import type { PartitionAction, PartitionParams, PartitionState } from './types';

const run = (seed: number, params: PartitionParams, log: readonly LogEntry<PartitionAction>[], t = 20_000) =>
  seekTime<PartitionState>({ mech, seed, params, log }, t).state;
const scenario = (id: string) => mech.scenarios.find((s) => s.id === id)!;
const runScenario = (id: string, t = 5000) => {
  const sc = scenario(id);
  return run(sc.seed, sc.params, sc.log, t);
};
const values = (s: PartitionState) => Object.fromEntries(s.nodes.map((n) => [n, s.replicas[n].versions.map((v) => v.value).join('|')]));

// ---- generators -------------------------------------------------------------------------
const NODES = ['A', 'B', 'C', 'D', 'E'];
const groupsArb = fc
  .array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 })
  .map((side) => [0, 1, 2].map((g) => NODES.filter((_, i) => side[i] === g)).filter((g) => g.length > 0));
const actionArb: fc.Arbitrary<PartitionAction> = fc.oneof(
  groupsArb.map((groups) => ({ type: 'net/partition' as const, groups })),
  fc.constant({ type: 'net/heal' as const }),
  fc.record({ type: fc.constant('client/write' as const), client: fc.constantFrom('c1', 'c2', 'c3'), value: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f') }),
  fc.record({ type: fc.constant('client/read' as const), client: fc.constantFrom('c1', 'c2', 'c3') }),
);
const logArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3000 }), actionArb), { maxLength: 25 })
  .map((xs) => xs.sort((a, b) => a[0] - b[0]).map(([at, action]) => ({ at, action })));
const paramsArb = (mode: 'CP' | 'AP') =>
  fc.record({
    nodes: fc.integer({ min: 3, max: 5 }),
    clients: fc.integer({ min: 1, max: 3 }),
    mode: fc.constant(mode),
    merge: fc.constantFrom('lww' as const, 'siblings' as const),
    latency: fc.integer({ min: 5, max: 200 }),
    jitter: fc.double({ min: 0, max: 0.9, noNaN: true }),
    opTimeout: fc.integer({ min: 100, max: 1500 }),
  });

/** Check every delivery against the partition in force when it happened (trace order = processing order). */
function deliveriesAcrossPartition(trace: readonly TraceEntry[]): TraceEntry[] {
  let groups: NodeId[][] | null = null;
  const bad: TraceEntry[] = [];
  for (const e of trace) {
    if (e.kind === 'partition') groups = (e.data as { groups: NodeId[][] }).groups;
    if (e.kind === 'heal') groups = null;
    if (e.kind === 'deliver' && groups && !groups.some((g) => g.includes(e.from!) && g.includes(e.to!))) bad.push(e);
  }
  return bad;
}

// ---- examples ---------------------------------------------------------------------------
describe('partition core: scenarios', () => {
  it('cp-minority-refuses-write: C errors, A commits, C never holds y', () => {
    const s = runScenario('cp-minority-refuses-write');
    const byClient = (c: string, k: string) => s.ops.filter((o) => o.client === c && o.kind === k);
    expect(byClient('c2', 'write')[0]).toMatchObject({ status: 'error' });
    expect(byClient('c2', 'write')[0].error).toMatch(/no majority: heard from 1 of 3/);
    expect(byClient('c1', 'write')[0]).toMatchObject({ status: 'ok' });
    expect(byClient('c2', 'read')[0].status).toBe('error');
    expect(values(s)).toEqual({ A: 'x', B: 'x', C: 'v0' });
  });

  it('ap-divergent-writes: both writes succeed and the sides disagree', () => {
    const s = runScenario('ap-divergent-writes', 900);
    expect(s.ops.every((o) => o.status === 'ok')).toBe(true);
    expect(values(s)).toEqual({ A: 'x', B: 'x', C: 'y' });
    const reads = s.ops.filter((o) => o.kind === 'read');
    expect(reads.map((r) => r.result![0].value)).toEqual(['x', 'y']);
    expect(reads.some((r) => r.stale)).toBe(true);
  });

  it('ap-divergent-writes healed with siblings keeps both versions everywhere', () => {
    const sc = scenario('ap-divergent-writes');
    const s = run(sc.seed, sc.params, [...sc.log, { at: 1000, action: { type: 'net/heal' } }]);
    expect(new Set(Object.values(values(s)))).toEqual(new Set(['x|y']));
    expect(s.writes.every((w) => w.lostTo === undefined)).toBe(true);
  });

  it('ap-heal-converges: one value everywhere and the concurrent acknowledged write is marked lost', () => {
    const s = runScenario('ap-heal-converges');
    expect(values(s)).toEqual({ A: 'x', B: 'x', C: 'x' });
    const y = s.writes.find((w) => w.value === 'y')!;
    expect(y.ackedAt).toBeDefined();
    expect(y.lostTo).toBe(s.writes.find((w) => w.value === 'x')!.id);
  });

  it('cp-heal-catches-up: C holds x after the heal, before any read', () => {
    const sc = scenario('cp-heal-catches-up');
    expect(values(run(sc.seed, sc.params, sc.log, 880)).C).toBe('v0');
    expect(values(run(sc.seed, sc.params, sc.log, 1290)).C).toBe('x');
    const s = runScenario('cp-heal-catches-up');
    expect(s.ops.find((o) => o.client === 'c2')!.result![0].value).toBe('x');
  });

  it('a client with a request in flight is told to wait', () => {
    const sc = scenario('cp-heal-catches-up');
    const s = run(sc.seed, sc.params, [
      { at: 0, action: { type: 'client/write', client: 'c1', value: 'a' } },
      { at: 1, action: { type: 'client/write', client: 'c1', value: 'b' } },
    ]);
    expect(s.ops).toHaveLength(1);
    expect(s.trace.some((e) => /still waiting/.test(e.label))).toBe(true);
  });
});

describe('partition core: input validation', () => {
  it('clamps params and explains', () => {
    const r = sanitizePartitionParams({ nodes: 40, mode: 'XX', latency: -3 });
    expect(r.value).toMatchObject({ nodes: 5, mode: 'CP', latency: 5 });
    expect(r.problems).toHaveLength(3);
    expect(sanitizePartitionParams('junk').value).toEqual(mech.defaults);
  });
  it('rejects hostile actions', () => {
    expect(parsePartitionAction({ type: 'client/write', client: 'c1', value: '<script>' })).toBeNull();
    expect(parsePartitionAction({ type: 'net/partition', groups: 'A|B' })).toBeNull();
    expect(parsePartitionAction({ type: 'eval' })).toBeNull();
    expect(parsePartitionAction({ type: 'client/read', client: 'c1', extra: 1 })).toEqual({ type: 'client/read', client: 'c1' });
  });
  it('normalises groups: unknown ids dropped, missing nodes isolated', () => {
    expect(normaliseGroups(['A', 'B', 'C'], [['A', 'Z'], ['A', 'B']])).toEqual([['A'], ['B'], ['C']]);
  });
});

// ---- properties ---------------------------------------------------------------------------
describe('partition core: properties', () => {
  it('same seed and log give the same trace', () => {
    fc.assert(
      fc.property(fc.nat(), paramsArb('AP'), logArb, (seed, params, log) => {
        expect(run(seed, params, log).trace).toEqual(run(seed, params, log).trace);
      }),
      { numRuns: 40 },
    );
  });

  it('no message is delivered across a partition (CP and AP)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.oneof(paramsArb('CP'), paramsArb('AP')), logArb, (seed, params, log) => {
        expect(deliveriesAcrossPartition(run(seed, params, log).trace)).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it('CP: reads never miss an acknowledged write and never go backwards (linearizable register)', () => {
    fc.assert(
      fc.property(fc.nat(), paramsArb('CP'), logArb, (seed, params, log) => {
        const s = run(seed, params, log);
        const reads = s.ops.filter((o) => o.kind === 'read' && o.status === 'ok');
        for (const r of reads) {
          expect(r.stale).toBe(false);
          expect(r.result).toHaveLength(1);
          const v = r.result![0];
          // The value returned is the one its write stored (or the initial value).
          if (v.writeId !== 0) expect(s.writes.find((w) => w.id === v.writeId)!.value).toBe(v.value);
        }
        for (const a of reads)
          for (const b of reads)
            if (a.doneAt! < b.invokedAt) expect(compareTag(b.result![0], a.result![0])).toBeGreaterThanOrEqual(0);
        // Committed writes are totally ordered by tag: no two share one.
        const tags = s.writes.filter((w) => w.ackedAt !== undefined).map((w) => `${w.version!.ts}/${w.version!.node}`);
        expect(new Set(tags).size).toBe(tags.length);
      }),
      { numRuns: 120 },
    );
  });

  it('AP: after a final heal and no more writes, every replica converges', () => {
    fc.assert(
      fc.property(fc.nat(), paramsArb('AP'), logArb, (seed, params, log) => {
        const healed = [...log, { at: 3500, action: { type: 'net/heal' as const } }];
        const s = run(seed, params, healed, 1e9);
        expect(s.queue).toHaveLength(0);
        const vals = Object.values(values(s));
        expect(new Set(vals).size).toBe(1);
        // Siblings never lose an acknowledged write; LWW loses only concurrent ones.
        if (params.merge === 'siblings') expect(s.writes.filter((w) => w.lostTo !== undefined)).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });
});
