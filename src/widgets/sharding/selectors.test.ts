import { describe, expect, it } from 'vitest';
import { initSharding, applyShardAction, shardingDefaults } from '../../sim/sharding';
import { MAX_ARCS, balance, circleModel, movedSummary, shardCaption } from './selectors';

describe('sharding selectors', () => {
  it('ring arcs cover the circle once, and huge rings are drawn as at most 720 bins', () => {
    for (const vnodes of [1, 8, 1000]) {
      const m = circleModel(initSharding(1, { ...shardingDefaults, vnodes }));
      const total = m.arcs.reduce((a, x) => a + (x.to - x.from), 0);
      expect(total).toBeCloseTo(1, 9);
      expect(m.arcs.length).toBeLessThanOrEqual(MAX_ARCS);
    }
  });
  it('moved keys carry their destination; the summary counts them per node', () => {
    const s = applyShardAction(initSharding(1, shardingDefaults), { type: 'shard/add' });
    const moved = circleModel(s).keys.filter((k) => k.moved);
    const m = movedSummary(s)!;
    expect(moved.length).toBe(m.count);
    expect(m.to).toEqual([['E', m.count]]);
    expect(shardCaption(s)).toMatch(/^E joined: \d+ of 400 keys moved/);
  });
  it('balance rows add up to every key and every request', () => {
    const b = balance(initSharding(2, { ...shardingDefaults, zipf: 1.1 }));
    expect(b.rows.reduce((a, r) => a + r.keys, 0)).toBe(400);
    expect(b.rows.reduce((a, r) => a + r.requests, 0)).toBeCloseTo(1, 9);
    expect(b.rows.filter((r) => r.hottest)).toHaveLength(1);
  });
});

describe('the spread-against-points curve', () => {
  it('falls with k and tracks the closed form within a factor of two at every k', async () => {
    const { vnodeCurve } = await import('./selectors');
    const c = vnodeCurve(4, 1);
    expect(c[c.length - 1].measured).toBeLessThan(c[0].measured / 10);
    for (const p of c) {
      expect(p.measured / p.expected).toBeGreaterThan(0.5);
      expect(p.measured / p.expected).toBeLessThan(2);
    }
  });
});
