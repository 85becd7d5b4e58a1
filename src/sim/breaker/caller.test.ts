import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deepFreeze } from '../core/testing/freeze';
import { advanceCaller, breakerMechanism as m, busyWorkers, CALLER_DEFAULTS, initCaller, parseCallerAction, sanitizeCallerParams } from './caller';
import { MIN_RATE } from '../core/clamp';
import { rangeStats } from './metrics';
import { breakerExperiment, runBreakerTrial } from './experiment';
import { parseExperimentParams, runExperiment } from '../core/experiment';
import type { CallerState } from './types';

function runScenario(id: string, until?: number): CallerState {
  const sc = m.scenarios.find((s) => s.id === id)!;
  let s = m.init(sc.seed, sc.params);
  for (const e of sc.log) {
    s = m.advanceTo(s, e.at);
    s = m.apply(s, e.action);
  }
  return m.advanceTo(s, until ?? sc.until!);
}
const ended = (s: CallerState, ep: 'A' | 'B'): number => Object.values(s.totals.fate[ep]).reduce((a, b) => a + b, 0);

describe('caller model: scenarios tell their story', () => {
  it('cascade-no-breaker: the slow dependency starves endpoint B', () => {
    const s = runScenario('cascade-no-breaker');
    expect(rangeStats(s.series, 0, 3000).successB).toBeGreaterThan(0.99);
    const during = rangeStats(s.series, 10_000, 30_000);
    expect(during.meanBusy).toBeGreaterThan(19.5);
    expect(during.successB).toBeLessThan(0.6);
    expect(s.transitions).toHaveLength(0);
  });
  it('breaker-fails-fast: defaults open after 100 calls and B recovers', () => {
    const s = runScenario('breaker-fails-fast');
    expect(s.transitions[0]?.to).toBe('OPEN');
    expect(s.transitions[0]!.reason).toMatch(/over 100 calls/);
    const after = rangeStats(s.series, s.transitions[0]!.at + 3000, 40_000);
    expect(after.successB).toBeGreaterThan(0.97);
    expect(after.depRate).toBe(0);
  });
  it('half-open-recovers: ends CLOSED through HALF_OPEN after the dependency recovers', () => {
    const s = runScenario('half-open-recovers');
    const last = s.transitions[s.transitions.length - 1]!;
    expect(last.from).toBe('HALF_OPEN');
    expect(last.to).toBe('CLOSED');
    expect(last.at).toBeGreaterThan(15_000);
    expect(s.breakers[0]!.mode).toBe('CLOSED');
  });
  it('flapping: the badly tuned breaker changes state many times', () => {
    expect(runScenario('flapping').transitions.length).toBeGreaterThan(20);
  });
  it('fallback: A keeps answering while the dependency fails', () => {
    const s = runScenario('fallback');
    expect(rangeStats(s.series, 3000, 20_000).answeredA).toBeGreaterThan(0.99);
    expect(rangeStats(s.series, 3000, 20_000).successA).toBeLessThan(0.05);
  });
  it('per-host breakers keep A healthy; one shared breaker cuts off every host', () => {
    const shared = rangeStats(runScenario('per-dependency-breaker').series, 10_000, 30_000);
    const perHost = runScenario('per-host-breakers');
    expect(shared.successA).toBeLessThan(0.3);
    expect(rangeStats(perHost.series, 10_000, 30_000).successA).toBeGreaterThan(0.9);
    expect(perHost.breakers.map((b) => b.mode === 'CLOSED')).toEqual([true, expect.any(Boolean), true]);
    expect(perHost.transitions.every((t) => t.breaker === 1)).toBe(true);
  });
});

