import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkHistory, hasPrefixCut, type History, type HRead, type HWrite } from './history';

const w = (id: string, session: string, key: string, pos: number, start: number, end: number | null): HWrite => ({ id, session, key, pos, start, end });
const r = (id: string, session: string, start: number, end: number, results: [string, string | null][]): HRead => ({ id, session, start, end, results: results.map(([key, write]) => ({ key, write })) });
const kinds = (h: History) => checkHistory(h).map((v) => `${v.kind}:${v.read}`);

describe('session-guarantee checker: hand-made histories', () => {
  it('read-your-writes: flags a read of the initial value after the own write was acknowledged', () => {
    expect(kinds({ writes: [w('w1', 'c1', 'x', 1, 0, 10)], reads: [r('r1', 'c1', 30, 40, [['x', null]])] })).toEqual(['read-your-writes:r1']);
  });
  it('read-your-writes: not flagged when the read began before the ack, or another session reads', () => {
    expect(kinds({ writes: [w('w1', 'c1', 'x', 1, 0, 10)], reads: [r('r1', 'c1', 5, 40, [['x', null]])] })).toEqual([]);
    expect(kinds({ writes: [w('w1', 'c1', 'x', 1, 0, 10)], reads: [r('r1', 'c2', 30, 40, [['x', null]])] })).toEqual([]);
    expect(kinds({ writes: [w('w1', 'c1', 'x', 1, 0, null)], reads: [r('r1', 'c1', 30, 40, [['x', null]])] })).toEqual([]);
  });
  it('read-your-writes: a newer write by someone else also satisfies it', () => {
    const h = { writes: [w('w1', 'c1', 'x', 1, 0, 10), w('w2', 'c2', 'x', 2, 0, 12)], reads: [r('r1', 'c1', 30, 40, [['x', 'w2']])] };
    expect(kinds(h)).toEqual([]);
  });
  it('monotonic reads: flags a later read that returns an older write of the same key', () => {
    const writes = [w('w1', 'c1', 'x', 1, 0, 10), w('w2', 'c1', 'x', 2, 20, 30)];
    expect(kinds({ writes, reads: [r('r1', 'c2', 40, 45, [['x', 'w2']]), r('r2', 'c2', 50, 55, [['x', 'w1']])] })).toEqual(['monotonic-reads:r2']);
    // Overlapping reads may return either order; different sessions never conflict.
    expect(kinds({ writes, reads: [r('r1', 'c2', 40, 52, [['x', 'w2']]), r('r2', 'c2', 50, 55, [['x', 'w1']])] })).toEqual([]);
    expect(kinds({ writes, reads: [r('r1', 'c2', 40, 45, [['x', 'w2']]), r('r2', 'c3', 50, 55, [['x', 'w1']])] })).toEqual([]);
  });
  it('consistent prefix: flags an answer seen without its question, and only then', () => {
    const writes = [w('q', 'c1', 'q', 1, 0, 10), w('a', 'c2', 'a', 2, 60, 70)];
    expect(kinds({ writes, reads: [r('r1', 'c3', 120, 130, [['q', null], ['a', 'a']])] })).toEqual(['consistent-prefix:r1']);
    expect(kinds({ writes, reads: [r('r1', 'c3', 120, 130, [['q', 'q'], ['a', null]])] })).toEqual([]);
    expect(kinds({ writes, reads: [r('r1', 'c3', 120, 130, [['q', 'q'], ['a', 'a']])] })).toEqual([]);
    expect(kinds({ writes, reads: [r('r1', 'c3', 120, 130, [['q', null], ['a', null]])] })).toEqual([]);
  });
});

/** Random histories: writes in a total order over 3 keys and 3 sessions; reads return arbitrary writes of their keys. */
const arbHistory = fc
  .record({
    writes: fc.array(fc.record({ session: fc.integer({ min: 0, max: 2 }), key: fc.integer({ min: 0, max: 2 }), start: fc.integer({ min: 0, max: 100 }), dur: fc.integer({ min: 1, max: 30 }), acked: fc.boolean() }), { maxLength: 8 }),
    reads: fc.array(fc.record({ session: fc.integer({ min: 0, max: 2 }), keys: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }), picks: fc.array(fc.integer({ min: -1, max: 7 }), { minLength: 3, maxLength: 3 }), start: fc.integer({ min: 0, max: 150 }), dur: fc.integer({ min: 1, max: 30 }) }), { maxLength: 6 }),
  })
  .map(({ writes, reads }): History => {
    const ws = writes.map((x, i) => w(`w${i}`, `c${x.session}`, `k${x.key}`, i + 1, x.start, x.acked ? x.start + x.dur : null));
    const rs = reads.map((x, i) =>
      r(
        `r${i}`,
        `c${x.session}`,
        x.start,
        x.start + x.dur,
        x.keys.map((k, j): [string, string | null] => {
          const mine = ws.filter((q) => q.key === `k${k}`);
          const pick = x.picks[j];
          return [`k${k}`, pick < 0 || mine.length === 0 ? null : mine[pick % mine.length].id];
        }),
      ),
    );
    return { writes: ws, reads: rs };
  });

describe('session-guarantee checker: generated histories', () => {
  it('flags consistent prefix exactly for reads that no cut of the write order explains', () => {
    fc.assert(
      fc.property(arbHistory, (h) => {
        const flagged = new Set(checkHistory(h).filter((v) => v.kind === 'consistent-prefix').map((v) => v.read));
        for (const rd of h.reads) expect(flagged.has(rd.id)).toBe(!hasPrefixCut(h, rd));
      }),
      { numRuns: 400 },
    );
  });
  it('flags read-your-writes and monotonic reads exactly as their definitions state (brute force over pairs)', () => {
    fc.assert(
      fc.property(arbHistory, (h) => {
        const pos = (id: string | null) => (id === null ? 0 : h.writes.find((x) => x.id === id)!.pos);
        const ryw = new Set<string>();
        const mr = new Set<string>();
        for (const rd of h.reads)
          for (const res of rd.results) {
            if (h.writes.some((x) => x.session === rd.session && x.key === res.key && x.end !== null && x.end < rd.start && x.pos > pos(res.write))) ryw.add(rd.id);
            if (h.reads.some((e) => e.session === rd.session && e.end < rd.start && e.results.some((q) => q.key === res.key && pos(q.write) > pos(res.write)))) mr.add(rd.id);
          }
        const vs = checkHistory(h);
        expect(new Set(vs.filter((v) => v.kind === 'read-your-writes').map((v) => v.read))).toEqual(ryw);
        expect(new Set(vs.filter((v) => v.kind === 'monotonic-reads').map((v) => v.read))).toEqual(mr);
      }),
      { numRuns: 400 },
    );
  });
});
