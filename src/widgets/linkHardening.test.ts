/**
 * Hostile links against every registered lab: whatever a link holds (extreme or wrong-typed params,
 * a huge step count, actions at the end of a simulated day, unknown scenarios), decoding clamps it to
 * what the lab's controls allow, and the first replay finishes in a bounded number of short slices.
 * Covers every lab in `labDefinitions`, so a lab added later is covered without editing this file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeekableRun, type AnyMechanism, type Tagged } from '../sim/core';
import { labDefinitions } from './manifest';
import { createLabStore, cursorTime, timelineEnd } from './shared/store';
import { linkLimits } from './shared/useMechanismLab';
import { MAX_LINK_STEPS, MAX_LOG_ENTRIES, decodeMoment, encodeMoment } from './shared/urlState';

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1e-9, 1e9, 1e300, -1e300, 9, 20_000, 86_400_000, 0.5),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const hostileValue = fc.oneof(hostileNumber, fc.constantFrom('<script>', 'javascript:alert(1)', null, true, [], {}));
/**
 * A value shaped like `v` (the same keys and array lengths) whose leaves are kept or made hostile, so
 * nested params (an overload class's rate, a breaker's window) are reached too: replacing a nested
 * object whole only ever tested its "must be an object" branch, and missed a 1e-9 class rate that
 * ran the tab out of memory (see MIN_RATE in sim/core/clamp.ts).
 */
function hostileLike(v: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(v)) return fc.tuple(...v.map(hostileLike));
  if (v !== null && typeof v === 'object') return fc.record(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hostileLike(x)])));
  return fc.oneof(fc.constant(v), hostileValue);
}

/** A hostile link for one mechanism: its own param keys and actions, at hostile values and times. */
function hostileMoment(mech: AnyMechanism) {
  const scenario = mech.scenarios[0];
  const keys = Object.keys((scenario.params ?? {}) as object);
  const actions: Tagged[] = mech.scenarios.flatMap((s) => s.log.map((e) => e.action as Tagged));
  const action = actions.length ? fc.constantFrom(...actions) : fc.constant({ type: 'x' } as Tagged);
  return fc.record({
    mechanism: fc.constant(mech.id),
    scenario: fc.oneof(fc.constantFrom(...mech.scenarios.map((s) => s.id)), fc.constant('no-such-scenario')),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    params: fc.oneof(
      fc.constant(scenario.params),
      keys.length ? fc.dictionary(fc.constantFrom(...keys), hostileValue) : fc.constant({}),
      fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue]))),
      hostileLike(scenario.params),
    ),
    log: fc
      .array(fc.tuple(fc.constantFrom(0, 10, 1000, 86_399_999, 86_400_000), action), { maxLength: 6 })
      .map((xs) => xs.sort((a, b) => a[0] - b[0]).map(([at, a]) => ({ at, action: a }))),
    steps: fc.constantFrom(0, 1, 500, 1_000_000, 10_000_000),
    t: fc.constantFrom(0, 100, 86_400_000),
  });
}

