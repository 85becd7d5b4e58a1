import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deepFreeze } from '../core/testing/freeze';
import { parseExperimentParams, runExperiment } from '../core/experiment';
import { advanceServer, initServer, inSystem, overloadMechanism as m, parseServerAction, POLICIES, sanitizeServerParams } from './server';
import { closedFormFor, summarise } from './metrics';
import { queueExperiment, sheddingExperiment, sheddingPoint } from './experiments';
import { mm1Wait } from './formulas';
import type { ServerState } from './types';
import { limiterMechanism, parseLimiterAction, sanitizeLimiterParams } from './limiterLab';
import { MIN_RATE } from '../core/clamp';

function runScenario(id: string, until?: number): ServerState {
  const sc = m.scenarios.find((s) => s.id === id)!;
  let s = m.init(sc.seed, sc.params);
  for (const e of sc.log) {
    s = m.advanceTo(s, e.at);
    s = m.apply(s, e.action);
  }
  return m.advanceTo(s, until ?? sc.until!);
}

describe('server model: invariants', () => {
  it('work is conserved: every request is served (in time or late), shed, or still inside (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(...POLICIES), fc.integer({ min: 1, max: 6 }), fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.constantFrom(0, 50, 200), fc.integer({ min: 0, max: 30 }), fc.boolean(), fc.constantFrom('exp' as const, 'fixed' as const),
        (seed, policy, servers, load, clientTimeout, queueLimit, twoPools, service) => {
          const classes = [{ name: 'a', rate: load * servers * 60, serviceMs: 10 }, { name: 'b', rate: load * servers * 20, serviceMs: 30 }];
          const params = sanitizeServerParams({ servers: Math.max(2, servers), classes, policy, clientTimeout, queueLimit, pools: twoPools ? 'separate' : 'shared', service }).value;
          let s = initServer(seed, params);
          s = advanceServer(s, 1500);
          s = m.apply(s, { type: 'service/set', cls: 1, ms: 80 });
          s = advanceServer(s, 3000);
          const ended = s.stats.reduce((a, x) => a + x.good + x.late + x.rejected + x.dropped, 0);
          expect(s.stats.reduce((a, x) => a + x.arrived, 0)).toBe(ended + inSystem(s));
          if (policy === 'bounded') for (const smp of s.series) for (const q of smp.queueMax) expect(q).toBeLessThanOrEqual(params.queueLimit);
        }),
      { numRuns: 60 },
    );
  });

  it('stepping event by event equals one batch, and inputs are never mutated', () => {
    const sc = m.scenarios.find((x) => x.id === 'adaptive-lifo-codel')!;
    let a = deepFreeze(m.init(5, sc.params));
    a = deepFreeze(m.apply(a, { type: 'load/set', cls: 0, rate: 600 }));
    let b = a;
    while (m.peek(b) <= 800) b = deepFreeze(m.next(b));
    b = m.advanceTo(b, 800);
    const c = m.advanceTo(a, 800);
    const strip = (s: ServerState) => ({ ...s, trace: null, waits: s.waits.buf.slice(0, s.waits.len) });
    expect(strip(b)).toEqual(strip(c));
    expect(m.trace(b)).toEqual(m.trace(c));
  });

  it("Little's law holds in a stable run: L = λW within 1%", () => {
    const st = runScenario('mmc-pooling', 30_000);
    const s = summarise(st);
    expect(s.L).toBeCloseTo((s.lambda * s.W) / 1000, 1);
    expect(Math.abs(s.L - (s.lambda * s.W) / 1000) / s.L).toBeLessThan(0.01);
  });

  it('hostile params and actions are clamped or refused with reasons', () => {
    const r = sanitizeServerParams({ servers: 1e9, policy: 'yolo', pools: 'separate', classes: 'x' });
    expect(r.value.servers).toBe(64);
    expect(r.value.policy).toBe('fifo');
    expect(r.value.pools).toBe('shared');
    expect(r.problems.length).toBeGreaterThanOrEqual(4);
    expect(parseServerAction({ type: 'load/set', cls: 3, rate: 5 })).toBeNull();
    expect(parseServerAction({ type: 'policy/set', policy: 'lifo' })).toEqual({ type: 'policy/set', policy: 'lifo' });
  });
});

describe('server model: M/M/1 converges to the closed form', () => {
  for (const rho of [0.5, 0.8, 0.9]) {
    it(`ρ = ${rho}: mean wait within 10% of ρ/(μ−λ) over 8 replications of 200 s`, () => {
      const out = runExperiment(queueExperiment, parseExperimentParams(queueExperiment, { servers: 1, arrivalRate: rho * 100, serviceRate: 100, duration: 200, reps: 8 }).params)!;
      const cf = mm1Wait(rho * 100, 100) * 1000;
      expect(out.results.closedForm.meanWait).toBeCloseTo(cf, 9);
      expect(Math.abs(out.results.meanWait - cf) / cf).toBeLessThan(0.1);
      expect(Math.abs(out.results.utilisation - rho)).toBeLessThan(0.01);
    });
  }
});

