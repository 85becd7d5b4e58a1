/**
 * Model-based test: random sequences of (advance time, acquire, complete a call) run against the
 * breaker and against a reference written as a transition table over the full history of outcomes,
 * and every observable (mode, permitted or not, window counts) must agree after every command.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { R4J_DEFAULTS, type BreakerConfig } from './config';
import { autoHalfOpen, newBreaker, onResult, tryAcquire, windowAt, type Breaker, type BreakerMode } from './breaker';

interface Model {
  mode: BreakerMode;
  /** Outcomes recorded in the current CLOSED period or the current HALF_OPEN probe set. */
  outcomes: { failed: boolean; slow: boolean; t: number }[];
  retryAt: number;
  permits: number;
}
interface Real {
  b: Breaker;
  now: number;
  inflight: { started: number }[];
}

/** The reference: what each (state, event) does, written as a table rather than as code paths. */
const TABLE: Record<BreakerMode, { acquire: (m: Model, cfg: BreakerConfig, now: number) => boolean; result: (m: Model, cfg: BreakerConfig, now: number) => void }> = {
  CLOSED: {
    acquire: () => true,
    result: (m, cfg, now) => {
      const inWin = cfg.slidingWindowType === 'COUNT_BASED'
        ? m.outcomes.slice(-cfg.slidingWindowSize)
        : m.outcomes.filter((o) => Math.floor(o.t / 1000) > Math.floor(now / 1000) - cfg.slidingWindowSize);
      const min = cfg.slidingWindowType === 'COUNT_BASED' ? Math.min(cfg.minimumNumberOfCalls, cfg.slidingWindowSize) : cfg.minimumNumberOfCalls;
      if (inWin.length >= min && exceeded(inWin, cfg)) open(m, cfg, now);
    },
  },
  OPEN: {
    acquire: (m, cfg, now) => {
      if (now < m.retryAt) return false;
      m.mode = 'HALF_OPEN';
      m.outcomes = [];
      m.permits = cfg.permittedNumberOfCallsInHalfOpenState;
      return TABLE.HALF_OPEN.acquire(m, cfg, now);
    },
    result: () => {},
  },
  HALF_OPEN: {
    acquire: (m) => (m.permits > 0 ? (m.permits--, true) : false),
    result: (m, cfg, now) => {
      const k = cfg.permittedNumberOfCallsInHalfOpenState;
      const win = m.outcomes.slice(-k);
      if (win.length < Math.min(cfg.minimumNumberOfCalls, k)) return;
      if (exceeded(win, cfg)) open(m, cfg, now);
      else {
        m.mode = 'CLOSED';
        m.outcomes = [];
      }
    },
  },
};
function exceeded(win: { failed: boolean; slow: boolean }[], cfg: BreakerConfig): boolean {
  const n = win.length;
  return (100 * win.filter((o) => o.failed).length) / n >= cfg.failureRateThreshold || (100 * win.filter((o) => o.slow).length) / n >= cfg.slowCallRateThreshold;
}
function open(m: Model, cfg: BreakerConfig, now: number): void {
  m.mode = 'OPEN';
  m.retryAt = now + cfg.waitDurationInOpenState;
}

const cfgArb: fc.Arbitrary<BreakerConfig> = fc.record({
  failureRateThreshold: fc.integer({ min: 1, max: 100 }),
  slowCallRateThreshold: fc.integer({ min: 1, max: 100 }),
  slowCallDurationThreshold: fc.integer({ min: 10, max: 500 }),
  slidingWindowType: fc.constantFrom('COUNT_BASED' as const, 'TIME_BASED' as const),
  slidingWindowSize: fc.integer({ min: 1, max: 12 }),
  minimumNumberOfCalls: fc.integer({ min: 1, max: 15 }),
  waitDurationInOpenState: fc.integer({ min: 1, max: 3000 }),
  permittedNumberOfCallsInHalfOpenState: fc.integer({ min: 1, max: 5 }),
  automaticTransitionFromOpenToHalfOpenEnabled: fc.boolean(),
});

function check(m: Model, r: Real, cfg: BreakerConfig): void {
  expect(r.b.mode).toBe(m.mode);
  if (m.mode === 'OPEN') expect(r.b.retryAt).toBe(m.retryAt);
  if (m.mode === 'HALF_OPEN') expect(r.b.permits).toBe(m.permits);
  if (m.mode !== 'OPEN') {
    const win = m.mode === 'HALF_OPEN' ? m.outcomes.slice(-cfg.permittedNumberOfCallsInHalfOpenState)
      : cfg.slidingWindowType === 'COUNT_BASED' ? m.outcomes.slice(-cfg.slidingWindowSize)
      : m.outcomes.filter((o) => Math.floor(o.t / 1000) > Math.floor(r.now / 1000) - cfg.slidingWindowSize);
    // A time-based window drops old seconds lazily; windowAt reads it as of now.
    const w = windowAt(r.b, r.now);
    expect([w.total, w.failed, w.slow]).toEqual([win.length, win.filter((o) => o.failed).length, win.filter((o) => o.slow).length]);
  }
}

