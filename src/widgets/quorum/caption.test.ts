import { describe, expect, it } from 'vitest';
import type { QuorumState } from '../../sim/quorum';
import { captionsOf, firstMatch } from '../shared/captionTesting';
import { quorumCaption } from './caption';
import { quorumLabDef } from './definition';

const mech = quorumLabDef.mechanisms[0];
const run = (id: string) => captionsOf<QuorumState>(mech, id, quorumCaption, 200);

describe('quorum step caption', () => {
  it('states the rule before anything happens, then the write committing at W acks', () => {
    const steps = run('overlap-reads-latest');
    expect(steps[0].caption).toBe('3 replicas; a write needs 2 acknowledgements and a read 2 replies. R + W = 4 > N = 3, so every read quorum overlaps every write quorum.');
    expect(firstMatch(steps, /^c1 sent a new version to all 3 replicas; the write counts as committed after 2 acknowledgements\.$/)?.t).toBe(0);
    expect(firstMatch(steps, /^c1 has 2 acknowledgements for v1, so the write is committed: W = 2 of 3 replicas store it, and any R replicas include at least one of them\.$/)).toBeDefined();
    expect(firstMatch(steps, /^c2 read v1, the newest of its 2 replies; R \+ W > N, so its replies overlap the replicas of every committed write\.$/)).toBeDefined();
  });

  it('calls a read that misses the latest write stale when R + W ≤ N', () => {
    const steps = run('no-overlap-stale-read');
    expect(steps[0].caption).toMatch(/a write needs 1 acknowledgement and a read 1 reply\. R \+ W = 2 ≤ N = 3, so a read quorum can miss the latest write\.$/);
    expect(firstMatch(steps, /^c2 read v0, from its only reply; because R \+ W ≤ N, its one reply came from a replica that missed v1: a stale read\.$/)).toBeDefined();
  });

  it('does not blame the quorum rule for missing a write still in flight', () => {
    const steps = run('concurrent-reads-disagree');
    expect(firstMatch(steps, /^c3 read v0, the newest of its 2 replies; it missed v1, which a write is still spreading/)).toBeDefined();
  });

  it('explains a lost write across the partition and read repair after the heal', () => {
    const steps = run('read-repair-heals');
    expect(firstMatch(steps, /^A write v1 message from c1 to C was lost \(the link is cut\)/)).toBeDefined();
    expect(firstMatch(steps, /^C was behind, so the reader sent it v1 \(read repair\)/)).toBeDefined();
  });
});
