import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { worldMechanism } from './world';
import { heartbeatDefaults, heartbeatProtocol, type BeatNow, type HeartbeatParams } from './examples/heartbeat';
import { heartbeatLogArb } from './testing/arbitraries';
import { replay, runCursorTo, startCursor, stepCursor } from './replay';
import { SeekableRun } from './seekableRun';
import type { RunSpec } from './types';
import type { WorldAction } from './actions';
import { snapshotOf } from './testing/freeze';

const hb = worldMechanism(heartbeatProtocol);
const NODES = ['A', 'B', 'C', 'D', 'E'];
type Spec = RunSpec<HeartbeatParams, WorldAction | BeatNow>;
const lossy: HeartbeatParams = { ...heartbeatDefaults, link: { latency: { kind: 'lognormal', mu: 1, sigma: 0.6 }, loss: 0.1, dup: 0.05, fifo: false } };
const specArb = fc.record({
  mechanism: fc.constant('heartbeat'),
  seed: fc.nat(),
  params: fc.constantFrom(heartbeatDefaults, lossy),
  log: heartbeatLogArb(NODES, 300),
}) as fc.Arbitrary<Spec>;

/** What must be identical between two runs: clock, trace, nodes, network, pending events. */
const essence = (s: ReturnType<typeof hb.init>): unknown =>
  snapshotOf({ now: s.now, trace: hb.trace(s), nodes: s.nodes, net: s.net, queue: [...s.queue].sort((a, b) => a.seq - b.seq), rng: s.rng });

describe('replay', () => {
  it('the same spec gives a deep-equal trace and state, for random seeds and action logs', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 0, max: 400 }), (spec, until) => {
        const a = replay(hb, spec, until);
        const b = replay(worldMechanism(heartbeatProtocol), structuredClone(spec), until);
        expect(essence(a)).toEqual(essence(b));
        expect(a.now).toBe(until);
      }),
      { numRuns: 40 },
    );
  });

  it('stepping one step at a time reaches the same state as the batched replay', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 0, max: 300 }), (spec, until) => {
        let c = startCursor(hb, spec);
        for (;;) {
          const nx = stepCursor(hb, spec.log, c);
          if (!nx || hb.now(nx.state) > until) break;
          c = nx;
        }
        const stepped = runCursorTo(hb, spec.log, c, until);
        expect(essence(stepped.state)).toEqual(essence(replay(hb, spec, until)));
      }),
      { numRuns: 30 },
    );
  });

  it('applies an action stamped t after the events due at t (pause-then-act replays exactly)', () => {
    // Arrange: a crash logged at exactly the time of a pending delivery.
    const s0 = hb.init(1, heartbeatDefaults);
    const t = hb.peek(s0);
    const live = hb.apply(hb.advanceTo(s0, t), { type: 'node/crash', node: 'A' });
    // Act
    const replayed = replay(hb, { mechanism: 'heartbeat', seed: 1, params: heartbeatDefaults, log: [{ at: t, action: { type: 'node/crash', node: 'A' } }] }, t);
    // Assert
    expect(essence(replayed)).toEqual(essence(live));
  });

  it('a crashed node is suspected by every live node within one timeout (heartbeat example)', () => {
    const sc = heartbeatProtocol.scenarios[0];
    const s = replay(hb, { mechanism: 'heartbeat', ...sc }, sc.until!);
    for (const n of ['A', 'B', 'D', 'E']) expect(s.nodes[n].state.suspected).toEqual(['C']);
    expect(s.nodes.C.up).toBe(false);
  });
});

