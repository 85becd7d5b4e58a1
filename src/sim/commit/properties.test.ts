import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replay } from '../core/replay';
import { commitDefaults, commitMechanism, PARTICIPANTS, type CommitParams, type CommitWorld } from '.';
import { defaultFaults, lastFault, randomFaults, runTrial } from './faults';

const SEEDS = 2000;

/** Random 2PC settings: 2–5 participants, any presumption and termination, sometimes a NO voter. */
const params2pc = fc.record({
  participants: fc.integer({ min: 2, max: 5 }),
  presumption: fc.constantFrom('nothing' as const, 'abort' as const),
  termination: fc.constantFrom('wait' as const, 'cooperative' as const),
  noVoter: fc.integer({ min: -3, max: 4 }),
}).map(({ participants, presumption, termination, noVoter }): CommitParams => ({
  ...commitDefaults,
  protocol: '2pc',
  participants,
  presumption,
  termination,
  no: noVoter >= 0 && noVoter < participants ? [PARTICIPANTS[noVoter]] : [],
}));

describe('2PC properties under random crashes and partitions', () => {
  it(`never violates atomicity, and every YES voter learns the outcome once the faults are over (${SEEDS} seeds)`, () => {
    let blocked = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), params2pc, (seed, params) => {
        const log = randomFaults(seed, params, defaultFaults);
        const { world, result } = runTrial({ mechanism: 'commit', seed, params, log }, lastFault(log) + 2000);
        expect(result.violated).toBe(false);
        // A participant whose prepare and abort were both lost never voted and holds no locks;
        // anyone who voted YES must have learned the outcome.
        expect(result.stuck).toBe(0);
        // Validity (AC3): with a NO voter nobody commits.
        if (params.no.length > 0) for (const id of world.nodeIds) expect(world.nodes[id].state.decided.some((d) => d.decision === 'commit')).toBe(false);
        if (result.maxLockHeld > 500) blocked++;
      }),
      { numRuns: SEEDS, seed: 20261205 },
    );
    // …but it can block: some runs hold locks for as long as the coordinator stays down.
    expect(blocked).toBeGreaterThan(SEEDS / 20);
  });

  it('blocking tracks the coordinator downtime when it crashes in the uncertainty window', () => {
    const params: CommitParams = { ...commitDefaults, latency: { kind: 'constant', value: 10 } };
    for (const down of [200, 800]) {
      const log = [
        { at: 35, action: { type: 'node/crash' as const, node: 'C' } },
        { at: 35 + down, action: { type: 'node/restart' as const, node: 'C' } },
      ];
      const { result } = runTrial({ mechanism: 'commit', seed: 1, params, log }, 3000);
      expect(result.maxLockHeld).toBeGreaterThanOrEqual(down);
      expect(result.maxLockHeld).toBeLessThan(down + 120);
    }
  });
});

describe('3PC properties', () => {
  it('without partitions it keeps atomicity, and no participant holds locks past the termination protocol (1000 seeds)', () => {
    const params: CommitParams = { ...commitDefaults, protocol: '3pc' };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const log = randomFaults(seed, params, { ...defaultFaults, participantCrash: 0, partition: 0, coordinatorCrash: 1 });
        const { result } = runTrial({ mechanism: 'commit', seed, params, log }, 4000);
        expect(result.violated).toBe(false);
        // Bounded by timeouts (decision timeout + stagger + collection rounds), not by C's downtime (up to 1 s).
        expect(result.maxLockHeld).toBeLessThan(650);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('with partitions it sometimes decides both ways (the checker catches it)', () => {
    const params: CommitParams = { ...commitDefaults, protocol: '3pc' };
    let violations = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const log = randomFaults(seed, params, { ...defaultFaults, partition: 1 });
      if (runTrial({ mechanism: 'commit', seed, params, log }, lastFault(log) + 2000).result.violated) violations++;
    }
    expect(violations).toBeGreaterThan(4);
  });
});

describe('replay', () => {
  it('is deterministic: the same spec gives deep-equal worlds (200 seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom('2pc' as const, '3pc' as const), (seed, protocol) => {
        const params = { ...commitDefaults, protocol };
        const spec = { mechanism: 'commit', seed, params, log: randomFaults(seed, params, defaultFaults) };
        const a = replay(commitMechanism, spec, 1500) as CommitWorld;
        const b = replay(commitMechanism, spec, 1500) as CommitWorld;
        expect(b.nodes).toEqual(a.nodes);
        expect(commitMechanism.trace(b).length).toBe(commitMechanism.trace(a).length);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
