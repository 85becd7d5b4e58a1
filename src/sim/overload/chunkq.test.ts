import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyQueue, headItems, peekHead, popHead, popTail, pushTail, type ChunkQueue } from './chunkq';

describe('chunked persistent deque', () => {
  it('behaves like an array under any mix of pushes and pops at both ends, and never changes an older version', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constant('h' as const), fc.constant('t' as const), fc.integer({ min: 0, max: 1e6 })), { maxLength: 600 }), (ops) => {
      let q: ChunkQueue<number> = emptyQueue();
      let ref: number[] = [];
      const versions: [ChunkQueue<number>, number[]][] = [];
      for (const op of ops) {
        if (op === 'h') {
          const [x, n] = popHead(q);
          expect(x).toBe(ref[0]);
          q = n;
          ref = ref.slice(1);
        } else if (op === 't') {
          const [x, n] = popTail(q);
          expect(x).toBe(ref[ref.length - 1]);
          q = n;
          ref = ref.slice(0, -1);
        } else {
          q = pushTail(q, op);
          ref = [...ref, op];
        }
        expect(q.length).toBe(ref.length);
        expect(peekHead(q)).toBe(ref[0]);
        versions.push([q, ref]);
      }
      for (const [v, r] of versions) expect(headItems(v)).toEqual(r);
      expect(headItems(q, 5)).toEqual(ref.slice(0, 5));
      expect(q.chunks.every((c) => c.length > 0)).toBe(true);
    }));
  });
});
