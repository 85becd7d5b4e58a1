import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGroups, parseGroups } from './actions';

const NODES = ['A', 'B', 'C', 'D', 'E', 'c1'];

describe('parseGroups (partition groups written as text)', () => {
  it('parses "A,B|C" and tolerates spaces', () => {
    expect(parseGroups('A,B|C', NODES)).toEqual([['A', 'B'], ['C']]);
    expect(parseGroups(' A , B | c1 ', NODES)).toEqual([['A', 'B'], ['c1']]);
    expect(parseGroups('A', NODES)).toEqual([['A']]);
  });

  it('rejects unknown or repeated nodes, empty groups, non-strings and oversized input', () => {
    for (const bad of ['A,Z|C', 'A,A|C', 'A|A', 'A||C', '', '|', 'A,|', 'S1,S2|S3']) expect(parseGroups(bad, NODES), bad).toBeNull();
    expect(parseGroups(42 as unknown as string, NODES)).toBeNull();
    expect(parseGroups('A,'.repeat(120), NODES)).toBeNull();
  });

  it('round-trips through formatGroups for any disjoint groups of known nodes', () => {
    const groups = fc
      .shuffledSubarray(NODES, { minLength: 1 })
      .chain((sub) => fc.array(fc.integer({ min: 1, max: Math.max(1, sub.length - 1) }), { maxLength: sub.length - 1 }).map((cuts) => ({ sub, cuts: [...new Set(cuts)].filter((c) => c < sub.length).sort((a, b) => a - b) })))
      .map(({ sub, cuts }) => [0, ...cuts].map((c, i, all) => sub.slice(c, all[i + 1] ?? sub.length)));
    fc.assert(
      fc.property(groups, (g) => {
        expect(parseGroups(formatGroups(g), NODES)).toEqual(g);
      }),
    );
  });
});