describe('caller model: kernel contract', () => {
  it('stepping event by event equals advancing in one batch, and inputs are never mutated', () => {
    const sc = m.scenarios[1]!;
    let a = deepFreeze(m.init(3, sc.params));
    a = deepFreeze(m.apply(a, { type: 'dep/health', host: -1, mode: 'slow' }));
    let b = a;
    while (m.peek(b) <= 4000) b = deepFreeze(m.next(b));
    b = m.advanceTo(b, 4000);
    const c = m.advanceTo(a, 4000);
    const strip = (s: CallerState) => ({ ...s, trace: null });
    expect(strip(b)).toEqual(strip(c));
    expect(m.trace(b)).toEqual(m.trace(c));
  });

  it('work is conserved: every arrival is finished, queued or on a worker (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 20 }), fc.constantFrom('none', 'per-dependency', 'per-host'),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 8000 }), fc.integer({ min: -1, max: 2 }), fc.constantFrom('healthy', 'slow', 'failing', 'recovering', 'flaky')), { maxLength: 4 }),
        (seed, workers, queueLimit, scope, changes) => {
          const params = sanitizeCallerParams({ workers, queueLimit, hosts: 3, scope, rateA: 40, rateB: 20, breaker: { slidingWindowSize: 10, minimumNumberOfCalls: 5, waitDurationInOpenState: 1000 } }).value;
          let s = initCaller(seed, params);
          for (const [at, host, mode] of [...changes].sort((x, y) => x[0] - y[0])) {
            s = advanceCaller(s, at);
            s = m.apply(s, parseCallerAction({ type: 'dep/health', host, mode })!);
          }
          s = advanceCaller(s, 10_000);
          const inside = s.queue.length + busyWorkers(s);
          expect(s.totals.arr.A + s.totals.arr.B).toBe(ended(s, 'A') + ended(s, 'B') + inside);
          expect(s.queue.length).toBeLessThanOrEqual(queueLimit);
          expect(busyWorkers(s)).toBeLessThanOrEqual(workers);
        }),
      { numRuns: 40 },
    );
  });

  it('rejects hostile params and actions with reasons, never throwing', () => {
    const r = sanitizeCallerParams({ workers: -5, scope: 'everything', breaker: { failureRateThreshold: 900, slidingWindowType: 'weird' } });
    expect(r.value.workers).toBe(1);
    expect(r.value.scope).toBe('per-dependency');
    expect(r.value.breaker.failureRateThreshold).toBe(100);
    expect(r.problems.length).toBeGreaterThanOrEqual(4);
    expect(sanitizeCallerParams('nope').problems.length).toBe(1);
    expect(parseCallerAction({ type: 'dep/health', host: 9, mode: 'slow' })).toBeNull();
    expect(parseCallerAction({ type: 'dep/health', host: 0, mode: 'on fire' })).toBeNull();
    expect(parseCallerAction({ type: 'caller/load', ep: 'A', rate: 1e9 })).toBeNull();
    expect(parseCallerAction({ type: 'caller/load', ep: 'B', rate: 5 })).toEqual({ type: 'caller/load', ep: 'B', rate: 5 });
  });

  // linkHardening property, found by a local hunt (the likely cause of the failed CI run of 2026-12-05):
  // a link with rateA 0 and rateB 1e-9 put B's first arrival ~10^12 ms ahead, and the step that
  // processed it filled the per-second series up to it: 10^9 samples, out of memory.
  it('regression: a vanishing arrival rate is read as no traffic, so one step stays small', () => {
    const r = sanitizeCallerParams({ ...CALLER_DEFAULTS, rateA: 0, rateB: 1e-9 });
    expect(r.value.rateB).toBe(0);
    expect(r.problems.join(' ')).toMatch(/rateB 1e-9 is below 0.1 per second; using 0/);
    let s = m.init(3359225519, r.value);
    expect(m.peek(s)).toBe(Infinity);
    s = m.next(s);
    expect(s.series.length).toBeLessThan(10);
    expect(sanitizeCallerParams({ ...CALLER_DEFAULTS, rateB: MIN_RATE }).value.rateB).toBe(MIN_RATE);
    expect(parseCallerAction({ type: 'caller/load', ep: 'B', rate: 1e-9 })).toBeNull();
    expect(parseCallerAction({ type: 'caller/load', ep: 'B', rate: 0 })).toEqual({ type: 'caller/load', ep: 'B', rate: 0 });
  });
});

describe('breaker experiment', () => {
  it('a slow dependency: no breaker starves B, every breaker protects it', () => {
    const none = runBreakerTrial('no-breaker', 'slow', 7);
    const defaults = runBreakerTrial('r4j-defaults', 'slow', 7);
    expect(none.successB).toBeLessThan(0.6);
    expect(defaults.successB).toBeGreaterThan(0.9);
    expect(defaults.openedAfter).not.toBeNull();
  });
  it('merges in index order into one row per set-up', () => {
    const p = parseExperimentParams(breakerExperiment, { trials: '1', fault: 'failing' }).params;
    const out = runExperiment(breakerExperiment, p)!;
    expect(out.results.rows.map((r) => r.setup)).toEqual(['no-breaker', 'r4j-defaults', 'tuned', 'tuned+fallback']);
    expect(out.results.rows[3]!.answeredA).toBeGreaterThan(0.99);
  });
});
