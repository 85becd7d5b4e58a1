import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry, NodeId, TraceEntry } from '../core/types';
import { linkKey, partitionCuts } from '../core/network';
import { SeekableRun } from '../core';
import { partitionMechanism as mech, sanitizePartitionParams, allOps, allWrites, isStaleRead, compareTag, diverged } from './index';
import type { PartitionAction, PartitionParams, PartitionState } from './types';

const run = (seed: number, params: PartitionParams, log: readonly LogEntry<PartitionAction>[], t = 20_000) =>
  new SeekableRun(mech, { mechanism: mech.id, seed, params, log }).stateAt(t);
const trace = (s: PartitionState) => mech.trace(s);
const scenario = (id: string) => mech.scenarios.find((s) => s.id === id)!;
const runScenario = (id: string, t = 5000) => {
  const sc = scenario(id);
  return run(sc.seed, sc.params, sc.log, t);
};
const values = (s: PartitionState) => Object.fromEntries(s.nodeIds.map((n) => [n, s.nodes[n].state.versions.map((v) => v.value).join('|')]));

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

/**
 * Check every delivery against the partition in force when it happened (trace order = processing
 * order). The cuts are rebuilt from the trace with the kernel's own rule (nodes named in no group
 * form one more group), independently of the world's network state.
 */
function deliveriesAcrossPartition(nodes: readonly NodeId[], trace: readonly TraceEntry[]): TraceEntry[] {
  let cut: Record<string, true> = {};
  const bad: TraceEntry[] = [];
  for (const e of trace) {
    if (e.kind === 'partition') cut = partitionCuts(nodes, (e.data as { groups: NodeId[][] }).groups);
    if (e.kind === 'heal') cut = {};
    if (e.kind === 'deliver' && cut[linkKey(e.from!, e.to!)]) bad.push(e);
  }
  return bad;
}

// ---- examples ---------------------------------------------------------------------------
const opsOf = (s: PartitionState, client: string, kind: 'read' | 'write') => allOps(s).filter((o) => o.client === client && o.kind === kind);

describe('partition core: scenarios', () => {
  it('cp-minority-refuses-write: C errors after its timeout, A commits, C never holds y', () => {
    const s = runScenario('cp-minority-refuses-write');
    const y = opsOf(s, 'c2', 'write')[0];
    expect(y).toMatchObject({ status: 'error', node: 'C' });
    expect(y.error).toMatch(/no majority: heard from 1 of 3/);
    // Refused by its own timer, not earlier: C finds out by waiting, as a real coordinator must.
    expect(y.doneAt! - y.invokedAt).toBe(s.params.opTimeout);
    expect(opsOf(s, 'c1', 'write')[0]).toMatchObject({ status: 'ok', node: 'A' });
    expect(opsOf(s, 'c2', 'read')[0].status).toBe('error');
    expect(values(s)).toEqual({ A: 'x', B: 'x', C: 'v0' });
  });

  it('ap-divergent-writes: both writes succeed and the sides disagree', () => {
    const s = runScenario('ap-divergent-writes', 900);
    expect(allOps(s).every((o) => o.status === 'ok')).toBe(true);
    expect(values(s)).toEqual({ A: 'x', B: 'x', C: 'y' });
    expect(diverged(s)).toBe(true);
    const reads = allOps(s).filter((o) => o.kind === 'read');
    expect(reads.map((r) => r.result![0].value)).toEqual(['x', 'y']);
    expect(reads.some((r) => isStaleRead(s, r))).toBe(true);
  });

  it('ap-divergent-writes healed with siblings keeps both versions everywhere, visibly', () => {
    const sc = scenario('ap-divergent-writes');
    const s = run(sc.seed, sc.params, [...sc.log, { at: 1000, action: { type: 'net/heal' } }]);
    expect(new Set(Object.values(values(s)))).toEqual(new Set(['x|y']));
    expect(diverged(s)).toBe(false);
    expect(allWrites(s).every((w) => w.lostTo === undefined)).toBe(true);
    expect(trace(s).some((e) => /Network healed/.test(e.label))).toBe(true);
  });

  it('ap-heal-converges: one value everywhere and the concurrent acknowledged write is marked lost', () => {
    const s = runScenario('ap-heal-converges');
    expect(values(s)).toEqual({ A: 'x', B: 'x', C: 'x' });
    const writes = allWrites(s);
    const y = writes.find((w) => w.value === 'y')!;
    expect(y.ackedAt).toBeDefined();
    expect(y.lostTo).toBe(writes.find((w) => w.value === 'x')!.id);
    expect(trace(s).some((e) => /write "y" \(c2\) lost/.test(e.label))).toBe(true);
  });

  it('cp-heal-catches-up: C holds x after the heal, before any read', () => {
    const sc = scenario('cp-heal-catches-up');
    const healAt = sc.log.find((e) => e.action.type === 'net/heal')!.at;
    const readAt = sc.log.find((e) => e.action.type === 'client/read')!.at;
    expect(values(run(sc.seed, sc.params, sc.log, healAt - 1)).C).toBe('v0');
    expect(values(run(sc.seed, sc.params, sc.log, readAt - 1)).C).toBe('x');
    const s = runScenario('cp-heal-catches-up');
    expect(opsOf(s, 'c2', 'read')[0].result![0].value).toBe('x');
  });

  it('a client with a request in flight is told to wait', () => {
    const sc = scenario('cp-heal-catches-up');
    const s = run(sc.seed, sc.params, [
      { at: 0, action: { type: 'client/write', client: 'c1', value: 'a' } },
      { at: 1, action: { type: 'client/write', client: 'c1', value: 'b' } },
    ]);
    expect(allOps(s)).toHaveLength(1);
    expect(trace(s).some((e) => /still waiting/.test(e.label))).toBe(true);
  });

  it('a command for a client that does not exist is ignored with a note', () => {
    const s = run(1, mech.defaults, [{ at: 0, action: { type: 'client/read', client: 'c3' } }]);
    expect(allOps(s)).toEqual([]);
    expect(trace(s).some((e) => /ignored: c3 reads/.test(e.label))).toBe(true);
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
    expect(mech.parseAction({ type: 'client/write', client: 'c1', value: '<script>' })).toBeNull();
    expect(mech.parseAction({ type: 'net/partition', groups: 'A|B' })).toBeNull();
    expect(mech.parseAction({ type: 'eval' })).toBeNull();
    expect(mech.parseAction({ type: 'client/read', client: 'c1', extra: 1 })).toEqual({ type: 'client/read', client: 'c1' });
  });
});

