// The pacing rule (issue 12, shared/pace.ts): at 1× one typical step of every registered lab, a
// network hop where the lab has a network, takes between ½ s and 1 s of wall time.
import { describe, expect, it } from 'vitest';
import { SeekableRun, type AnyMechanism } from '../../sim/core';
import { labDefinitions } from '../manifest';
import { HOP_WALL_MS, HOP_WALL_RANGE, timeScaleOf, wallMsPerHop } from './pace';
import { createLabStore, cursorTime, nextSpeed, SPEEDS } from './store';

/** The kernel world inside a core's state, if it has one (Raft wraps it as `{ world, monitor }`). */
function worldOf(s: unknown): { queue: readonly { kind: string; msgId: number; t: number; sent: number }[] } | null {
  const w = (s as { world?: unknown })?.world ?? s;
  return w && typeof w === 'object' && Array.isArray((w as { queue?: unknown }).queue) && 'net' in w ? (w as never) : null;
}

/** One-way delays (virtual ms) of the first `max` messages each scenario of a world-based core sends. */
function scenarioHops(mech: AnyMechanism, max = 30): number[] {
  const hops: number[] = [];
  for (const sc of mech.scenarios) {
    const run = new SeekableRun(mech, { mechanism: mech.id, seed: sc.seed, params: mech.sanitizeParams(sc.params).value, log: sc.log });
    let c = run.start;
    if (!worldOf(c.state)) return [];
    const seen = new Set<number>();
    for (let i = 0; i < 5000 && seen.size < max; i++) {
      for (const e of worldOf(c.state)!.queue) {
        if (e.kind === 'deliver' && !seen.has(e.msgId)) {
          seen.add(e.msgId);
          hops.push(e.t - e.sent);
        }
      }
      const next = run.stepForward(c);
      if (next === c) break;
      c = next;
    }
  }
  return hops;
}

/**
 * Cores whose declared step is not their median message, and why. Their hops are still drawn at
 * the lab's pace; they are just not the unit the picture moves in.
 */
const NOT_A_HOP: Record<string, string> = {
  replication: 'clients sit 5 ms from their replica on purpose; the step is the replication lag between replicas',
  'svc-chain': 'hops of a few ms against 40 ms of work per service; the step is a service’s turn',
  'svc-queue': 'hops of a few ms against 60–120 ms per message; the step is one message handled',
  'svc-outbox': 'hops of a few ms against 30 ms commits; the step is one commit',
};

const cores = labDefinitions.flatMap((def) => def.mechanisms.map((m) => ({ def, mech: m as AnyMechanism })));

describe('one pace for every lab', () => {
  it('covers every registered lab and core', () => {
    expect(cores.length).toBeGreaterThanOrEqual(labDefinitions.length);
  });

  for (const { def, mech } of cores) {
    describe(`${def.widget} / ${mech.id}`, () => {
      it(`declares its step, and one step takes ${HOP_WALL_RANGE[0]}–${HOP_WALL_RANGE[1]} ms of wall time at 1×`, () => {
        const hop = def.hop(mech.id);
        expect(hop.ms).toBeGreaterThan(0);
        expect(Number.isFinite(hop.ms)).toBe(true);
        expect(hop.what.trim()).not.toBe('');
        const wall = wallMsPerHop(def, mech.id);
        expect(wall).toBeGreaterThanOrEqual(HOP_WALL_RANGE[0]);
        expect(wall).toBeLessThanOrEqual(HOP_WALL_RANGE[1]);
      });

      it('plays at that pace: 1 s of wall time at 1× moves the store by one step / ¾ s of virtual time', () => {
        const store = createLabStore(def, mech.scenarios[0]!.id);
        store.getState().play();
        const t0 = cursorTime(store.getState());
        store.getState().tick(HOP_WALL_MS);
        const moved = cursorTime(store.getState()) - t0;
        // Unless the scenario stops sooner (its `until`, or a quiet end), one step of virtual time passes.
        const stopped = !store.getState().playing;
        if (!stopped) expect(moved).toBeCloseTo(def.hop(mech.id).ms, 6);
        else expect(moved).toBeLessThanOrEqual(def.hop(mech.id).ms + 1e-6);
        expect(timeScaleOf(def, mech.id)).toBeCloseTo(def.hop(mech.id).ms / HOP_WALL_MS, 12);
      });

      const hops = scenarioHops(mech);
      if (hops.length && !(mech.id in NOT_A_HOP)) {
        it('its scenarios’ messages take about one step: the median hop is ½–1 s of wall time at 1×', () => {
          const sorted = [...hops].sort((a, b) => a - b);
          const median = sorted[Math.floor(sorted.length / 2)]!;
          const wall = median / timeScaleOf(def, mech.id);
          expect(wall).toBeGreaterThanOrEqual(HOP_WALL_RANGE[0]);
          expect(wall).toBeLessThanOrEqual(HOP_WALL_RANGE[1]);
        });
      }
    });
  }

  it('steps one notch through the speeds (the < and > keys), stopping at either end', () => {
    expect(nextSpeed(1, 1)).toBe(2);
    expect(nextSpeed(1, -1)).toBe(0.5);
    expect(nextSpeed(4, 1)).toBe(10);
    expect(nextSpeed(SPEEDS[SPEEDS.length - 1]!, 1)).toBe(SPEEDS[SPEEDS.length - 1]);
    expect(nextSpeed(SPEEDS[0]!, -1)).toBe(SPEEDS[0]);
    // A speed between two offered ones (an old link or a cue) steps to its neighbours.
    expect(nextSpeed(8, 1)).toBe(10);
    expect(nextSpeed(8, -1)).toBe(4);
    let s: number = SPEEDS[0]!;
    for (let i = 0; i < SPEEDS.length - 1; i++) s = nextSpeed(s, 1);
    expect(s).toBe(SPEEDS[SPEEDS.length - 1]);
  });

  it('offers speeds below and well above 1× (experts: 10× and up)', () => {
    expect(SPEEDS).toContain(1);
    expect(Math.min(...SPEEDS)).toBeLessThan(1);
    expect(Math.max(...SPEEDS)).toBeGreaterThanOrEqual(30);
    expect([...SPEEDS]).toEqual([...SPEEDS].sort((a, b) => a - b));
  });
});
