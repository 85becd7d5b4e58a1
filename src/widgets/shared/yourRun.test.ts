import { describe, expect, it } from 'vitest';
import { partitionLabDef } from '../partition/definition';
import { createLabStore } from './store';
import { describeChanges, describeLog, runChanges } from './yourRun';
import { applyCueToStore } from './useMechanismLab';

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

  it('while narration drives, a cue with its own commands is the narration’s run, named with what it did', () => {
    const def = partitionLabDef;
    const store = createLabStore(def, 'cp-minority-refuses-write');
    store.getState().setDriver('narration');
    applyCueToStore(def, store, { scenario: 'cp-minority-refuses-write', commands: [{ name: 'seek', args: ['20'] }] });
    expect(runChanges(store.getState(), def)).toBeNull(); // seeking is not a change: the scenario's text stands
    applyCueToStore(def, store, { scenario: 'cp-minority-refuses-write', commands: [{ name: 'partition', args: ['A,B|C'] }, { name: 'write', args: ['c2', 'y'] }] });
    const s = store.getState();
    const c = runChanges(s, def)!;
    expect(c.actions).toBe(true);
    const text = describeChanges(c, 'narration', describeLog(s.log, (a) => a.type));
    expect(text).toBe("The narration's run: it set up its own actions (net/partition at 0 ms; client/write at 0 ms), so the scenario's description does not apply; the narration says what it shows.");
  });
});