describe('timeline seeking', () => {
  it('seeking to any time equals replay from zero, in any order of seeks', () => {
    fc.assert(
      fc.property(specArb, fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 64 }), (spec, times, every) => {
        const tl = new SeekableRun(hb, spec, { snapshotEvery: every });
        for (const t of times) expect(essence(tl.stateAt(t))).toEqual(essence(replay(hb, spec, t)));
      }),
      { numRuns: 30 },
    );
  });

  it('step back then forward returns to the same state, and step k is the same however it is reached', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 1, max: 600 }), (spec, k) => {
        const tl = new SeekableRun(hb, spec, { snapshotEvery: 32 });
        const far = tl.cursorAtStep(k + 50);
        const c = tl.cursorAtStep(k);
        const back = tl.stepBack(c);
        expect(back.steps).toBe(c.steps - 1);
        expect(essence(tl.stepForward(back).state)).toEqual(essence(c.state));
        // The same step reached from a fresh timeline (no cache) is identical.
        expect(essence(new SeekableRun(hb, spec).cursorAtStep(k).state)).toEqual(essence(c.state));
        expect(far.steps).toBeGreaterThanOrEqual(c.steps);
      }),
      { numRuns: 25 },
    );
  });

  it('after the log changes, seeks reflect the new log and agree with replay', () => {
    fc.assert(
      fc.property(specArb, heartbeatLogArb(NODES, 300), fc.integer({ min: 0, max: 400 }), (spec, log2, t) => {
        const tl = new SeekableRun(hb, spec, { snapshotEvery: 16 });
        tl.stateAt(400);
        const merged = [...spec.log.slice(0, 3), ...log2].sort((a, b) => a.at - b.at);
        tl.setLog(merged);
        expect(essence(tl.stateAt(t))).toEqual(essence(replay(hb, { ...spec, log: merged }, t)));
      }),
      { numRuns: 25 },
    );
  });

  it('advancing from any cursor equals seeking from the snapshots, and step by step equals both', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (spec, t1, dt) => {
        const run = new SeekableRun(hb, spec, { snapshotEvery: 8 });
        const from = run.cursorAtTime(t1);
        const moved = run.advance(from, t1 + dt);
        expect(essence(moved.state)).toEqual(essence(new SeekableRun(hb, spec).cursorAtTime(t1 + dt).state));
        let c = from;
        for (let n = 0; n < 100_000 && run.nextTime(c) <= t1 + dt; n++) c = run.stepForward(c);
        expect(c.steps).toBe(moved.steps);
      }),
      { numRuns: 40 },
    );
  });

  it('a cursor by steps can carry the clock on to a moment between events, never past the next one', () => {
    const spec: Spec = { mechanism: 'heartbeat', seed: 9, params: heartbeatDefaults, log: [] };
    const run = new SeekableRun(hb, spec);
    const c = run.cursorAtStep(40);
    const next = run.nextTime(c);
    const between = (hb.now(c.state) + next) / 2;
    expect(hb.now(run.cursorAtStep(40, between).state)).toBe(between);
    expect(run.cursorAtStep(40, between).steps).toBe(40);
    expect(hb.now(run.cursorAtStep(40, next + 1).state)).toBe(hb.now(c.state));
  });

  it('gives up with an error, instead of hanging, on a run that never settles', () => {
    const spec: Spec = { mechanism: 'heartbeat', seed: 1, params: heartbeatDefaults, log: [] };
    expect(() => new SeekableRun(hb, spec, { maxSteps: 50 }).cursorAtTime(10_000)).toThrow(/does not settle/);
  });

  it('a short seek costs a bounded number of steps however long the run is', () => {
    // Arrange: count `next` calls made by the timeline.
    let calls = 0;
    const counting = { ...hb, next: (s: ReturnType<typeof hb.init>) => (calls++, hb.next(s)) };
    const spec: Spec = { mechanism: 'heartbeat', seed: 3, params: heartbeatDefaults, log: [] };
    const tl = new SeekableRun(counting, spec, { snapshotEvery: 128 });
    const end = tl.cursorAtStep(20_000);
    // Act
    calls = 0;
    tl.stepBack(end);
    const backCost = calls;
    calls = 0;
    tl.cursorAtTime(hb.now(tl.cursorAtStep(10_000).state) + 5);
    const seekCost = calls;
    // Assert
    expect(backCost).toBeLessThanOrEqual(128);
    expect(seekCost).toBeLessThanOrEqual(128 * 2);
  });
});
