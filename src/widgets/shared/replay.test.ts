import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pingMechanism } from './__fixtures__/pingMechanism';
import { SnapshotCache, advanceTo, seekSteps, seekTime, startCursor, stepOne } from './replay';

const logArb = fc
  .array(fc.integer({ min: 0, max: 2000 }), { maxLength: 30 })
  .map((ts) => [...ts].sort((a, b) => a - b).map((at) => ({ at, action: { type: 'ping' as const } })));

describe('replay', () => {
  it('steps one event at a time and stops when nothing is left', () => {
    const log = [{ at: 10, action: { type: 'ping' as const } }];
    let c = startCursor(pingMechanism, 1, { latency: 100 });
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) {
      const n = stepOne(pingMechanism, log, c);
      if (n === c) break;
      c = n;
      seen.push(c.steps);
    }
    // ping applied, ping delivered (+ pong sent), pong delivered
    expect(seen).toEqual([1, 2, 3]);
    expect(pingMechanism.trace(c.state as never).map((e) => e.kind)).toEqual(['send', 'deliver', 'send', 'deliver', 'note']);
  });

  it('runs internal events due at t before a logged action at t', () => {
    // First ping at 0 is delivered at some time d; a second ping logged exactly at d must come after the delivery.
    const first = advanceTo(pingMechanism, [{ at: 0, action: { type: 'ping' } }], startCursor(pingMechanism, 3, {}), 0);
    const d = pingMechanism.peek(first.state as never);
    const log = [{ at: 0, action: { type: 'ping' as const } }, { at: d, action: { type: 'ping' as const } }];
    const c = advanceTo(pingMechanism, log, startCursor(pingMechanism, 3, {}), d);
    const kinds = pingMechanism.trace(c.state as never).map((e) => `${e.kind}@${e.t}`);
    expect(kinds.indexOf(`deliver@${d}`)).toBeLessThan(kinds.lastIndexOf(`send@${d}`));
  });

  it('property: seeking with snapshots equals replay from zero (time and steps)', () => {
    fc.assert(
      fc.property(fc.nat(), logArb, fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), (seed, log, t1, t2) => {
        const run = { mech: pingMechanism, seed, params: { latency: 100 }, log };
        const cache = new SnapshotCache<unknown>(4);
        seekTime(run, 3000, cache); // fill the cache
        expect(seekTime(run, t1, cache)).toEqual(seekTime(run, t1));
        const ref = seekTime(run, t2);
        expect(seekSteps(run, ref.steps, cache).state).toEqual(seekSteps(run, ref.steps).state);
      }),
      { numRuns: 150 },
    );
  });

  it('property: same seed and log give the same trace', () => {
    fc.assert(
      fc.property(fc.nat(), logArb, (seed, log) => {
        const run = { mech: pingMechanism, seed, params: {}, log };
        expect(pingMechanism.trace(seekTime<never>(run, 5000).state)).toEqual(pingMechanism.trace(seekTime<never>(run, 5000).state));
      }),
      { numRuns: 100 },
    );
  });

  it('snapshot cache forgets the future when truncated', () => {
    const cache = new SnapshotCache<unknown>(2);
    const run = { mech: pingMechanism, seed: 1, params: {}, log: [{ at: 0, action: { type: 'ping' as const } }, { at: 1, action: { type: 'ping' as const } }] };
    seekTime(run, 10_000, cache);
    const before = cache.size;
    cache.truncateAfter(2);
    expect(before).toBeGreaterThan(cache.size);
    expect(cache.beforeSteps(100)!.steps).toBeLessThanOrEqual(2);
  });
});
