/**
 * fast-check generators of small random histories for property tests: a few sequential
 * clients, a handful of reads, writes and cas over small values, some with unknown outcome.
 * Lives beside the tests (test-only; nothing in the app imports it).
 */
import fc from 'fast-check';
import type { History, Operation, Value } from './types';

interface RawOp { kind: 'read' | 'write' | 'cas'; a: number; b: number; ok: boolean; gap: number; dur: number; pending: boolean }

const rawOp: fc.Arbitrary<RawOp> = fc.record({
  kind: fc.constantFrom('read', 'read', 'write', 'write', 'cas') as fc.Arbitrary<RawOp['kind']>,
  a: fc.integer({ min: 0, max: 2 }),
  b: fc.integer({ min: 0, max: 2 }),
  ok: fc.boolean(),
  gap: fc.integer({ min: 0, max: 20 }),
  dur: fc.integer({ min: 1, max: 30 }),
  pending: fc.integer({ min: 0, max: 7 }).map((x) => x === 0),
});

/** Random history of up to `maxOps` operations on one register initialised to 0. */
export function arbHistory(maxOps = 7, maxClients = 3): fc.Arbitrary<History> {
  return fc.array(fc.array(rawOp, { minLength: 0, maxLength: 3 }), { minLength: 1, maxLength: maxClients }).map((clients) => {
    const ops: Operation[] = [];
    clients.forEach((list, ci) => {
      let t = ci; // offset clients so ties are not universal
      for (const r of list) {
        if (ops.length >= maxOps) break;
        const call = t + r.gap;
        const ret = r.pending ? null : call + r.dur;
        const base = { id: ops.length, client: `c${ci + 1}`, key: 'x', call, ret };
        if (r.kind === 'read') ops.push({ ...base, kind: 'read', value: null, output: r.a as Value });
        else if (r.kind === 'write') ops.push({ ...base, kind: 'write', value: r.a, output: null });
        else ops.push({ ...base, kind: 'cas', value: r.a, to: r.b, output: r.ok });
        if (ret === null) break; // a client whose call never returned issues nothing more
        t = ret + 1;
      }
    });
    return { ops, init: 0 };
  });
}
