import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseExperimentParams, runExperiment } from '../../../sim/core';
import { assembleParts, defaultPoolSize, shareUnits, unitShares, type ExperimentMessage } from './protocol';
import { handleJob } from './serve';
import { startExperiment } from './run';
import { toyExperiment } from './__fixtures__/toy';
import { FakeWorker, created } from './__fixtures__/fakeWorker';

const params = (raw: Record<string, unknown>) => parseExperimentParams(toyExperiment, raw).params;

describe('unit shares', () => {
  it('split every index exactly once, and assemble back in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 9 }), (total, k) => {
        const shares = unitShares(k, total);
        expect(shares.length).toBe(Math.min(k, total));
        const pairs = shares.flatMap((s) => shareUnits(total, s).map((i) => [i, i * 10] as const)).reverse();
        expect(assembleParts(total, pairs)).toEqual(Array.from({ length: total }, (_, i) => i * 10));
      }),
    );
  });
  it('refuse a missing or doubled unit', () => {
    expect(() => assembleParts(3, [[0, 'a'], [2, 'c']])).toThrow(/unit 1 of 3 is missing/);
    expect(() => assembleParts(2, [[0, 'a'], [0, 'b'], [1, 'c']])).toThrow(/doubled/);
  });
  it('size the pool between 1 and 4', () => {
    expect(defaultPoolSize(undefined)).toBe(2);
    expect(defaultPoolSize(0)).toBe(2);
    expect(defaultPoolSize(1)).toBe(1);
    expect(defaultPoolSize(16)).toBe(4);
  });
});

describe('handleJob (the worker loop)', () => {
  it('posts progress then every part of its share, and reports an unknown experiment', () => {
    const msgs: ExperimentMessage[] = [];
    let t = 0;
    handleJob([toyExperiment], { type: 'run', run: 3, experiment: 'toy', params: params({ units: 10 }), share: { index: 1, count: 3 } }, (m) => msgs.push(m), () => (t += 100));
    expect(msgs.filter((m) => m.type === 'progress').map((m) => (m as { done: number }).done)).toEqual([1, 2, 3]);
    const last = msgs.at(-1)!;
    expect(last.type).toBe('parts');
    expect((last as unknown as { parts: [number, number][] }).parts.map(([i]) => i)).toEqual([1, 4, 7]);
    const err: ExperimentMessage[] = [];
    handleJob([toyExperiment], { type: 'run', run: 4, experiment: 'nope', params: {}, share: { index: 0, count: 1 } }, (m) => err.push(m));
    expect(err).toEqual([{ type: 'error', run: 4, message: 'this worker does not serve experiment "nope"' }]);
  });
});

describe('startExperiment on the main thread (no Worker)', () => {
  it('gives the same output as runExperiment, with progress per unit', async () => {
    const p = params({ units: 9, draws: 50 });
    const seen: number[] = [];
    const r = startExperiment(null, toyExperiment, p, (d) => seen.push(d));
    expect(r.where).toBe('main');
    expect(await r.result).toEqual(runExperiment(toyExperiment, p));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it('a run cancelled mid-way yields no result and stops running units', async () => {
    let ran = 0;
    const exp = { ...toyExperiment, runUnit: (p: Parameters<typeof toyExperiment.runUnit>[0], i: number) => (ran++, toyExperiment.runUnit(p, i)) };
    let cancel = () => {};
    const r = startExperiment(null, exp, params({ units: 50 }), (done) => {
      if (done === 3) cancel();
    });
    cancel = r.cancel;
    expect(await r.result).toBeNull();
    await new Promise((res) => setTimeout(res, 20));
    expect(ran).toBe(3);
  });
});

describe('startExperiment on workers', () => {
  const G = globalThis as { Worker?: unknown };
  beforeEach(() => {
    G.Worker = FakeWorker;
    created.length = 0;
  });
  afterEach(() => delete G.Worker);
  const make = () => new FakeWorker([toyExperiment]) as unknown as Worker;

  it('pool results equal the single-thread results, for any pool size and parameters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1000 }), async (units, k, seed) => {
        const p = params({ units, draws: 20, seed });
        const r = startExperiment(make, toyExperiment, p, () => {}, { pool: k });
        expect(r.workers).toBe(Math.min(k, units));
        expect(await r.result).toEqual(runExperiment(toyExperiment, p));
      }),
      { numRuns: 40 },
    );
    expect(created.every((w) => w.terminated)).toBe(true);
  });
  it('counts progress over the whole pool', async () => {
    const seen: number[] = [];
    const r = startExperiment(make, toyExperiment, params({ units: 12 }), (d, t) => seen.push(d / t), { pool: 3 });
    await r.result;
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
  it('a run cancelled mid-way yields no result and terminates every worker', async () => {
    let cancel = () => {};
    let calls = 0;
    const r = startExperiment(make, toyExperiment, params({ units: 40 }), () => {
      if (++calls === 2) cancel();
    }, { pool: 2 });
    cancel = r.cancel;
    expect(await r.result).toBeNull();
    expect(created).toHaveLength(2);
    expect(created.every((w) => w.terminated)).toBe(true);
    await new Promise((res) => setTimeout(res, 20));
    expect(calls).toBe(2);
  });
  it('a worker error rejects the run and stops the pool', async () => {
    const bad = () => new FakeWorker([{ ...toyExperiment, runUnit: () => { throw new Error('boom'); } }]) as unknown as Worker;
    const r = startExperiment(bad, toyExperiment, params({ units: 4 }), () => {}, { pool: 2 });
    await expect(r.result).rejects.toThrow('boom');
    expect(created.every((w) => w.terminated)).toBe(true);
  });
  it('falls back to the main thread when no worker can be created', async () => {
    const r = startExperiment(() => { throw new Error('CSP forbids workers'); }, toyExperiment, params({ units: 3 }));
    expect(r.where).toBe('main');
    expect(await r.result).toEqual(runExperiment(toyExperiment, params({ units: 3 })));
  });
});