// ---- properties ---------------------------------------------------------------------------
describe('partition core: properties', () => {
  it('same seed and log give the same trace and state (replay determinism)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.oneof(paramsArb('CP'), paramsArb('AP')), logArb, (seed, params, log) => {
        const a = run(seed, params, log);
        const b = run(seed, params, log);
        expect(trace(b)).toEqual(trace(a));
        expect(b.nodes).toEqual(a.nodes);
      }),
      { numRuns: 40 },
    );
  });

  it('seeking through snapshots equals replaying from zero', () => {
    fc.assert(
      fc.property(fc.nat(), fc.oneof(paramsArb('CP'), paramsArb('AP')), logArb, fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 }), (seed, params, log, targets) => {
        const spec = { mechanism: mech.id, seed, params, log };
        const cachedRun = new SeekableRun(mech, spec, { snapshotEvery: 8 });
        for (const k of targets) {
          const cached = cachedRun.cursorAtStep(k);
          const fresh = new SeekableRun(mech, spec).cursorAtStep(k);
          expect(cached.steps).toBe(fresh.steps);
          expect(trace(cached.state)).toEqual(trace(fresh.state));
          expect(cached.state.nodes).toEqual(fresh.state.nodes);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('no message is delivered across a partition (CP and AP)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.oneof(paramsArb('CP'), paramsArb('AP')), logArb, (seed, params, log) => {
        const s = run(seed, params, log);
        expect(deliveriesAcrossPartition(s.nodeIds, trace(s))).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it('CP: reads never miss an acknowledged write and never go backwards (linearizable register)', () => {
    fc.assert(
      fc.property(fc.nat(), paramsArb('CP'), logArb, (seed, params, log) => {
        const s = run(seed, params, log);
        const writes = allWrites(s);
        const reads = allOps(s).filter((o) => o.kind === 'read' && o.status === 'ok');
        for (const r of reads) {
          expect(isStaleRead(s, r, writes)).toBe(false);
          expect(r.result).toHaveLength(1);
          const v = r.result![0];
          // The value returned is the one its write stored (or the initial value).
          if (v.writeId !== 'init') expect(writes.find((w) => w.id === v.writeId)!.value).toBe(v.value);
        }
        for (const a of reads)
          for (const b of reads)
            if (a.doneAt! < b.invokedAt) expect(compareTag(b.result![0], a.result![0])).toBeGreaterThanOrEqual(0);
        // Committed writes are totally ordered by tag: no two share one.
        const tags = writes.filter((w) => w.ackedAt !== undefined).map((w) => `${w.version!.ts}/${w.version!.node}`);
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
        expect(mech.peek(s)).toBe(Infinity);
        expect(new Set(Object.values(values(s))).size).toBe(1);
        expect(diverged(s)).toBe(false);
        // Siblings never lose an acknowledged write; LWW loses only concurrent ones.
        if (params.merge === 'siblings') expect(allWrites(s).filter((w) => w.lostTo !== undefined)).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });
});
