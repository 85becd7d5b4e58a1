import { describe, expect, it } from 'vitest';
import { history } from '../../sim/consistency';
import { barLabel, clientLanes, freshValue, orderText, verdicts, violationFor } from './selectors';

describe('consistency lab selectors', () => {
  const h = history([
    ['c1', 'w', 1, 0, 10],
    ['c3', 'cas', 1, 2, true, 20, null],
    ['c2', 'r', 0, 20, 30],
  ]);
  it('labels bars compactly, marking unknown outcomes', () => {
    expect(h.ops.map(barLabel)).toEqual(['w(1)', 'cas(1→2)?', 'r→0']);
  });
  it('always offers lanes c1 and c2, plus every client in use', () => {
    expect(clientLanes(h.ops)).toEqual(['c1', 'c2', 'c3']);
    expect(clientLanes([])).toEqual(['c1', 'c2']);
  });
  it('picks a value no operation has used', () => {
    expect(freshValue(h.ops)).toBe(3);
  });
  it('gives the violation of the failing level and none for a level that holds', () => {
    const c = verdicts(h);
    expect(c.strongest).toBe('sequential');
    expect(violationFor(h, c, 'linearizable')).toEqual([0, 2]);
    expect(violationFor(h, c, 'sequential')).toBeNull();
    // The unknown-outcome cas may take effect at the end; the order shows it with a question mark.
    expect(orderText(h, c.levels[1].order!)).toBe('c2: read(x) → 0  ⟶  c1: write(1)  ⟶  c3: cas(1→2) ?');
  });
});