class Advance implements fc.Command<Model, Real> {
  constructor(readonly dt: number, readonly cfg: BreakerConfig) {}
  check = () => true;
  run(m: Model, r: Real): void {
    r.now += this.dt;
    if (this.cfg.automaticTransitionFromOpenToHalfOpenEnabled && m.mode === 'OPEN' && r.now >= m.retryAt) {
      // the timer fires at retryAt; nothing can happen in between
      r.b = autoHalfOpen(this.cfg, r.b, r.now);
      m.mode = 'HALF_OPEN';
      m.outcomes = [];
      m.permits = this.cfg.permittedNumberOfCallsInHalfOpenState;
    }
    check(m, r, this.cfg);
  }
  toString = () => `advance(${this.dt})`;
}
class Acquire implements fc.Command<Model, Real> {
  constructor(readonly cfg: BreakerConfig) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const expected = TABLE[m.mode].acquire(m, this.cfg, r.now);
    const got = tryAcquire(this.cfg, r.b, r.now);
    r.b = got.breaker;
    expect(got.permitted).toBe(expected);
    if (got.permitted) r.inflight.push({ started: r.now });
    check(m, r, this.cfg);
  }
  toString = () => 'acquire';
}
class Complete implements fc.Command<Model, Real> {
  constructor(readonly pick: number, readonly failed: boolean, readonly cfg: BreakerConfig) {}
  check = () => true;
  run(m: Model, r: Real): void {
    if (r.inflight.length === 0) return;
    const [call] = r.inflight.splice(this.pick % r.inflight.length, 1);
    const dur = r.now - call!.started;
    if (m.mode !== 'OPEN') m.outcomes.push({ failed: this.failed, slow: dur > this.cfg.slowCallDurationThreshold, t: r.now });
    TABLE[m.mode].result(m, this.cfg, r.now);
    r.b = onResult(this.cfg, r.b, r.now, dur, this.failed);
    check(m, r, this.cfg);
  }
  toString = () => `complete(${this.pick}, ${this.failed ? 'fail' : 'ok'})`;
}

describe('breaker state machine against the reference transition table', () => {
  it('agrees on every command (fc.commands)', () => {
    fc.assert(
      fc.property(cfgArb.chain((cfg) => fc.tuple(fc.constant(cfg), fc.commands([
        fc.integer({ min: 0, max: 1500 }).map((dt) => new Advance(dt, cfg)),
        fc.constant(new Acquire(cfg)),
        fc.constant(new Acquire(cfg)),
        fc.tuple(fc.nat(), fc.boolean()).map(([i, f]) => new Complete(i, f, cfg)),
        fc.tuple(fc.nat(), fc.boolean()).map(([i, f]) => new Complete(i, f, cfg)),
      ], { size: '+1' }))), ([cfg, cmds]) => {
        const model: Model = { mode: 'CLOSED', outcomes: [], retryAt: 0, permits: 0 };
        const real: Real = { b: newBreaker(cfg), now: 0, inflight: [] };
        fc.modelRun(() => ({ model, real }), cmds);
      }),
      { numRuns: 300 },
    );
  });

  it('defaults: 100 calls at ≥ 50% failures open it; 60 s later the next call half-opens it; 10 good probes close it', () => {
    const cfg = R4J_DEFAULTS;
    let b = newBreaker(cfg);
    for (let i = 0; i < 99; i++) b = onResult(cfg, b, i, 10, i % 2 === 0);
    expect(b.mode).toBe('CLOSED'); // 99 calls: below the minimum
    b = onResult(cfg, b, 100, 10, false); // 100th: 50 of 100 failed → 50% ≥ 50%
    expect(b.mode).toBe('OPEN');
    expect(tryAcquire(cfg, b, 100 + 59_999).permitted).toBe(false);
    let r = tryAcquire(cfg, b, 100 + 60_000);
    expect(r.permitted).toBe(true);
    expect(r.breaker.mode).toBe('HALF_OPEN');
    b = r.breaker;
    for (let i = 0; i < 9; i++) { r = tryAcquire(cfg, b, 60_200); b = r.breaker; expect(r.permitted).toBe(true); }
    expect(tryAcquire(cfg, b, 60_200).permitted).toBe(false); // only 10 probes
    for (let i = 0; i < 9; i++) b = onResult(cfg, b, 60_300, 10, i === 0);
    expect(b.mode).toBe('HALF_OPEN');
    b = onResult(cfg, b, 60_300, 10, false); // 1 of 10 failed: 10% < 50%
    expect(b.mode).toBe('CLOSED');
    expect(b.window.total).toBe(0);
  });

  it('a slow call is one strictly longer than slowCallDurationThreshold', () => {
    const cfg: BreakerConfig = { ...R4J_DEFAULTS, slowCallRateThreshold: 100, slowCallDurationThreshold: 1000, minimumNumberOfCalls: 2, slidingWindowSize: 2 };
    let b = newBreaker(cfg);
    b = onResult(cfg, b, 0, 1000, false);
    b = onResult(cfg, b, 0, 1001, false);
    expect(b.mode).toBe('CLOSED'); // 50% slow
    b = onResult(cfg, b, 0, 1001, false);
    expect(b.mode).toBe('OPEN'); // 100% slow ≥ 100%
  });
});