describe('hostile links against every lab', () => {
  for (const def of labDefinitions) {
    for (const mech of def.mechanisms) {
      it(`${def.widget} / ${mech.id}: decoding clamps to the lab's limits and the replay finishes in bounded slices`, () => {
        const limits = linkLimits(def);
        fc.assert(
          fc.property(hostileMoment(mech), (m) => {
            const decoded = decodeMoment(encodeMoment(m), def.mechanisms, limits);
            if (!decoded.ok) return; // a clear refusal is also bounded
            const d = decoded.moment;
            const maxTime = limits.maxTime(d.mechanism, d.params);
            expect(d.steps).toBeLessThanOrEqual(MAX_LINK_STEPS);
            expect(d.t).toBeLessThanOrEqual(maxTime);
            expect(d.log.length).toBeLessThanOrEqual(MAX_LOG_ENTRIES);
            for (const e of d.log) expect(e.at).toBeLessThanOrEqual(maxTime);
            if (m.scenario === 'no-such-scenario') expect(decoded.problems.join(' ')).toMatch(/scenario this lab does not have/);
            // Replay a bounded prefix (the full 200,000-step cap is exercised in the browser): with no time
            // budget every slice takes exactly one step, so the restore ends within steps + 1 slices...
            const store = createLabStore(def);
            const steps = Math.min(d.steps, 300);
            store.getState().beginMoment({ ...d, steps }, decoded.problems);
            let slices = 0;
            while (!store.getState().continueRestore(0)) slices++;
            expect(slices).toBeLessThanOrEqual(steps + 1);
            const s = store.getState();
            expect(s.restoring).toBeNull();
            expect(s.cursor.steps).toBeLessThanOrEqual(steps);
            expect(Number.isFinite(timelineEnd(def, s))).toBe(true);
            // ...at exactly the moment a direct replay reaches: `steps` steps, unless that passes the link's
            // time, which then decides (the link was inconsistent).
            const ref = new SeekableRun(s.mechanism, { mechanism: d.mechanism, seed: d.seed, params: d.params, log: d.log });
            const byStep = ref.cursorAtStep(steps);
            const want = s.mechanism.now(byStep.state) > d.t ? ref.cursorAtTime(d.t) : ref.cursorAtStep(steps, d.t);
            expect(s.cursor.steps).toBe(want.steps);
            expect(cursorTime(s)).toBe(s.mechanism.now(want.state));
          }),
          { numRuns: 10 },
        );
      });
    }
  }

  // url-fuzz seed 20261205 #713: a ServiceLab link holding 120 fan-out bursts of 400 requests (100 leaves each)
  // froze /microservices for over 10 s: a restore slice was 128 steps, and one burst step samples 40,000 latencies.
  it('url-fuzz 20261205 #713: a link of 120 fan-out bursts restores one step per slice when out of budget', () => {
    const def = labDefinitions.find((d) => d.widget === 'ServiceLab')!;
    const mech = def.mechanisms.find((m) => m.id === 'svc-fanout')!;
    const sc = mech.scenarios.find((x) => x.id === 'hedged-requests')!;
    const log = Array.from({ length: 120 }, (_, i) => [80 + i * 25, { type: 'fan/burst', count: 400 }] as const);
    const raw = encodeMoment({ mechanism: mech.id, scenario: sc.id, seed: 42, params: sc.params, log: log.map(([at, action]) => ({ at, action })), steps: 30, t: 12_000 });
    const decoded = decodeMoment(raw, def.mechanisms, linkLimits(def));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const store = createLabStore(def);
    store.getState().beginMoment(decoded.moment, decoded.problems);
    const seen: number[] = [store.getState().restoring?.done ?? 0];
    while (!store.getState().continueRestore(0)) seen.push(store.getState().restoring!.done);
    // Every slice without budget advanced exactly one step: no slice replays a run of heavy steps.
    for (let i = 1; i < seen.length; i++) expect(seen[i] - seen[i - 1]).toBe(1);
    expect(store.getState().cursor.steps).toBe(decoded.moment.steps);
  });

  it('a cancelled restore goes back to the scenario with a message', () => {
    // Raft never runs out of events (heartbeats), so 5,000 steps take several slices.
    const def = labDefinitions.find((d) => d.widget === 'RaftLab')!;
    const mech = def.mechanisms[0];
    const sc = mech.scenarios[0];
    const store = createLabStore(def);
    store.getState().beginMoment({ mechanism: mech.id, scenario: sc.id, seed: sc.seed, params: sc.params, log: sc.log, steps: 5000, t: 6000 });
    expect(store.getState().restoring).not.toBeNull();
    store.getState().cancelRestore();
    expect(store.getState().restoring).toBeNull();
    expect(store.getState().cursor.steps).toBe(0);
    expect(store.getState().problems.join(' ')).toMatch(/Stopped replaying/);
  });
});
