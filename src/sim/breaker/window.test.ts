import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyWindow, failureRate, moveWindow, record, slowCallRate, type Outcome } from './window';

/** Brute force: outcomes kept forever, the window recomputed from scratch. */
function bruteCount(all: readonly Outcome[], size: number) {
  const last = all.slice(-size);
  return { total: last.length, failed: last.filter((o) => o & 1).length, slow: last.filter((o) => o & 2).length };
}
function bruteTime(all: readonly { o: Outcome; t: number }[], size: number, now: number) {
  const sec = Math.floor(now / 1000);
  const inside = all.filter((x) => Math.floor(x.t / 1000) > sec - size);
  return { total: inside.length, failed: inside.filter((x) => x.o & 1).length, slow: inside.filter((x) => x.o & 2).length };
}
const outcome = fc.constantFrom<Outcome>(0, 1, 2, 3);

describe('sliding windows', () => {
  it('count-based: totals and rates equal a recount of the last N outcomes, exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.array(outcome, { maxLength: 120 }), fc.integer({ min: 1, max: 40 }), (size, seq, minCalls) => {
        let w = emptyWindow('COUNT_BASED', size);
        seq.forEach((o, i) => {
          w = record(w, o, i);
          const b = bruteCount(seq.slice(0, i + 1), size);
          expect([w.total, w.failed, w.slow]).toEqual([b.total, b.failed, b.slow]);
          const fr = failureRate(w, minCalls);
          expect(fr).toBe(b.total < minCalls ? -1 : (b.failed * 100) / b.total);
          expect(slowCallRate(w, minCalls)).toBe(b.total < minCalls ? -1 : (b.slow * 100) / b.total);
        });
      }),
    );
  });

  it('time-based: a call counts while its completion second is among the last N seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.tuple(outcome, fc.integer({ min: 0, max: 2500 })), { maxLength: 80 }), (size, steps) => {
        let w = emptyWindow('TIME_BASED', size);
        let t = 0;
        const all: { o: Outcome; t: number }[] = [];
        for (const [o, dt] of steps) {
          t += dt;
          w = record(w, o, t);
          all.push({ o, t });
          const b = bruteTime(all, size, t);
          expect([w.total, w.failed, w.slow]).toEqual([b.total, b.failed, b.slow]);
          const later = t + 1700;
          const m = moveWindow(w, later);
          const bl = bruteTime(all, size, later);
          expect([m.total, m.failed, m.slow]).toEqual([bl.total, bl.failed, bl.slow]);
        }
      }),
    );
  });

  it('known values: 3 failures in the last 4 of a 4-call window is 75%', () => {
    let w = emptyWindow('COUNT_BASED', 4);
    for (const o of [0, 1, 1, 0, 1] as Outcome[]) w = record(w, o, 0);
    expect(failureRate(w, 4)).toBe(75);
    expect(failureRate(w, 5)).toBe(-1);
  });
});
