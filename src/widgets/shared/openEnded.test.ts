import { describe, expect, it } from 'vitest';
import { leaderOf } from '../../sim/raft';
import { raftLabDef } from '../raft/definition';
import { quorumLabDef } from '../quorum/definition';
import { pingLabDef } from './__fixtures__/pingMechanism';
import { cursorTime, createLabStore, runTimeLimit, timelineEnd } from './store';
import { timeScaleOf } from './pace';

// Issue 12: every lab stopped at a fixed timeline end. Isolate the Raft leader at the end and press
// Play: nothing happened. Now the run goes on while anything is pending, and stops when quiet.
describe('open-ended playback', () => {
  it('Raft: after the leader is isolated at the end, play runs past 1,500 ms and a new leader is elected', () => {
    const store = createLabStore(raftLabDef, 'leader-election');
    const st = () => store.getState();
    st().seekTime(timelineEnd(raftLabDef, st()));
    const leader = leaderOf(st().cursor.state.world)!;
    const ids = st().cursor.state.world.nodeIds;
    st().act({ type: 'net/partition', groups: [[leader], ids.filter((i) => i !== leader)] });
    expect(st().log.length).toBeGreaterThan(0);
    const end = timelineEnd(raftLabDef, st());
    st().play();
    const frame = 50 / timeScaleOf(raftLabDef, 'raft'); // real ms per 50 virtual ms at 1× (shared/pace.ts)
    for (let i = 0; i < 40; i++) st().tick(frame); // 40 × 50 virtual ms = 2,000 ms
    expect(st().playing).toBe(true);
    expect(cursorTime(st())).toBeGreaterThan(end + 1000);
    const now = leaderOf(st().cursor.state.world);
    expect(now).toBeDefined();
    expect(now).not.toBe(leader);
  });

  it('Raft, never quiet, stops at the run time limit instead of growing forever (soak: ~4.7 MB a minute at 8x)', () => {
    const store = createLabStore(raftLabDef, 'leader-election');
    const st = () => store.getState();
    const limit = runTimeLimit(raftLabDef, 'raft', st().params);
    st().setSpeed(8);
    const frame = 100 / timeScaleOf(raftLabDef, 'raft');
    // Play past the scenario's own stop, then on for as long as it goes.
    for (let round = 0; round < 2; round++) {
      st().play();
      for (let frames = 0; frames < 10_000 && st().playing; frames++) st().tick(frame);
    }
    expect(st().playing).toBe(false);
    expect(cursorTime(st())).toBe(limit);
    expect(st().announcement).toMatch(/end of this lab's sandbox/);
  });

  it('a world with nothing pending still stops at the end', () => {
    const store = createLabStore(pingLabDef, 'one-ping');
    store.getState().play();
    store.getState().tick(100_000);
    expect(store.getState().playing).toBe(false);
  });

  it('quorum: a scenario stops once its requests are answered, however long it plays', () => {
    const store = createLabStore(quorumLabDef);
    store.getState().play();
    for (let i = 0; i < 200 && store.getState().playing; i++) store.getState().tick(1000);
    expect(store.getState().playing).toBe(false);
  });
});
