import { describe, expect, it } from 'vitest';
import { kStalenessConsistent } from '../../sim/quorum';
import { closedLabels } from './pbsChart';

const closedFor = (n: number, w: number, r: number) => [1, 2, 3].map((k, i) => ({ k, p: kStalenessConsistent(n, w, r, k), y: 20 + i * 2 }));

describe('closed-form chart labels (issue 12: three "k = 1, 2, 3: 100%" labels on one spot)', () => {
  it('a strict quorum prints one label for the three equal lines', () => {
    const ls = closedLabels(closedFor(3, 2, 2).map((c) => ({ ...c, y: 20 })));
    expect(ls).toHaveLength(1);
    expect(ls[0].text).toMatch(/^closed form, k = 1, 2, 3: 100/);
  });
  it('distinct values that sit close get labels at least one line apart', () => {
    const ls = closedLabels([
      { k: 1, p: 0.5, y: 100 },
      { k: 2, p: 0.75, y: 102 },
      { k: 3, p: 0.875, y: 104 },
    ]);
    expect(ls).toHaveLength(3);
    const ys = ls.map((l) => l.y).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(11);
  });
});
