import { describe, expect, it } from 'vitest';
import { SeekableRun } from '../../sim/core';
import { partitionMechanism as mech, type PartitionState } from '../../sim/partition';
import { clusterModel, describePartitionAction, nextValue, opRows, partitionPresets } from './selectors';

const at = (id: string, t: number) => {
  const sc = mech.scenarios.find((s) => s.id === id)!;
  return new SeekableRun(mech, { mechanism: mech.id, seed: sc.seed, params: sc.params, log: sc.log }).stateAt(t);
};

describe('partition selectors (derived from the world state)', () => {
  it('ap-heal-converges: the lost write is called out, the stale read marked, newest first', () => {
    const rows = opRows(at('ap-heal-converges', 1500));
    expect(rows[0].text).toMatch(/c2 via C: read → x/);
    expect(rows.find((r) => /write "y"/.test(r.text))!).toMatchObject({ tone: 'bad' });
    expect(rows.find((r) => /write "y"/.test(r.text))!.text).toMatch(/acknowledged, then LOST \(overwritten by concurrent "x"\)/);
    expect(rows.some((r) => /STALE/.test(r.text) && r.tone === 'warn')).toBe(true);
  });

  it('cp-minority-refuses-write: the minority replica is badged, the refused request shown, doomed messages red', () => {
    const s = at('cp-minority-refuses-write', 260);
    const m = clusterModel(s);
    expect(m.groups).toEqual([['A', 'B'], ['C']]);
    expect(m.nodes.find((n) => n.id === 'C')!.badge).toBe('minority');
    expect(m.nodes.find((n) => n.id === 'A')!.badge).toBeUndefined();
    expect(m.messages.some((x) => x.tone === 'bad')).toBe(true);
    const done = at('cp-minority-refuses-write', 1600);
    expect(opRows(done).some((r) => /c2 via C: write "y" — refused: no majority/.test(r.text))).toBe(true);
    expect(clusterModel(done).nodes.find((n) => n.id === 'c2')!.lines).toEqual(['✗ read refused']);
  });

  it('siblings show as a conflict after the heal; presets and labels follow the replicas', () => {
    const sc = mech.scenarios.find((s) => s.id === 'ap-divergent-writes')!;
    const s = new SeekableRun(mech, { mechanism: mech.id, seed: sc.seed, params: sc.params, log: [...sc.log, { at: 1000, action: { type: 'net/heal' } }] }).stateAt(2000);
    const a = clusterModel(s).nodes.find((n) => n.id === 'A')!;
    expect(a).toMatchObject({ lines: ['x | y', 'conflict'], tone: 'warn' });
    expect(clusterModel(s).groups).toBeNull();
    expect(nextValue(s)).toBe('z');
    expect(partitionPresets(s).map((p) => p.label)).toEqual(['Split A,B | C', 'Isolate A']);
    expect(describePartitionAction({ type: 'node/crash', node: 'B' } as never)).toBe('crash B');
  });
});
