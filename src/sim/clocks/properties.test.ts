import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../core/testing/freeze';
import { worldActionArb } from '../core/testing/arbitraries';
import { traceView } from '../core/trace';
import type { LogEntry } from '../core/types';
import { hlcCompare, vectorCompare } from './logical';
import { trueRelation } from './compare';
import { clockEvents, clockNodes, clockWrites, clocksMechanism as M } from './mechanism';
import { readClock } from './physical';
import { quiescentTime, replayClocks } from './replay';
import { NODE_IDS, type ClockAction, type ClockParams } from './types';

/**
 * A random run: nodes, clock errors within ±eps/2, and a log of local/send/write actions; with
 * `withSteps`, NTP steps, slews and leap seconds; with `withNet`, the kernel's partitions, cuts,
 * link changes (loss, duplication, reordering), dropped messages, crashes and restarts.
 */
function arbRun(opts: { withSteps: boolean; withNet?: boolean }) {
  return fc.integer({ min: 2, max: 5 }).chain((nodes) => {
    const node = fc.constantFrom(...NODE_IDS.slice(0, nodes));
    const plain: fc.Arbitrary<ClockAction>[] = [
      node.map((n) => ({ type: 'local', node: n }) as ClockAction),
      fc.tuple(node, node).filter(([a, b]) => a !== b).map(([from, to]) => ({ type: 'send', from, to }) as ClockAction),
      fc.tuple(node, fc.integer({ min: 0, max: 9 })).map(([n, v]) => ({ type: 'write', node: n, value: String(v) }) as ClockAction),
    ];
    const faults: fc.Arbitrary<ClockAction>[] = [
      node.map((n) => ({ type: 'leap', node: n }) as ClockAction),
      fc.tuple(node, fc.constantFrom('step', 'slew'), fc.integer({ min: -500, max: 500 })).map(([n, mode, e]) => ({ type: 'ntp/sync', node: n, mode, serverErrorMs: e }) as ClockAction),
    ];
    const net: fc.Arbitrary<ClockAction>[] = opts.withNet ? [worldActionArb(NODE_IDS.slice(0, nodes)) as fc.Arbitrary<ClockAction>] : [];
    const action = fc.oneof(...plain, ...(opts.withSteps ? faults : []), ...net);
    return fc.record({
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      eps: fc.integer({ min: 0, max: 200 }),
      offsets: fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: nodes, maxLength: nodes }),
      drifts: fc.array(fc.integer({ min: -2000, max: 2000 }), { minLength: nodes, maxLength: nodes }),
      steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), action), { minLength: 1, maxLength: 25 }),
      delayMax: fc.integer({ min: 1, max: 120 }),
    }).map((r) => {
      const params: ClockParams = {
        nodes,
        clocks: r.offsets.map((o, i) => ({ offsetMs: Math.round(o * r.eps), driftPpm: r.drifts[i] })),
        delayMin: 1,
        delayMax: r.delayMax,
        slewPpm: 50_000,
      };
      let t = 0;
      const log: LogEntry<ClockAction>[] = r.steps.map(([gap, action]) => ({ at: (t += gap), action }));
      return { seed: r.seed, params, log };
    });
  });
}

type Run = { seed: number; params: ClockParams; log: LogEntry<ClockAction>[] };
const run = (r: Run) => replayClocks(r.seed, r.params, r.log, quiescentTime(r.seed, r.params, r.log));

const cfg = { numRuns: 150, seed: 424242 };

