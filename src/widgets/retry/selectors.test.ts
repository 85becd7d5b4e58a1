import { describe, expect, it } from 'vitest';
import { replay } from '../../sim/core';
import { ampMechanism, contentionMechanism, msMechanism } from '../../sim/retry';
import { ampCaption, ampColumns, attempts, contentionCaption, msCaption, msNow, strategyRule } from './selectors';

const at = <S,>(m: { id: string; scenarios: readonly { id: string; seed: number; params: unknown; log: readonly unknown[] }[] } & Parameters<typeof replay>[0], id: string, t: number) => {
  const sc = m.scenarios.find((x) => x.id === id)!;
  return replay(m, { mechanism: m.id, seed: sc.seed, params: sc.params, log: sc.log as never }, t) as S;
};

describe('RetryLab selectors', () => {
  it('contention: the raster has one mark per write attempt, and the caption follows the trace', () => {
    const s = at<ReturnType<typeof contentionMechanism.init>>(contentionMechanism as never, 'contention-exponential', 1e9);
    const marks = attempts(contentionMechanism.trace(s));
    expect(marks).toHaveLength(s.calls);
    expect(marks.filter((m) => m.ok)).toHaveLength(10);
    expect(contentionCaption(s, contentionMechanism.trace(s))).toMatch(new RegExp(`^All 10 clients are done: ${s.calls} write attempts`));
    const early = at<ReturnType<typeof contentionMechanism.init>>(contentionMechanism as never, 'contention-exponential', 0);
    expect(contentionCaption(early, [])).toMatch(/same moment/);
  });
  it('strategy rules name the bound of the wait', () => {
    expect(strategyRule('exponential', 2, 5, 2000)).toBe('exactly 20 ms, the same as every other client on retry 2');
    expect(strategyRule('full', 1, 5, 2000)).toBe('a random time between 0 and 10 ms (full jitter)');
  });
  it('amplification: k³ per request in the left column once the database is down for a while', () => {
    const s = at<ReturnType<typeof ampMechanism.init>>(ampMechanism as never, 'amplification-database-down', 3950);
    const [every, one, budget] = ampColumns(s);
    expect(every!.received[2]! / every!.received[0]!).toBeGreaterThan(8); // database calls per edge call, rising toward 9
    expect(one!.perRequest[2]).toBeLessThan(3.01);
    expect(budget!.perRequest[2]).toBeLessThan(1.5);
    expect(ampCaption(s)).toMatch(/^The database is failing/);
  });
  it('metastable: the caption tells healthy, triggered, stuck and recovered apart', () => {
    const cap = (id: string, t: number) => {
      const s = at<ReturnType<typeof msMechanism.init>>(msMechanism as never, id, t);
      return msCaption(s, msMechanism.trace(s));
    };
    expect(cap('metastable-stuck', 1500)).toMatch(/^Healthy: /);
    expect(cap('metastable-stuck', 3000)).toMatch(/^Trigger: /);
    expect(cap('metastable-stuck', 12_000)).toMatch(/yet goodput is/);
    expect(cap('metastable-fix-shedding', 15_000)).toMatch(/^Recovered: .*shedding/);
    const s = at<ReturnType<typeof msMechanism.init>>(msMechanism as never, 'metastable-stuck', 12_000);
    expect(msNow(s).offered).toBeGreaterThan(msNow(s).capacity);
  });
});
