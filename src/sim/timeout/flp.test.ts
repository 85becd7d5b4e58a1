import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../core/types';
import { SeekableRun, traceView } from '../core';
import { FLP_PROCS, flpMechanism as mech, sampleValence, type Bit, type FlpAction, type FlpParams, type FlpState } from './flp';

const run = (seed: number, params: Partial<FlpParams>, log: readonly LogEntry<FlpAction>[] = [], deliveries = 150) => {
  const p = { ...mech.defaults, ...params };
  return new SeekableRun(mech, { mechanism: mech.id, seed, params: p, log }).stateAt(deliveries * p.gap);
};
const decisions = (s: FlpState) => FLP_PROCS.map((id) => s.procs[id].decided);
const inputsArb = fc.tuple(fc.constantFrom<Bit>(0, 1), fc.constantFrom<Bit>(0, 1), fc.constantFrom<Bit>(0, 1));
const mixedArb = inputsArb.filter(([a, b, c]) => !(a === b && b === c));

describe('FLP core', () => {
  it('unanimous inputs decide that input in round 1 under any scheduler (a univalent start)', () => {
    for (const scheduler of ['adversary', 'fair'] as const) {
      const s = run(1, { inputs: [1, 1, 1], scheduler });
      expect(decisions(s)).toEqual([1, 1, 1]);
      expect(FLP_PROCS.every((id) => s.procs[id].round === 1)).toBe(true);
    }
  });

  it('flp-adversary: nobody decides, yet the adversary postponed critical messages and delivered them later', () => {
    const s = run(mech.scenarios[0].seed, mech.scenarios[0].params, [], 300);
    expect(decisions(s)).toEqual([null, null, null]);
    expect(s.postponed).toBeGreaterThan(0);
    const postponedIds = traceView(s.trace).filter((e) => (e.data as { postponed?: number })?.postponed).map((e) => (e.data as { postponed: number }).postponed);
    const delivered = new Set(traceView(s.trace).filter((e) => e.kind === 'deliver').map((e) => e.msgId));
    expect(postponedIds.filter((id) => !delivered.has(id) && s.pending.every((m) => m.id !== id))).toEqual([]);
    expect(postponedIds.some((id) => delivered.has(id))).toBe(true);
  });

  it('a mixed start is bivalent, a unanimous one univalent (witness schedules found by sampling)', () => {
    expect(sampleValence(mech.init(1, { ...mech.defaults, inputs: [0, 1, 1] })).reachable).toEqual([0, 1]);
    expect(sampleValence(mech.init(1, { ...mech.defaults, inputs: [0, 0, 0] })).reachable).toEqual([0]);
  });

  it('property: the adversary keeps the configuration bivalent at every checkpoint', () => {
    fc.assert(
      fc.property(fc.nat(), mixedArb, fc.integer({ min: 1, max: 150 }), (seed, inputs, deliveries) => {
        const s = run(seed, { inputs, scheduler: 'adversary' }, [], deliveries);
        expect(sampleValence(s, 96).reachable).toEqual([0, 1]);
      }),
      { numRuns: 40 },
    );
  });

  it('switching to the fair scheduler lets it decide', () => {
    const s = run(mech.scenarios[0].seed, {}, [{ at: 1500, action: { type: 'flp/scheduler', mode: 'fair' } }], 400);
    expect(new Set(decisions(s)).size).toBe(1);
    expect(decisions(s)[0]).not.toBeNull();
  });

  it('property: agreement and validity under any schedule, including reader-forced deliveries', () => {
    fc.assert(
      fc.property(fc.nat(), inputsArb, fc.constantFrom('adversary' as const, 'fair' as const), fc.array(fc.tuple(fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 1, max: 80 })), { maxLength: 15 }), (seed, inputs, scheduler, forced) => {
        const log = forced.sort((a, b) => a[0] - b[0]).map(([at, msg]) => ({ at, action: { type: 'flp/deliver' as const, msg } }));
        const s = run(seed, { inputs, scheduler }, log, 120);
        const ds = decisions(s).filter((d): d is Bit => d !== null);
        expect(new Set(ds).size).toBeLessThanOrEqual(1);
        for (const d of ds) expect(inputs).toContain(d);
      }),
      { numRuns: 120 },
    );
  });

  it('property: with mixed inputs the adversary prevents any decision, and no message waits forever', () => {
    fc.assert(
      fc.property(fc.nat(), mixedArb, (seed, inputs) => {
        const s = run(seed, { inputs, scheduler: 'adversary' }, [], 200);
        expect(decisions(s)).toEqual([null, null, null]);
        // Fairness: every message still pending was sent recently (within 40 deliveries).
        for (const m of s.pending) expect(s.now - m.sentAt).toBeLessThanOrEqual(40 * s.params.gap);
      }),
      { numRuns: 60 },
    );
  });

  it('property: replay is deterministic and the scheduler stream is plain data inside the state', () => {
    fc.assert(
      fc.property(fc.nat(), mixedArb, fc.constantFrom('adversary' as const, 'fair' as const), fc.integer({ min: 1, max: 80 }), (seed, inputs, scheduler, deliveries) => {
        const a = run(seed, { inputs, scheduler }, [], deliveries);
        const b = run(seed, { inputs, scheduler }, [], deliveries);
        expect(b).toEqual(a);
        expect(JSON.parse(JSON.stringify(a.rng))).toEqual([...a.rng]);
        // Resuming from a serialised copy continues exactly like the original.
        const copy = JSON.parse(JSON.stringify(a)) as FlpState;
        expect(traceView(mech.next(copy).trace)).toEqual(traceView(mech.next(a).trace));
      }),
      { numRuns: 60 },
    );
  });

  it('the fair scheduler decides within 150 deliveries on nearly every seed (measured over 40 seeds)', () => {
    let decided = 0;
    for (let seed = 0; seed < 40; seed++) if (decisions(run(seed, { scheduler: 'fair' })).every((d) => d !== null)) decided++;
    expect(decided).toBeGreaterThanOrEqual(36);
  });
});
