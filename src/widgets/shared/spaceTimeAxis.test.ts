import { describe, expect, it } from 'vitest';
import { axisEnd } from './SpaceTimeDiagram';

describe('axisEnd (the space-time diagram redraws its finished arrows rarely)', () => {
  it('is the timeline end while the cursor is before it, and round ends stay put at the end', () => {
    expect(axisEnd(1500, 10)).toBe(1500);
    expect(axisEnd(300, 300)).toBe(300);
    expect(axisEnd(1500, 1500)).toBe(1500);
    expect(axisEnd(2000, 2000)).toBe(2000);
  });
  it('past the end it covers the cursor and changes only in steps, not every frame', () => {
    const edges = new Set<number>();
    for (let t = 1500; t <= 2500; t += 16 * 0.1) {
      const e = axisEnd(t, t); // an open-ended run: the end follows the cursor
      expect(e).toBeGreaterThanOrEqual(t);
      edges.add(e);
    }
    expect(edges.size).toBeLessThanOrEqual(5);
  });
});
