/**
 * Properties of the idempotency core over random fault schedules (src/sim/idempotency/faults.ts):
 * the invariant with keys, and the counterexamples that show each ingredient is needed.
 * Seed counts are stated in each test; the whole file runs in a few seconds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replay } from '../core/replay';
import { faultTrial } from './faults';
import { idemConfigs, runTrial, type IdemConfig } from './experiment';
import { clientOf, consumerOf, effectCounts, idemMechanism, paymentViews, retryHorizon, serverOf, type IdemState } from '.';

const cfg = (id: string): IdemConfig => {
  const c = idemConfigs.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
};

describe('the idempotency invariant', () => {
  it('keys + atomic recording + retention ≥ retry horizon: every fault schedule charges each payment exactly once (1,000 seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 6 }), fc.double({ min: 1, max: 2, noNaN: true }), (seed, faults, stretch) => {
        const base = faultTrial(seed, 0, 'api', faults);
        const retention = retryHorizon(base.params) * stretch;
        const r = runTrial(seed, 0, { ...cfg('key-atomic'), patch: { keys: true, atomic: true, retention } }, faults);
        for (const v of paymentViews(r.state)) {
          expect(v.charges.length).toBe(1);
          // The client learnt the charge that was made, whether fresh or replayed.
          expect(v.payment.status).toBe('ok');
          expect(v.payment.charge).toBe(v.charges[0].id);
        }
        // Nothing is left in flight on the server.
        expect(serverOf(r.state)?.jobs).toEqual([]);
      }),
      { numRuns: 1000, seed: 20260514 },
    );
  });

  it('at-least-once delivery + a deduplicating consumer: every message takes effect exactly once (1,000 seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 6 }), (seed, faults) => {
        const r = runTrial(seed, 0, cfg('consumer-dedup'), faults);
        for (const c of effectCounts(r.state)) {
          expect(c.effects).toBe(1);
          expect(c.acked).toBe(true);
        }
        expect(consumerOf(r.state)?.current).toBeNull();
      }),
      { numRuns: 1000, seed: 20260515 },
    );
  });

  it('every request reaches the server within the retry horizon of its payment’s first attempt (300 traced seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const t = faultTrial(seed, 0, 'api', 4);
        const s = replay(idemMechanism, { mechanism: 'idempotency', seed: t.seed, params: t.params, log: t.log }, t.until) as IdemState;
        const start = new Map((clientOf(s)?.payments ?? []).map((p) => [p.id, p.start]));
        const h = retryHorizon(t.params);
        for (const e of idemMechanism.trace(s)) {
          const d = e.data as { type?: string; payment?: string } | undefined;
          if (e.kind === 'deliver' && e.node === 'S' && d?.type === 'pay') expect(e.t - (start.get(d.payment ?? '') ?? -Infinity)).toBeLessThanOrEqual(h);
        }
      }),
      { numRuns: 300, seed: 20260516 },
    );
  });

  it('replays exactly: the same trial twice gives deep-equal states', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(...idemConfigs), (seed, c) => {
        expect(runTrial(seed, 3, c, 5).state).toEqual(runTrial(seed, 3, c, 5).state);
      }),
      { numRuns: 100, seed: 20260517 },
    );
  });
});

describe('each ingredient is needed (counterexamples found by search)', () => {
  const count = (id: string, n: number) => {
    let dup = 0;
    for (let i = 0; i < n; i++) if (runTrial(7, i, cfg(id), 4).duplicated > 0) dup++;
    return dup;
  };

  it('without keys, without atomic recording, with short retention, and without a deduplicating consumer, some of 300 schedules apply an operation twice', () => {
    expect(count('no-key', 300)).toBeGreaterThan(30);
    expect(count('key-not-atomic', 300)).toBeGreaterThan(0);
    expect(count('key-short-retention', 300)).toBeGreaterThan(0);
    expect(count('consumer-no-dedup', 300)).toBeGreaterThan(30);
  });

  it('with keys but no atomicity, every double charge needs a server crash (the in-memory lock covers concurrency) (300 seeds)', () => {
    for (let i = 0; i < 300; i++) {
      const r = runTrial(11, i, cfg('key-not-atomic'), 4);
      if (r.duplicated === 0) continue;
      expect(faultTrial(11, i, 'api', 4).log.some((e) => e.action.type === 'node/crash')).toBe(true);
    }
  });

  // Seeds found by `npm run experiment -- idempotency --trials=1000` (firstDuplicateTrial), kept as named regressions.
  it('regression (seed 1, trial 15): key recorded after the charge; S crashes in the window and the retry charges again', () => {
    const t = faultTrial(1, 15, 'api', 4);
    expect(t.faults).toContain('S down 465.5–634.2');
    const bad = runTrial(1, 15, cfg('key-not-atomic'), 4);
    const v = paymentViews(bad.state).find((x) => x.charges.length > 1);
    expect(v?.charges.length).toBe(2);
    expect(v?.charges[0].key).toBe(v?.charges[1].key);
    expect(runTrial(1, 15, cfg('key-atomic'), 4).duplicated).toBe(0);
  });

  it('regression (seed 1, trial 30): a reply delayed past the timeout, and a key kept 300 ms, purged before the retry', () => {
    const t = faultTrial(1, 30, 'api', 4);
    expect(t.faults[0]).toMatch(/^S→C delayed/);
    expect(runTrial(1, 30, cfg('key-short-retention'), 4).duplicated).toBe(1);
    expect(runTrial(1, 30, cfg('key-atomic'), 4).duplicated).toBe(0);
  });

  it('regression (seed 1, trial 1): no faults at all, but a slow server (work 240 ms > timeout 200 ms) and no key charge twice', () => {
    const t = faultTrial(1, 1, 'api', 4);
    expect(t.faults).toEqual([]);
    expect(runTrial(1, 1, cfg('no-key'), 4).duplicated).toBe(1);
    expect(runTrial(1, 1, cfg('key-atomic'), 4).duplicated).toBe(0);
  });
});
