import { describe, expect, it } from 'vitest';
import { breakerMechanism as m, type CallerState } from '../../sim/breaker';
import { bandSegments, chartPoints, whatHappened, workerCells } from './selectors';

function at(id: string, t: number): CallerState {
  const sc = m.scenarios.find((s) => s.id === id)!;
  let s = m.init(sc.seed, sc.params);
  for (const e of sc.log) if (e.at <= t) s = m.apply(m.advanceTo(s, e.at), e.action);
  return m.advanceTo(s, t);
}

describe('breaker selectors', () => {
  it('the caption explains the cascade: every worker busy, B waiting behind A', () => {
    const s = at('cascade-no-breaker', 7000);
    expect(whatHappened(s, m.trace(s))).toMatch(/every worker was busy.*B waits behind A/);
    expect(workerCells(s).every((c) => c.kind !== 'idle')).toBe(true);
  });
  it('before the first second has figures, the caption says how busy the pool is now, so steps read differently', () => {
    const sc = m.scenarios[0]!;
    let s = m.init(sc.seed, sc.params);
    const seen = new Set<string>();
    for (let i = 0; i < 60 && s.now < 900; i++) {
      s = m.next(s);
      seen.add(whatHappened(s, m.trace(s)));
    }
    expect([...seen].every((c) => /Right now \d+ of 20 workers (is|are) busy with calls\.$/.test(c))).toBe(true);
    expect(seen.size).toBeGreaterThan(1);
  });
  it('the caption names the health change and its consequence right after it', () => {
    const s = at('cascade-no-breaker', 3200);
    expect(whatHappened(s, m.trace(s))).toMatch(/^At 3\.0 s the dependency turned slow.*holds a worker until the 2 s call timeout/);
  });
  it('the state band covers [0, now] without gaps for each breaker', () => {
    const s = at('flapping', 12_000);
    const segs = bandSegments(s);
    expect(segs[0]!.from).toBe(0);
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.from).toBe(segs[i - 1]!.to);
    expect(segs[segs.length - 1]!.to).toBe(12_000);
    expect(new Set(segs.map((x) => x.mode))).toEqual(new Set(['CLOSED', 'OPEN', 'HALF_OPEN']));
  });
  it('chart points leave out the unfinished second and keep success rates in [0, 1]', () => {
    const s = at('breaker-fails-fast', 20_500);
    const pts = chartPoints(s.series, s.now);
    expect(pts).toHaveLength(20);
    for (const p of pts) for (const v of [p.successA, p.successB]) if (v !== null) expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(1);
  });
});
