// Narration pacing (docs/ARCHITECTURE.md, "Narration ↔ labs contract"): a cue may set the lab's
// speed and hold it at a moment, so the picture never runs ahead of the sentence describing it.
import { describe, expect, it } from 'vitest';
import { pingLabDef as def } from './__fixtures__/pingMechanism';
import { cursorTime, createLabStore } from './store';
import { applyCueToStore, holdAt } from './useMechanismLab';
import { timeScaleOf } from './pace';

describe('cue pacing', () => {
  it('a cue sets the speed, and a cue without one puts 1× back (seeking back restores it)', () => {
    const store = createLabStore(def, 'one-ping');
    applyCueToStore(def, store, { scenario: 'one-ping', commands: [], play: true, speed: 0.5 });
    expect(store.getState().speed).toBe(0.5);
    store.getState().tick(100);
    expect(cursorTime(store.getState())).toBeCloseTo(100 * 0.5 * timeScaleOf(def, 'ping'));
    applyCueToStore(def, store, { scenario: 'one-ping', commands: [], play: true });
    expect(store.getState().speed).toBe(1);
  });

  it('hold pauses exactly at its time, however large the last frame', () => {
    const store = createLabStore(def, 'one-ping');
    store.getState().setDriver('narration');
    applyCueToStore(def, store, { scenario: 'one-ping', commands: [], play: true, hold: 12 });
    const off = holdAt(store, 12);
    store.getState().tick(50); // 5 virtual ms
    expect(store.getState().playing).toBe(true);
    store.getState().tick(400); // would reach 45 ms
    expect(store.getState().playing).toBe(false);
    expect(cursorTime(store.getState())).toBe(12);
    off();
  });

  it('hold stops watching once the reader takes over', () => {
    const store = createLabStore(def, 'one-ping');
    store.getState().setDriver('narration');
    applyCueToStore(def, store, { scenario: 'one-ping', commands: [], play: true, hold: 12 });
    holdAt(store, 12);
    store.getState().setDriver('reader');
    store.getState().tick(400);
    expect(store.getState().playing).toBe(true);
    expect(cursorTime(store.getState())).toBeGreaterThan(12);
  });

  it('a cue whose seek already passed its hold shows the hold moment, paused', () => {
    const store = createLabStore(def, 'one-ping');
    applyCueToStore(def, store, { scenario: 'one-ping', commands: [], at: 30, play: true, hold: 20 });
    expect(store.getState().playing).toBe(false);
    expect(cursorTime(store.getState())).toBe(20);
  });
});

describe('narration speeds', () => {
  it('are exactly the speeds the lab offers', async () => {
    const { SPEEDS } = await import('./store');
    const { NARRATION_LAB_SPEEDS } = await import('./labParts');
    expect([...NARRATION_LAB_SPEEDS]).toEqual([...SPEEDS]);
  });
});
