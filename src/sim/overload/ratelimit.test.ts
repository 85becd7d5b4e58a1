import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { admit, newLimiter, peakIn, type LimitConfig, type LimiterKind } from './ratelimit';

const run = (kind: LimiterKind, cfg: LimitConfig, times: readonly number[]): number[] => {
  let l = newLimiter(kind, cfg);
  const out: number[] = [];
  for (const t of times) {
    const r = admit(l, cfg, t);
    l = r.limiter;
    if (r.ok) out.push(t);
  }
  return out;
};
const arrivals = fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 200 }).map((gaps) => {
  let t = 0;
  return gaps.map((g) => (t += g));
});
const cfgArb = fc.record({ rate: fc.integer({ min: 1, max: 50 }), burst: fc.integer({ min: 1, max: 20 }), limit: fc.integer({ min: 1, max: 20 }), windowMs: fc.constantFrom(100, 500, 1000) });

describe('rate limiters', () => {
  it('a token bucket never admits more than rate·t + burst in any interval of length t', () => {
    fc.assert(fc.property(cfgArb, arrivals, (cfg, times) => {
      const ok = run('token-bucket', cfg, times);
      for (let i = 0; i < ok.length; i++) {
        for (let j = i; j < ok.length; j++) {
          expect(j - i + 1).toBeLessThanOrEqual((cfg.rate * (ok[j]! - ok[i]!)) / 1000 + cfg.burst + 1e-9);
        }
      }
    }));
  });
  it('a sliding window never admits more than limit in any window; a fixed window only per aligned window', () => {
    fc.assert(fc.property(cfgArb, arrivals, (cfg, times) => {
      expect(peakIn(run('sliding-window', cfg, times), cfg.windowMs - 1)).toBeLessThanOrEqual(cfg.limit);
      const fixed = run('fixed-window', cfg, times);
      const per = new Map<number, number>();
      for (const t of fixed) per.set(Math.floor(t / cfg.windowMs), (per.get(Math.floor(t / cfg.windowMs)) ?? 0) + 1);
      for (const n of per.values()) expect(n).toBeLessThanOrEqual(cfg.limit);
      expect(peakIn(fixed, cfg.windowMs - 1)).toBeLessThanOrEqual(2 * cfg.limit);
    }));
  });
  it('the fixed window lets 2 × limit through across a boundary; the others do not', () => {
    const cfg: LimitConfig = { rate: 10, burst: 10, limit: 10, windowMs: 1000 };
    // 20 requests between 900 ms and 1100 ms, every 10 ms
    const times = Array.from({ length: 20 }, (_, i) => 900 + i * 10 + (i >= 10 ? 10 : 0));
    expect(run('fixed-window', cfg, times)).toHaveLength(20);
    expect(run('sliding-window', cfg, times)).toHaveLength(10);
    expect(run('token-bucket', cfg, times).length).toBeLessThanOrEqual(10 + 2.1);
  });
});

import { advanceLimiter, COLUMNS, initLimiter, limiterMechanism } from './limiterLab';

describe('rate-limiting lab', () => {
  const runSc = (id: string) => {
    const sc = limiterMechanism.scenarios.find((s) => s.id === id)!;
    let s = initLimiter(sc.seed, sc.params);
    for (const e of sc.log) {
      s = advanceLimiter(s, e.at);
      s = limiterMechanism.apply(s, e.action);
    }
    return advanceLimiter(s, sc.until!);
  };
  it('fixed-window-boundary: only the fixed window admits twice its limit within one window length', () => {
    const s = runSc('fixed-window-boundary');
    const k = (c: string) => COLUMNS.indexOf(c as never);
    expect(s.peak[k('fixed-window')]![0]).toBeGreaterThanOrEqual(19);
    expect(s.peak[k('sliding-window')]![0]).toBeLessThanOrEqual(10);
    expect(s.peak[k('token-bucket')]![0]).toBeLessThanOrEqual(10 + 10 + 1e-9);
    expect(limiterMechanism.trace(s).some((e) => /straddled a window boundary/.test(e.label))).toBe(true);
  });
  it('noisy-neighbour: per-client limits keep B and C whole; the global bucket starves them', () => {
    const s = runSc('noisy-neighbour');
    const tb = COLUMNS.indexOf('token-bucket'), gl = COLUMNS.indexOf('global-bucket');
    for (const c of [1, 2]) expect(s.totals.admitted[tb]![c]! / s.totals.offered[c]!).toBeGreaterThan(0.97);
    expect(s.totals.admitted[tb]![0]! / 10).toBeLessThan(11); // ≈ 10/s over 10 s, plus the burst
    const othersGlobal = (s.totals.admitted[gl]![1]! + s.totals.admitted[gl]![2]!) / (s.totals.offered[1]! + s.totals.offered[2]!);
    expect(othersGlobal).toBeLessThan(0.8);
  });
  it('every request is decided by every column: admitted ≤ offered per client', () => {
    const s = runSc('limiters-side-by-side');
    for (const col of s.totals.admitted) col.forEach((a, c) => expect(a).toBeLessThanOrEqual(s.totals.offered[c]!));
  });
});
