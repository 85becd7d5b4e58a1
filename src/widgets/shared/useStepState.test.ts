import { describe, expect, it } from 'vitest';
import { cursorTime } from './store';
import { createLabStore } from './store';
import { selectStepState } from './useStepState';
import { pingLabDef } from './__fixtures__/pingMechanism';

describe('selectStepState', () => {
  it('keeps one state reference between steps and changes it when a step happens or the run changes', () => {
    const store = createLabStore(pingLabDef);
    const s0 = selectStepState(store, store.getState());
    expect(selectStepState(store, store.getState())).toBe(s0);
    // Moving the clock without an event (a frame of playback) keeps the step state.
    const before = store.getState().cursor;
    store.getState().seekTime(cursorTime(store.getState()) + 0.001);
    expect(store.getState().cursor.steps).toBe(before.steps);
    expect(store.getState().cursor.state).not.toBe(before.state);
    expect(selectStepState(store, store.getState())).toBe(s0);
    // Step forward until an event changes the step count.
    store.getState().stepForward();
    const s1 = selectStepState(store, store.getState());
    expect(s1).not.toBe(s0);
    expect(s1).toBe(store.getState().cursor.state);
    // A new seed is a new run, even at the same step count.
    store.getState().setSeed(store.getState().seed + 1);
    expect(selectStepState(store, store.getState())).toBe(store.getState().cursor.state);
  });
});