describe('scenarios tell their story', () => {
  it('goodput collapse: FIFO past capacity answers almost nobody in time while 100% busy', () => {
    const st = runScenario('goodput-collapse');
    const late = st.series.slice(8, 15);
    const good = late.reduce((a, x) => a + x.good[0]!, 0), wasted = late.reduce((a, x) => a + x.late[0]!, 0);
    expect(good / (good + wasted)).toBeLessThan(0.05);
    expect(late.every((x) => x.busyMs[0]! > 0.99 * 4000)).toBe(true);
  });
  it('a bounded queue, LIFO and adaptive LIFO keep goodput near capacity in the same surge', () => {
    for (const id of ['bounded-queue', 'lifo', 'adaptive-lifo-codel']) {
      const late = runScenario(id).series.slice(8, 15);
      expect(late.reduce((a, x) => a + x.good[0]!, 0) / 7, id).toBeGreaterThan(360);
    }
  });
  it('bulkheads: the cheap class starves in a shared pool, survives in its own, and its pool sits mostly idle', () => {
    const shared = runScenario('shared-pool-starves');
    const split = runScenario('bulkheads');
    const cheapGood = (st: ServerState) => {
      const xs = st.series.slice(8, 20);
      return xs.reduce((a, x) => a + x.good[0]!, 0) / xs.reduce((a, x) => a + x.arrived[0]!, 0);
    };
    expect(cheapGood(shared)).toBeLessThan(0.3);
    expect(cheapGood(split)).toBeGreaterThan(0.97);
    const xs = split.series.slice(8, 20);
    const cheapBusy = xs.reduce((a, x) => a + x.busyMs[0]!, 0) / (xs.length * 1000 * 4);
    const dearBusy = xs.reduce((a, x) => a + x.busyMs[1]!, 0) / (xs.length * 1000 * 4);
    expect(cheapBusy).toBeLessThan(0.4);
    expect(dearBusy).toBeGreaterThan(0.99);
  });
  it('mm1-queue: the closed form it is compared with is 40 ms at ρ = 0.8', () => {
    const cf = closedFormFor(runScenario('mm1-queue', 1000))!;
    expect(cf.meanWait).toBeCloseTo(40, 9);
    expect(cf.utilisation).toBeCloseTo(0.8, 12);
  });
});

describe('shedding experiment', () => {
  it('FIFO collapses past capacity while every shedding policy keeps goodput', () => {
    const fifo = sheddingPoint('fifo', 2, 5, 200, 40, 3);
    expect(fifo.goodput).toBeLessThan(0.05);
    expect(fifo.utilisation).toBeGreaterThan(0.99);
    for (const p of ['bounded', 'lifo', 'adaptive-lifo'] as const) expect(sheddingPoint(p, 2, 5, 200, 40, 3).goodput, p).toBeGreaterThan(0.9);
  });
  it('returns one point per (policy, load) in index order', () => {
    const out = runExperiment(sheddingExperiment, parseExperimentParams(sheddingExperiment, { loads: '0.5,2', duration: '2' }).params)!;
    expect(out.results.points.map((x) => `${x.policy}@${x.load}`)).toEqual(POLICIES.flatMap((p) => [`${p}@0.5`, `${p}@2`]));
  });
});

// The same defect as the breaker's (see MIN_RATE in core/clamp.ts): a class or client rate of 1e-9 in
// a link put the first arrival ~4·10^11 ms ahead, and processing it filled the per-second series
// up to it, so one step ran out of memory (checked by hand before the fix, 2026-12-05).
describe('regression: vanishing arrival rates', () => {
  it('the overload server reads a class rate below 0.1/s as no traffic, so one step stays small', () => {
    const r = sanitizeServerParams({ classes: [{ name: 'a', rate: 1e-9, serviceMs: 10 }] });
    expect(r.value.classes[0]!.rate).toBe(0);
    expect(r.problems.join(' ')).toMatch(/classes\[0\]\.rate 1e-9 is below 0\.1 per second; using 0/);
    const s = m.next(m.init(1, r.value));
    expect(s.series.length).toBeLessThan(10);
    expect(parseServerAction({ type: 'load/set', cls: 0, rate: 1e-9 })).toBeNull();
    expect(parseServerAction({ type: 'load/set', cls: 0, rate: 0 })).toEqual({ type: 'load/set', cls: 0, rate: 0 });
  });

  it('the rate limiter reads a client rate below 0.1/s as no traffic, so one step stays small', () => {
    const r = sanitizeLimiterParams({ rates: [0, 1e-9, 0] });
    expect(r.value.rates).toEqual([0, 0, 0]);
    const s = limiterMechanism.next(limiterMechanism.init(1, r.value));
    expect(s.series.length).toBeLessThan(10);
    expect(parseLimiterAction({ type: 'client/rate', client: 1, rate: 1e-9 })).toBeNull();
    expect(parseLimiterAction({ type: 'client/rate', client: 1, rate: MIN_RATE })).toEqual({ type: 'client/rate', client: 1, rate: MIN_RATE });
  });
});