describe('clock properties over random runs', () => {
  it('Lamport clock condition: a → b implies L(a) < L(b) (even with NTP steps and leaps)', () => {
    fc.assert(
      fc.property(arbRun({ withSteps: true, withNet: true }), (r) => {
        const ev = clockEvents(run(r));
        for (const a of ev) for (const b of ev) if (trueRelation(ev, a.id, b.id) === 'before') expect(a.lamport).toBeLessThan(b.lamport);
      }),
      cfg,
    );
  });

  it('vector clocks characterise happened-before exactly (the truth taken from the trace’s sends and deliveries)', () => {
    fc.assert(
      fc.property(arbRun({ withSteps: true, withNet: true }), (r) => {
        const ev = clockEvents(run(r));
        for (const a of ev)
          for (const b of ev) {
            const truth = trueRelation(ev, a.id, b.id);
            expect(vectorCompare(a.vector, b.vector)).toBe(truth === 'same' ? 'equal' : truth);
          }
      }),
      cfg,
    );
  });

  it('HLC: l ≥ pt; l − pt ≤ ε under skew bounded by ε; c bounded by same-l causal chains; e → f ⇒ hlc(e) < hlc(f)', () => {
    fc.assert(
      fc.property(arbRun({ withSteps: false }), (r) => {
        const s = run(r);
        const ev = clockEvents(s);
        const end = M.now(s);
        const nodes = clockNodes(s);
        // ε: the largest disagreement between any two clocks over the run. Readings are linear in
        // time without steps, so the extremes are at the ends.
        let eps = 0;
        for (const t of [0, end])
          for (const x of nodes) for (const y of nodes) eps = Math.max(eps, readClock(x.clock, t) - readClock(y.clock, t));
        const chain = new Map<number, number>(); // longest causal chain of events with the same l ending here
        for (const e of ev) {
          expect(e.hlc.l).toBeGreaterThanOrEqual(e.pt);
          expect(e.hlc.l - e.pt).toBeLessThanOrEqual(Math.ceil(eps));
          const same = e.causes.filter((c) => ev[c].hlc.l === e.hlc.l).map((c) => chain.get(c)! + 1);
          chain.set(e.id, Math.max(0, ...same));
          expect(e.hlc.c).toBeLessThanOrEqual(chain.get(e.id)!);
        }
        for (const a of ev) for (const b of ev) if (trueRelation(ev, a.id, b.id) === 'before') expect(hlcCompare(a.hlc, b.hlc)).toBeLessThan(0);
      }),
      cfg,
    );
  });

  it('LWW: every replica converges to the write with the largest (timestamp, node, writer’s sequence)', () => {
    fc.assert(
      fc.property(arbRun({ withSteps: true }), (r) => {
        const s = run(r);
        const writes = clockWrites(s);
        fc.pre(writes.length > 0);
        // Write ids grow with each writer's own sequence, so id breaks a tie within one node.
        const best = [...writes].sort((a, b) => b.ts - a.ts || (b.node === a.node ? b.id - a.id : b.node > a.node ? 1 : -1))[0];
        for (const n of clockNodes(s)) expect(n.storedId).toBe(best.id);
        for (const w of writes) if (w.lostTo !== null) expect(writes[w.lostTo].t).toBeLessThan(w.t);
      }),
      cfg,
    );
  });

  it('replay is deterministic and never mutates its inputs (states deep-frozen mid-run)', () => {
    fc.assert(
      fc.property(arbRun({ withSteps: true, withNet: true }), fc.integer({ min: 0, max: 400 }), (r, cut) => {
        const end = quiescentTime(r.seed, r.params, r.log);
        const a = run(r);
        const b = run(r);
        expect(b).toEqual(a);
        // Continue from a frozen mid-run state: the same actions and events must give the same run.
        const mid = deepFreeze(replayClocks(r.seed, r.params, r.log.filter((e) => e.at <= cut), Math.min(cut, end)));
        let s = mid;
        for (const e of r.log.filter((x) => x.at > cut)) {
          s = M.advanceTo(s, e.at);
          s = M.apply(s, e.action);
        }
        s = M.advanceTo(s, end);
        expect(traceView(s.observer.trace)).toEqual(traceView(a.observer.trace));
        expect(clockEvents(s)).toEqual(clockEvents(a));
      }),
      { numRuns: 100, seed: 99 },
    );
  });
});
