import { describe, expect, it } from 'vitest';
import { partitionLabDef } from '../partition/definition';
import { createLabStore } from './store';
import { describeChanges, runChanges } from './yourRun';

describe('your run (issue 12: a stale scenario description after the reader changes the run)', () => {
  it('is the scenario until the reader changes settings, seed or actions', () => {
    const store = createLabStore(partitionLabDef, 'cp-minority-refuses-write');
    const def = partitionLabDef;
    expect(runChanges(store.getState(), def)).toBeNull();
    store.getState().seekTime(500);
    store.getState().play();
    store.getState().tick(100);
    expect(runChanges(store.getState(), def)).toBeNull();
    store.getState().setParams({ ...store.getState().params, mode: 'AP', replicas: 5 });
    const c = runChanges(store.getState(), def)!;
    expect(c.settings).toBe(true);
    expect(describeChanges(c)).toMatch(/^Your run: you changed the settings/);
    store.getState().reset();
    expect(runChanges(store.getState(), def)).toBeNull();
    store.getState().act({ type: 'net/heal' });
    expect(runChanges(store.getState(), def)?.actions).toBe(true);
    store.getState().loadScenario('ap-divergent-writes');
    expect(runChanges(store.getState(), def)).toBeNull();
  });
});
