import { describe, expect, it } from 'vitest';
import { replay } from '../../sim/core';
import { chainMechanism, chainScenarios, fanoutMechanism, fanoutScenarios, outboxMechanism, outboxScenarios, queueMechanism, queueScenarios, type QueueState } from '../../sim/service';
import { chainCaption, chainModel, fanoutCaption, fanoutModel, lagSeries, outboxCaption, outboxModel, queueCaption, queueModel } from './selectors';

const at = <M extends { id: string }>(m: M, sc: { seed: number; params: unknown; log: readonly unknown[] }, t: number) =>
  replay(m as never, { mechanism: m.id, seed: sc.seed, params: sc.params, log: sc.log as never }, t) as never;

describe('service selectors', () => {
  it('chain: the model counts outcomes and orphaned work; the caption says why a give-up matters in each mode', () => {
    const fixed = at(chainMechanism, chainScenarios[1], 1000);
    const m = chainModel(fixed);
    expect(m.hops.map((h) => h.id)).toEqual(['S1', 'S2', 'S3']);
    expect(m.hops[2].concurrency).toBe(1);
    expect(chainModel(fixed)).toBe(m); // memoised per state
    const late = at(chainMechanism, chainScenarios[1], 3000);
    expect(chainCaption(late, chainMechanism.trace(late))).toMatch(/gives up .* Nobody tells the hops/);
  });

  it('queue: lag over time rises while C2 is stopped and falls after it resumes; the DLQ lists the poison message', () => {
    const s = at(queueMechanism, queueScenarios[0], 5000) as QueueState;
    const lag = lagSeries(s, 5000, 50);
    const v = (t: number) => lag.find((p) => p.t >= t)!.lag;
    expect(v(2400)).toBeGreaterThan(v(600) + 10);
    expect(v(5000)).toBeLessThan(v(2400));
    expect(queueCaption(s, queueMechanism.trace(s))).toMatch(/Lag: \d+ messages?/);
    const p = at(queueMechanism, queueScenarios[1], 2500);
    expect(queueModel(p).dlq.map((q) => q.id)).toEqual([5]);
  });

  it('outbox: the crash caption names the lost order, the ghost, or the relay that will republish', () => {
    const crashAt = (i: number) => outboxScenarios[i].log.find((e) => e.action.type === 'node/crash')!.at;
    for (const [i, re] of [
      [0, /after committing order 2 and before publishing it/],
      [1, /after publishing event e2 and before its commit/],
      [2, /either both exist or neither does/],
      [3, /saved log position \d/],
    ] as const) {
      const s = at(outboxMechanism, outboxScenarios[i], crashAt(i));
      expect(outboxCaption(s, outboxMechanism.trace(s))).toMatch(re);
    }
    const end = at(outboxMechanism, outboxScenarios[2], 1200);
    expect(outboxModel(end).received.filter((r) => r.duplicate).map((r) => r.id)).toEqual([2]);
  });

  it('fan-out: the caption puts the simulated share beside 1 − 0.99^N, and the closed-form quantiles are cached per params', () => {
    const s = at(fanoutMechanism, fanoutScenarios[0], 50);
    const m = fanoutModel(s);
    expect(m.count).toBe(400);
    expect(m.closed!.p999).toBeGreaterThan(1700);
    expect(m.closed!.p999).toBeLessThan(1900);
    expect(fanoutCaption(s)).toMatch(/against 1 − 0\.99\^100 = 63\.4%/);
    const h = at(fanoutMechanism, fanoutScenarios[1], 50);
    expect(fanoutModel(h).extraRequestFraction).toBeGreaterThan(0.04);
    expect(fanoutModel(h).extraRequestFraction).toBeLessThan(0.06);
  });
});
