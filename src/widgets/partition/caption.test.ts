import { describe, expect, it } from 'vitest';
import type { PartitionState } from '../../sim/partition';
import { captionsOf, firstMatch } from '../shared/captionTesting';
import { partitionCaption } from './caption';
import { partitionLabDef } from './definition';

const run = (id: string) => captionsOf<PartitionState>(partitionLabDef.mechanisms[0], id, partitionCaption, 200);

describe('partition step caption', () => {
  it('CP: the minority refuses, and the caption says why', () => {
    const steps = run('cp-minority-refuses-write');
    expect(steps[0].caption).toMatch(/^3 replicas in CP mode: every read and write must hear from a majority \(2 of 3\)/);
    expect(firstMatch(steps, /^Partition: the replicas split into \{A,B\} and \{C\}\. Only a side with 2 of 3 replicas can still serve reads and writes\.$/)?.t).toBe(100);
    expect(firstMatch(steps, /^c1's write "x" is acknowledged: a majority \(2 of 3\) stored it/)).toBeDefined();
    expect(firstMatch(steps, /^c2's write "y" failed: its replica heard from 1 of 3 replicas, fewer than the 2 CP needs, so it refused/)?.t).toBe(700);
  });

  it('AP: writes on both sides are acknowledged alone, and last writer wins loses one at the heal', () => {
    const split = run('ap-divergent-writes');
    expect(firstMatch(split, /^c2's write "y" was acknowledged at once by its own replica \(AP\)/)).toBeDefined();
    expect(firstMatch(split, /^c1's read returned x, whatever its own replica holds: while the network is split it may be stale\.$/)).toBeDefined();
    const heal = run('ap-heal-converges');
    expect(firstMatch(heal, /^The network healed\. Each replica sends what it holds to the others/)?.t).toBe(800);
    expect(firstMatch(heal, /^Write "y" \(c2\) lost: C kept concurrent "x" \(last writer wins\)\. Last writer wins keeps one of two concurrent writes/)).toBeDefined();
  });
});
