import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replay } from '../core/replay';
import { sagaMechanism, type SagaWorld } from '.';
import { randomSagaSpec, runSagaTrial, type SagaFaultOptions } from './faults';

const SEEDS = 1000;

const options = fc.record({
  mode: fc.constantFrom('orchestration' as const, 'choreography' as const),
  failRate: fc.double({ min: 0, max: 0.4, noNaN: true }),
  undoFailRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
  dup: fc.double({ min: 0, max: 1, noNaN: true }),
  slow: fc.double({ min: 0, max: 1, noNaN: true }),
  crash: fc.double({ min: 0, max: 1, noNaN: true }),
  serviceCrash: fc.double({ min: 0, max: 0.5, noNaN: true }),
  two: fc.boolean(),
  idempotent: fc.constant(true),
});

describe('saga properties (idempotent services, random failures, duplicates, slow links, crashes)', () => {
  it(`semantic atomicity, no compensation of a step that never ran, pivot never compensated (${SEEDS} seeds)`, () => {
    const outcomes = { completed: 0, compensated: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), options, (seed, o: SagaFaultOptions) => {
        const { reports, stockDrift } = runSagaTrial(randomSagaSpec(seed, o));
        for (const r of reports) {
          // sagaReport(…, finished) lists every broken rule: effects twice, undo of a step that never
          // ran or before it ran, pivot compensated, compensations out of reverse order, unfinished.
          expect(r.problems).toEqual([]);
          expect(['completed', 'compensated']).toContain(r.status);
          outcomes[r.status as 'completed' | 'compensated']++;
        }
        // Commutative compensations keep the stock conserved.
        expect(stockDrift).toBe(0);
      }),
      { numRuns: SEEDS, seed: 13 },
    );
    // Both outcomes occur, so the property is not vacuous.
    expect(outcomes.completed).toBeGreaterThan(SEEDS / 10);
    expect(outcomes.compensated).toBeGreaterThan(SEEDS / 10);
  });

  it('without idempotency, duplicates break it (the property above is not vacuous)', () => {
    let broken = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const spec = randomSagaSpec(seed, { mode: 'either', failRate: 0.2, undoFailRate: 0, dup: 1, slow: 0, crash: 0.5, serviceCrash: 0, two: false, idempotent: false });
      if (runSagaTrial(spec).reports.some((r) => r.problems.length > 0)) broken++;
    }
    expect(broken).toBeGreaterThan(10);
  });

  it('replay is deterministic (100 seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const spec = randomSagaSpec(seed, { mode: 'either', failRate: 0.2, undoFailRate: 0.2, dup: 0.5, slow: 0.5, crash: 0.5, serviceCrash: 0.2, two: true, idempotent: true });
        const a = replay(sagaMechanism, spec, 800) as SagaWorld;
        const b = replay(sagaMechanism, spec, 800) as SagaWorld;
        expect(b.nodes).toEqual(a.nodes);
      }),
      { numRuns: 100, seed: 5 },
    );
  });
});
