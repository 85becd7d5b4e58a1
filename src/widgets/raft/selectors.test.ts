import { describe, expect, it } from 'vitest';
import { replay } from '../../sim/raft';
import { findScenario } from '../../sim/raft';
import { cdfPoints } from './charts';
import { flightViews, invariantStatus, leaderProgress, logRows, partitionPresets, progressAt, serverViews, termColor } from './selectors';

const at = (id: string, t: number, broken = false) => {
  const sc = findScenario(id)!;
  return replay(sc.seed, { ...sc.params, brokenCommit: broken }, sc.log, t);
};

describe('Raft lab selectors', () => {
  it('positions a message by simulation time along its link', () => {
    expect(progressAt(100, 120, 100)).toBe(0);
    expect(progressAt(100, 120, 110)).toBe(0.5);
    expect(progressAt(100, 120, 200)).toBe(1);
    expect(progressAt(100, 100, 100)).toBe(1);
    const s = at('leader-election', 180);
    for (const f of flightViews(s)) expect(f.progress).toBeGreaterThanOrEqual(0);
    expect(flightViews(s).length).toBeGreaterThan(0);
  });

  it('shows the election timer only on live non-leaders, as the elapsed fraction', () => {
    const s = at('leader-election', 100);
    const v = serverViews(s);
    expect(v.every((x) => x.timer !== null && x.timer > 0 && x.timer < 1)).toBe(true);
    const after = serverViews(at('leader-election', 400));
    expect(after.find((x) => x.role === 'leader')?.timer).toBeNull();
  });

  it('reports the leader’s nextIndex/matchIndex and which entries are committed', () => {
    const s = at('minority-leader-cannot-commit', 1300);
    const lp = leaderProgress(s)!;
    expect(lp.leader).not.toBe('S2'); // the higher-term leader wins the display
    expect(lp.rows.map((r) => r.peer)).not.toContain(lp.leader);
    const rows = logRows(s);
    expect(rows.find((r) => r.id === 'S2')!.cells.every((c) => !c.committed)).toBe(true);
    expect(rows.find((r) => r.id === lp.leader)!.cells[0].committed).toBe(true);
  });

  it('marks each invariant with its first violation on the broken figure-8 run', () => {
    const ok = invariantStatus(at('figure-8', 1600));
    expect(ok.every((r) => r.first === null)).toBe(true);
    const bad = invariantStatus(at('figure-8', 1600, true));
    expect(bad.find((r) => r.id === 'leader-completeness')!.first?.t).toBe(1120);
  });

  it('offers an isolate-the-leader and a minority-leader partition', () => {
    const p = partitionPresets(at('leader-election', 600));
    expect(p[0].groups[0]).toEqual(['S2']);
    expect(p[1].groups[0]).toContain('S2');
    expect(p[1].groups[0].length).toBe(2);
  });

  it('gives distinct colours to neighbouring terms', () => {
    expect(termColor(1)).not.toBe(termColor(2));
    expect(termColor(0)).toBe('var(--fg-muted)');
  });

  it('draws an empirical CDF that ends at the fraction of uncensored trials', () => {
    const pts = cdfPoints([150, 200, Infinity, Infinity], 100, 10_000);
    expect(pts[0]).toEqual([100, 0]);
    expect(pts[pts.length - 1]).toEqual([10_000, 0.5]);
  });

  it('thins a large CDF to under half a pixel of error (soak: 6 x 1,000 trials drew 12,000 points per render)', () => {
    const sorted = Array.from({ length: 10_000 }, (_, i) => 100 + ((i * 7919) % 10_000)).sort((a, b) => a - b);
    sorted.push(Infinity);
    const pts = cdfPoints(sorted, 100, 60_000);
    expect(pts.length).toBeLessThan(1100);
    // The thinned curve at any x is at most 1/512 below the exact empirical CDF, and ends at the same height.
    const exact = (x: number) => sorted.filter((v) => v <= x).length / sorted.length;
    const drawn = (x: number) => Math.max(...pts.filter((p) => p[0] <= x).map((p) => p[1]));
    for (const x of [100, 150, 1234, 5000, 9999, 10_099, 60_000]) expect(exact(x) - drawn(x)).toBeLessThanOrEqual(1 / 512 + 1e-12);
    expect(pts[pts.length - 1]).toEqual([60_000, 10_000 / 10_001]);
  });
});
