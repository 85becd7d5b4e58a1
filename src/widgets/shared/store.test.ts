import { describe, expect, it } from 'vitest';
import { pingLabDef as def } from './__fixtures__/pingMechanism';
import { createLabBus } from './labBus';
import { cursorTime, createLabStore } from './store';
import { applyCueToStore } from './useMechanismLab';

describe('lab store', () => {
  it('starts at t=0 of the requested scenario, or the default with a message', () => {
    expect(createLabStore(def, 'two-pings').getState().scenarioId).toBe('two-pings');
    const s = createLabStore(def, 'nope').getState();
    expect(s.scenarioId).toBe('one-ping');
    expect(s.problems[0]).toMatch(/Unknown scenario "nope"/);
  });

  it('steps forward and back by exactly one event', () => {
    const store = createLabStore(def, 'one-ping');
    const st = () => store.getState();
    st().stepForward();
    st().stepForward();
    const at2 = st().cursor;
    st().stepForward();
    st().stepBack();
    expect(st().cursor.state).toEqual(at2.state);
    expect(st().announcement).toMatch(/Stepped back/);
  });

  it('records reader actions at the cursor and discards the old future', () => {
    const store = createLabStore(def, 'two-pings');
    store.getState().seekTime(2);
    store.getState().act({ type: 'ping' });
    expect(store.getState().log.map((e) => e.at)).toEqual([0, 2]);
    expect(store.getState().announcement).toMatch(/ping #/);
  });

  it('plays in virtual time and stops at the end of the timeline', () => {
    const store = createLabStore(def, 'one-ping');
    store.getState().play();
    store.getState().tick(500); // 500 real ms × 0.1 = 50 virtual ms
    expect(cursorTime(store.getState())).toBeCloseTo(50);
    store.getState().tick(100_000);
    expect(store.getState().playing).toBe(false);
    expect(cursorTime(store.getState())).toBe(1000);
  });

  it('replays exactly after changing the seed and back', () => {
    const store = createLabStore(def, 'one-ping');
    store.getState().seekTime(400);
    const original = store.getState().cursor.state;
    store.getState().setSeed(99);
    store.getState().setSeed(7);
    expect(store.getState().cursor.state).toEqual(original);
  });

  it('applies a narration cue deterministically', () => {
    const a = createLabStore(def);
    const b = createLabStore(def);
    b.getState().act({ type: 'ping' }); // reader fiddled first; the cue must wipe it
    const cue = { scenario: 'two-pings', commands: [{ name: 'seek', args: ['20'] }, { name: 'ping', args: [] }], at: 300 };
    expect(applyCueToStore(def, a, cue)).toEqual([]);
    applyCueToStore(def, b, cue);
    expect(a.getState().cursor.state).toEqual(b.getState().cursor.state);
    expect(a.getState().log).toHaveLength(3);
    expect(applyCueToStore(def, a, { scenario: 'one-ping', commands: [{ name: 'explode', args: [] }] })).toEqual(['unknown command "explode"']);
  });

  it('bus: a newer registration under the same id survives the older unregister', () => {
    const bus = createLabBus();
    const h = (n: string) => ({ id: 'x', widget: n, element: () => null, applyCue: () => {}, release: () => {} });
    const off1 = bus.register(h('one'));
    bus.register(h('two'));
    off1();
    expect(bus.get('x')?.widget).toBe('two');
    const seen: string[] = [];
    const off = bus.onReaderTakeover((id) => seen.push(id));
    bus.notifyReaderTakeover('x');
    off();
    bus.notifyReaderTakeover('y');
    expect(seen).toEqual(['x']);
  });
});

describe('lab store: playback announcements', () => {
  it('summarises notable events at most every few seconds while playing', () => {
    const store = createLabStore(def, 'two-pings');
    store.getState().play();
    store.getState().tick(100);
    expect(store.getState().announcement).toBe('Playing.');
    // Sends and deliveries alone are not announced…
    for (let i = 0; i < 19; i++) store.getState().tick(100); // 2 s real, 200 ms virtual
    expect(store.getState().announcement).toBe('Playing.');
    // …but once 3 s have passed, the pongs that arrived are.
    for (let i = 0; i < 30; i++) store.getState().tick(100);
    expect(store.getState().playing).toBe(true);
    expect(store.getState().announcement).toMatch(/A got pong/);
  });
});

describe('lab store: the live region says what changed', () => {
  it('derives one sentence per change from the state before and after', () => {
    const store = createLabStore(def, 'one-ping');
    const said = (f: () => void) => {
      f();
      return store.getState().announcement;
    };
    const st = () => store.getState();
    expect(st().announcement).toBe('Loaded scenario: One ping.');
    expect(said(() => st().seekTime(300))).toMatch(/^At t=300 ms, after \d+ events\.$/);
    expect(said(() => st().setSeed(3))).toBe('Seed 3; replayed to t=300 ms.');
    expect(said(() => st().setParams({ latency: 200 }))).toBe('Settings changed; replayed to t=300 ms.');
    expect(said(() => st().setSpeed(2))).toBe('Speed 2×.');
    expect(said(() => st().play())).toBe('Playing.');
    expect(said(() => st().pause())).toBe('Paused at t=300 ms.');
    expect(said(() => st().reset())).toBe('Reset to the start of: One ping.');
    expect(said(() => st().stepBack())).toBe('Already at the start.');
    expect(said(() => st().loadScenario('two-pings'))).toBe('Loaded scenario: Two pings.');
    expect(said(() => st().act({ type: 'nonsense' }))).toBe('That action is not valid here.');
    st().seekTime(5000);
    expect(said(() => st().stepForward())).toMatch(/^Nothing more happens; t=\d+ ms\.$/);
  });
});
