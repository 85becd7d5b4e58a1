import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cloneRng, createRng } from '../core/rng';
import { backoffWait, budgetDeposit, budgetInit, budgetTryRetry, expo, strategies, waitBounds } from './backoff';

describe('backoff waits', () => {
  it('stay within their bounds, for every strategy, retry number, base, cap and history', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...strategies),
        fc.double({ min: 0.1, max: 500, noNaN: true }),
        fc.double({ min: 1, max: 20, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 40 }),
        (strategy, base, capFactor, seed, retries) => {
          const cap = base * capFactor;
          const rng = cloneRng(createRng(seed, 'backoff'));
          let sleep = base;
          for (let n = 1; n <= retries; n++) {
            const [lo, hi] = waitBounds(strategy, n, base, cap, sleep);
            const d = backoffWait(strategy, n, base, cap, sleep, rng);
            expect(d.wait).toBeGreaterThanOrEqual(lo);
            expect(d.wait).toBeLessThanOrEqual(hi);
            // Never above the cap, never negative.
            expect(d.wait).toBeLessThanOrEqual(cap);
            expect(d.wait).toBeGreaterThanOrEqual(0);
            sleep = d.sleep;
          }
        },
      ),
    );
  });
  it('expo(n) doubles from base·2 at the first retry and stops at the cap (the blog’s base 5 ms, cap 2 s)', () => {
    expect([1, 2, 3, 8, 9, 20].map((n) => expo(n, 5, 2000))).toEqual([10, 20, 40, 1280, 2000, 2000]);
  });
});

describe('retry budget', () => {
  it('never allows more retries than ratio · requests + burst, whatever the order of requests and retries', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.boolean(), { maxLength: 2000 }),
        (ratio, burst, ops) => {
          const b = { ratio, burst };
          let s = budgetInit(b);
          for (const isRequest of ops) {
            s = isRequest ? budgetDeposit(b, s) : budgetTryRetry(s).state;
            expect(s.retries).toBeLessThanOrEqual(ratio * s.requests + burst + 1e-6);
            expect(s.tokens).toBeGreaterThanOrEqual(0);
            expect(s.tokens).toBeLessThanOrEqual(burst);
          }
        },
      ),
    );
  });
  it('allows a retry for every 1/ratio requests once the burst is spent', () => {
    const b = { ratio: 0.1, burst: 2 };
    let s = budgetInit(b);
    const allowed = () => {
      const r = budgetTryRetry(s);
      s = r.state;
      return r.allowed;
    };
    expect([allowed(), allowed(), allowed()]).toEqual([true, true, false]);
    for (let i = 0; i < 10; i++) s = budgetDeposit(b, s);
    expect([allowed(), allowed()]).toEqual([true, false]);
  });
});
