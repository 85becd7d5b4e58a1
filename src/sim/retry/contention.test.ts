import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replay } from '../core/replay';
import { deepFreeze } from '../core/testing/freeze';
import { strategies } from './backoff';
import { contentionDefaults, contentionMechanism as m, contentionModel, runContention, type ContentionState } from './contention';
import { runInPlace } from './engine';

const run = (clients: number, strategy: (typeof strategies)[number], seed: number): ContentionState => {
  const s = contentionModel.create(seed, { ...contentionDefaults, clients, strategy }, false);
  return runInPlace(contentionModel, s, Infinity);
};

describe('contention (Brooker 2015)', () => {
  it('every client writes exactly once successfully; calls = clients + conflicts; the row ends at version N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.constantFrom(...strategies), fc.integer({ min: 0, max: 1e6 }), (n, strategy, seed) => {
        const s = run(n, strategy, seed);
        expect(s.version).toBe(n);
        expect(s.clients.every((c) => c.phase === 'done' && c.doneAt !== null)).toBe(true);
        expect(s.calls).toBe(n + s.conflicts);
        expect(s.clients.reduce((a, c) => a + c.calls, 0)).toBe(s.calls);
        expect(s.completedAt).toBe(Math.max(...s.clients.map((c) => c.doneAt!)));
        expect(s.queue).toHaveLength(0);
      }),
      { numRuns: 60 },
    );
  });
  it('one client never conflicts and finishes after four network delays', () => {
    const s = run(1, 'exponential', 3);
    expect(s.calls).toBe(1);
    expect(s.completedAt).toBeGreaterThan(4 * 4);
    expect(s.completedAt).toBeLessThan(4 * 16);
  });
  it('is deterministic, and stepping equals running straight through (the mechanism never mutates its input)', () => {
    const p = { ...contentionDefaults, clients: 6, strategy: 'full' as const };
    expect(runContention(p, 9)).toEqual(runContention(p, 9));
    let s = deepFreeze(m.init(9, p));
    for (let i = 0; i < 10_000 && m.peek(s) < Infinity; i++) s = deepFreeze(m.next(s));
    expect(s.calls).toBe(runContention(p, 9).calls);
    expect(s.completedAt).toBe(runContention(p, 9).timeMs);
    const viaReplay = replay(m, { mechanism: m.id, seed: 9, params: p, log: [] }, 1e9);
    expect(viaReplay.calls).toBe(s.calls);
    expect(m.trace(s).filter((e) => e.kind === 'deliver')).toHaveLength(s.calls);
  });
  it('its scenarios tell the blog’s story at ten clients: no backoff and exponential do more work than full jitter', () => {
    const calls = m.scenarios.map((sc) => replay(m, { mechanism: m.id, seed: sc.seed, params: sc.params, log: [] }, 1e9).calls);
    expect(calls[2]).toBeLessThan(calls[0]!);
    expect(calls[2]).toBeLessThan(calls[1]!);
  });
});
