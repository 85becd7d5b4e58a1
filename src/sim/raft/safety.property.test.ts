/**
 * Property: under random crashes, restarts, partitions, forced timeouts, reader drops, network loss
 * and duplication, the correct Raft never violates Figure 3's safety properties. 2,000 seeds here;
 * scripts/raft-fuzz.ts runs 100,000.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { figure8Case, fuzzCase, runFuzzCase } from './fuzz';
import { replay } from './mechanism';
import { findScenario } from './scenarios';
import { raft } from './mechanism';
import { inFlight } from '../core/world';
import type { RaftState } from './types';

const traceOf = (s: RaftState) => raft.trace(s);

describe('Raft safety under random faults', () => {
  it('holds for 2,000 random fault schedules', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const s = runFuzzCase(fuzzCase(seed, 1200, 10), { recordTrace: false });
        expect(s.monitor.violations).toEqual([]);
      }),
      { numRuns: 2000, seed: 20140619 },
    );
  });

  it('holds with the timing model on: disk writes before replies, drifting clocks and late timers (400 schedules)', () => {
    // The disk write (held replies, a crash losing them) is the part of the model that could break safety.
    let drifting = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 30 }), (seed, disk) => {
        const s = runFuzzCase(fuzzCase(seed, 1200, 10), { recordTrace: false, diskWrite: disk, driftPpm: 200, timerJitter: 3 });
        expect(s.monitor.violations).toEqual([]);
        if (s.world.nodeIds.some((id) => s.world.nodes[id].state.clockRate !== undefined)) drifting++;
      }),
      { numRuns: 400, seed: 20141120 },
    );
    expect(drifting).toBe(400); // the knobs reached every run
  });

  it('the schedules exercise elections, commits and faults (the property is not vacuous)', () => {
    let leaders = 0;
    let commits = 0;
    let crashes = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const c = fuzzCase(seed, 1500, 10);
      crashes += c.log.filter((e) => e.action.type === 'node/crash').length;
      const s = runFuzzCase(c, { recordTrace: false });
      leaders += Object.keys(s.monitor.leaders).length;
      commits += s.monitor.committed.length;
    }
    expect(leaders).toBeGreaterThan(50);
    expect(commits).toBeGreaterThan(20);
    expect(crashes).toBeGreaterThan(20);
  });

  it('the correct commit rule survives 1,000 randomly perturbed Figure 8 schedules', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        expect(runFuzzCase(figure8Case(seed), { recordTrace: false }).monitor.violations).toEqual([]);
      }),
      { numRuns: 1000, seed: 1988 },
    );
  });

  it('the broken commit rule is caught by some perturbed Figure 8 schedules, so the monitor is not blind to it', () => {
    // Uniform random faults never exposed it in 5,000 seeds; the aimed nemesis catches it in about
    // one schedule in seven (273 of the first 2,000). Fewer than one in twenty would mean the
    // monitor or the nemesis has gone blunt.
    let caught = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const s = runFuzzCase(figure8Case(seed), { recordTrace: false, brokenCommit: true });
      if (s.monitor.violations.length > 0) caught++;
    }
    expect(caught).toBeGreaterThanOrEqual(25);
  });

  // Seed 4 until leaders stopped sending heartbeats right after a request's AppendEntries (streams moved); 6 is the first since.
  it('regression: perturbed Figure 8 seed 6 with the broken rule violates Leader Completeness, and is safe with the real rule', () => {
    const c = figure8Case(6);
    const broken = runFuzzCase(c, { recordTrace: false, brokenCommit: true });
    expect(broken.monitor.violations[0]?.invariant).toBe('leader-completeness');
    expect(runFuzzCase(c, { recordTrace: false }).monitor.violations).toEqual([]);
  });

  it('is deterministic: the same seed and log give the same trace', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const a = runFuzzCase(fuzzCase(seed, 800, 8));
        const b = runFuzzCase(fuzzCase(seed, 800, 8));
        expect(traceOf(a)).toEqual(traceOf(b));
        expect(a.world.nodes).toEqual(b.world.nodes);
        expect(a.monitor).toEqual(b.monitor);
      }),
      { numRuns: 30, seed: 7 },
    );
  });

  it('stepping from an old state never changes what that state shows', () => {
    const sc = findScenario('leader-election')!;
    const early = replay(sc.seed, sc.params, sc.log, 200);
    const snapshot = JSON.stringify({ nodes: early.world.nodes, trace: traceOf(early), inFlight: inFlight(early.world), monitor: early.monitor });
    // Grow one branch far ahead, then start a second branch from the same old state.
    let ahead = early;
    for (let i = 0; i < 200; i++) ahead = raft.next(ahead);
    const branch = raft.next(raft.apply(early, { type: 'node/crash', node: 'S1' }));
    expect(JSON.stringify({ nodes: early.world.nodes, trace: traceOf(early), inFlight: inFlight(early.world), monitor: early.monitor })).toBe(snapshot);
    // Each branch sees its own history after the shared prefix.
    expect(traceOf(branch).slice(0, traceOf(early).length)).toEqual(traceOf(early));
    expect(traceOf(branch)[traceOf(early).length].label).toBe('S1 crashed');
    expect(traceOf(ahead).length).toBeGreaterThan(traceOf(early).length + 100);
  });

  it('catches the broken commit rule on the Figure 8 scenario', () => {
    const sc = findScenario('figure-8')!;
    const broken = replay(sc.seed, { ...sc.params, brokenCommit: true }, sc.log, sc.until!);
    const correct = replay(sc.seed, sc.params, sc.log, sc.until!);
    expect(broken.monitor.violations.length).toBeGreaterThan(0);
    expect(correct.monitor.violations).toEqual([]);
  });
});
