// The store's stated invariant, as a model-based test (fast-check commands): after any sequence of
// reader and narration actions, the state under the cursor is the replay of (seed, params, log) from
// scratch up to the cursor, the log changes only where the reader acted, and every change leaves a
// sentence in the live region.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeekableRun, type LogEntry, type Tagged } from '../../sim/core';
import { pingLabDef as def, pingMechanism, type PingParams } from './__fixtures__/pingMechanism';
import { createLabStore, cursorTime, type LabStore } from './store';

/** What the test expects the store to hold, kept independently of it. */
interface Model {
  scenario: string;
  seed: number;
  params: PingParams;
  log: LogEntry<Tagged>[];
}
type Real = LabStore;
type Cmd = fc.Command<Model, Real>;

const scenarioOf = (id: string) => pingMechanism.scenarios.find((s) => s.id === id)!;

/** The invariant: the cursor's state is a fresh replay up to the cursor (steps, then the clock). */
function checkInvariant(m: Model, r: Real) {
  const s = r.getState();
  expect(s.seed).toBe(m.seed);
  expect(s.params).toEqual(m.params);
  expect(s.log).toEqual(m.log);
  const fresh = new SeekableRun(pingMechanism, { mechanism: 'ping', seed: m.seed, params: m.params, log: m.log }).cursorAtStep(s.cursor.steps, cursorTime(s));
  expect(s.cursor.logIdx).toBe(fresh.logIdx);
  expect(s.cursor.state).toEqual(fresh.state);
  expect(s.announcement.length).toBeGreaterThan(0);
}

const command = (name: string, run: (m: Model, r: Real) => void): Cmd => ({
  check: () => true,
  run(m, r) {
    run(m, r);
    checkInvariant(m, r);
  },
  toString: () => name,
});

const commands: fc.Arbitrary<Cmd>[] = [
  fc.constant(command('stepForward', (_m, r) => r.getState().stepForward())),
  fc.constant(command('stepBack', (_m, r) => r.getState().stepBack())),
  fc.integer({ min: 0, max: 1200 }).map((t) => command(`seekTime(${t})`, (_m, r) => r.getState().seekTime(t))),
  fc.integer({ min: 0, max: 2000 }).map((ms) =>
    command(`play+tick(${ms})`, (_m, r) => {
      r.getState().play();
      r.getState().tick(ms);
    }),
  ),
  fc.constant(command('pause', (_m, r) => r.getState().pause())),
  fc.constant(
    command('act(ping)', (m, r) => {
      const s = r.getState();
      const t = cursorTime(s);
      // The reader's action lands at the cursor's time; whatever was logged after the cursor is discarded.
      const settled = new SeekableRun(pingMechanism, { mechanism: 'ping', seed: m.seed, params: m.params, log: m.log }).advance(s.cursor, t);
      m.log = [...m.log.slice(0, settled.logIdx), { at: t, action: { type: 'ping' } }];
      s.act({ type: 'ping' });
    }),
  ),
  fc.nat({ max: 1000 }).map((seed) =>
    command(`setSeed(${seed})`, (m, r) => {
      m.seed = seed;
      r.getState().setSeed(seed);
    }),
  ),
  fc.integer({ min: 1, max: 1000 }).map((latency) =>
    command(`setParams(${latency})`, (m, r) => {
      m.params = { latency };
      r.getState().setParams({ latency });
    }),
  ),
  fc.constantFrom('one-ping', 'two-pings').map((id) =>
    command(`loadScenario(${id})`, (m, r) => {
      const sc = scenarioOf(id);
      Object.assign(m, { scenario: id, seed: sc.seed, params: sc.params, log: [...sc.log] });
      r.getState().loadScenario(id);
    }),
  ),
  fc.constant(
    command('reset', (m, r) => {
      const sc = scenarioOf(m.scenario);
      Object.assign(m, { seed: sc.seed, params: sc.params, log: [...sc.log] });
      r.getState().reset();
    }),
  ),
];

describe('lab store (model-based)', () => {
  it('state = replay(seed, params, log) up to the cursor, after any sequence of actions', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 30 }), (cmds) => {
        const sc = scenarioOf('one-ping');
        const model: Model = { scenario: sc.id, seed: sc.seed, params: sc.params, log: [...sc.log] };
        fc.modelRun(() => ({ model, real: createLabStore(def, sc.id) }), cmds);
      }),
      { numRuns: 150 },
    );
  });
});
