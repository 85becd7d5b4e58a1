import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { heapify, heapPop, heapPush, heapSorted, type Queued } from './queue';

const item = fc.record({ t: fc.integer({ min: 0, max: 20 }), seq: fc.nat() });

describe('event queue', () => {
  it('pops equal times in insertion (seq) order', () => {
    // Arrange
    const h: Queued[] = [];
    heapPush(h, { t: 5, seq: 2 });
    heapPush(h, { t: 5, seq: 0 });
    heapPush(h, { t: 1, seq: 3 });
    heapPush(h, { t: 5, seq: 1 });
    // Act
    const order = [heapPop(h), heapPop(h), heapPop(h), heapPop(h), heapPop(h)];
    // Assert
    expect(order.map((e) => e && [e.t, e.seq])).toEqual([[1, 3], [5, 0], [5, 1], [5, 2], undefined]);
  });

  it('always pops in (time, seq) order, whatever the pushes and pops', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(item, fc.constant('pop' as const)), { maxLength: 200 }), (ops) => {
        const h: Queued[] = [];
        const model: Queued[] = [];
        let seq = 0;
        for (const op of ops) {
          if (op === 'pop') {
            model.sort((a, b) => a.t - b.t || a.seq - b.seq);
            expect(heapPop(h)).toEqual(model.shift());
          } else {
            const e = { t: op.t, seq: seq++ };
            heapPush(h, e);
            model.push(e);
          }
        }
        expect(heapSorted(h)).toEqual([...model].sort((a, b) => a.t - b.t || a.seq - b.seq));
      }),
      { numRuns: 300 },
    );
  });

  it('heapify turns any array into a valid heap', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 100 }), (xs) => {
        const h = xs.map((x, i) => ({ t: x.t, seq: i }));
        heapify(h);
        const out: Queued[] = [];
        for (let e = heapPop(h); e; e = heapPop(h)) out.push(e);
        expect(out).toEqual(xs.map((x, i) => ({ t: x.t, seq: i })).sort((a, b) => a.t - b.t || a.seq - b.seq));
      }),
    );
  });
});
