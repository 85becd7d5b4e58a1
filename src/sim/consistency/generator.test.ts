import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, holdsAt } from './classify';
import { generateHistory, type GeneratorSettings, type ReplicationMode } from './generator';

const settings = (mode: ReplicationMode, extra: Partial<GeneratorSettings> = {}) =>
  fc.record({ seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), clients: fc.integer({ min: 2, max: 4 }), opsPerClient: fc.integer({ min: 1, max: 5 }), lag: fc.integer({ min: 1, max: 100 }) }).map((r) => ({ ...r, mode, timeoutRate: 0, ...extra }));

describe('replicated-register generator', () => {
  it('is deterministic: same settings, same history', () => {
    const g = { mode: 'any-replica' as const, clients: 3, opsPerClient: 4, lag: 50, timeoutRate: 0.2, seed: 99 };
    expect(generateHistory(g)).toEqual(generateHistory(g));
  });

  it('clients are sequential and writes carry distinct values', () => {
    fc.assert(
      fc.property(settings('any-replica', { timeoutRate: 0.3 }), (g) => {
        const h = generateHistory(g);
        const byClient = new Map<string, typeof h.ops>();
        for (const o of h.ops) byClient.set(o.client, [...(byClient.get(o.client) ?? []), o]);
        for (const list of byClient.values())
          for (let i = 1; i < list.length; i++) expect(list[i - 1].ret !== null && list[i - 1].ret! < list[i].call).toBe(true);
        const values = h.ops.filter((o) => o.kind === 'write').map((o) => o.value);
        expect(new Set(values).size).toBe(values.length);
      }),
      { numRuns: 100, seed: 1 },
    );
  });

  it('leader mode is always linearizable, even with timeouts', () => {
    fc.assert(fc.property(settings('leader', { timeoutRate: 0.3 }), (g) => void expect(holdsAt('linearizable', generateHistory(g), 1e6)).toBe(true)), { numRuns: 150, seed: 2 });
  });

  it('local-reads mode is always sequentially consistent', () => {
    fc.assert(fc.property(settings('local-reads'), (g) => void expect(holdsAt('sequential', generateHistory(g), 1e6)).toBe(true)), { numRuns: 150, seed: 3 });
  });

  it('local-reads and any-replica modes do produce non-linearizable histories', () => {
    const hits = (mode: ReplicationMode) =>
      Array.from({ length: 40 }, (_, seed) => generateHistory({ mode, clients: 3, opsPerClient: 4, lag: 80, timeoutRate: 0, seed })).filter((h) => classify(h, { minimize: false }).strongest !== 'linearizable').length;
    expect(hits('local-reads')).toBeGreaterThan(0);
    expect(hits('any-replica')).toBeGreaterThan(0);
  });
});
