import { describe, expect, it } from 'vitest';
import { replay } from '../core/replay';
import { parseExperimentParams, runExperiment } from '../core/experiment';
import {
  brokerOf,
  clientOf,
  consumerOf,
  duplicateCharges,
  duplicateEffects,
  idemDefaults,
  idemMechanism,
  idemScenarios,
  paymentViews,
  retryHorizon,
  sanitizeIdemParams,
  serverOf,
  type IdemParams,
  type IdemState,
} from '.';
import { idempotencyExperiment } from './experiment';
import { findExperiment } from '../experiments';

function run(id: string, patch: Partial<IdemParams> = {}, t?: number): IdemState {
  const sc = idemScenarios.find((s) => s.id === id);
  if (!sc) throw new Error(id);
  return replay(idemMechanism, { mechanism: 'idempotency', seed: sc.seed, params: { ...sc.params, ...patch }, log: sc.log }, t ?? sc.until ?? 500) as IdemState;
}

const chargesOf = (s: IdemState, payment = 'p1') => paymentViews(s).find((v) => v.payment.id === payment)?.charges.map((c) => c.id);

describe('idempotency scenarios', () => {
  it('no key: a lost reply and a retry charge the card twice', () => {
    const s = run('no-key-double-charge');
    expect(chargesOf(s)).toEqual(['ch_1', 'ch_2']);
    expect(duplicateCharges(s)).toBe(1);
    expect(clientOf(s)?.payments[0]).toMatchObject({ status: 'ok', charge: 'ch_2', replayed: false });
  });

  it('with a key: the retry is answered with the stored outcome and nothing new is charged', () => {
    const s = run('key-replays-outcome');
    expect(chargesOf(s)).toEqual(['ch_1']);
    expect(clientOf(s)?.payments[0]).toMatchObject({ status: 'ok', charge: 'ch_1', replayed: true });
    expect(serverOf(s)?.keys).toMatchObject([{ key: 'k1', charge: 'ch_1', amount: 80 }]);
  });

  it('a retry while the first attempt runs gets 409 and never runs twice', () => {
    const s = run('retry-while-in-progress');
    const p = clientOf(s)?.payments[0];
    expect(p?.attempts.map((a) => a.answer)).toEqual([201, 409]);
    expect(chargesOf(s)).toEqual(['ch_1']);
  });

  it('with the wait policy the held retry gets the first outcome, replayed', () => {
    const s = run('retry-while-in-progress', { inFlight: 'wait' });
    const trace = idemMechanism.trace(s).map((e) => e.label);
    expect(trace.some((l) => l.includes('so the retry waits'))).toBe(true);
    expect(trace.some((l) => l === '201 ch_1 (replayed)')).toBe(true);
    expect(chargesOf(s)).toEqual(['ch_1']);
  });

  it('the same key with a different payload is rejected with 422', () => {
    const s = run('same-key-different-payload');
    const [p1, p2] = clientOf(s)?.payments ?? [];
    expect(p1).toMatchObject({ status: 'ok', key: 'k1', amount: 80 });
    expect(p2).toMatchObject({ status: 'rejected', key: 'k1', amount: 25 });
    expect(serverOf(s)?.ledger.length).toBe(1);
  });

  it('a key that expires before the last retry lets a second charge through; retention ≥ horizon fixes it', () => {
    const short = run('key-expires-too-soon');
    expect(duplicateCharges(short)).toBe(1);
    const sc = idemScenarios.find((x) => x.id === 'key-expires-too-soon')!;
    const fixed = run('key-expires-too-soon', { retention: retryHorizon(sc.params) });
    expect(duplicateCharges(fixed)).toBe(0);
  });

  it('not atomic: a crash between the charge and the key record double-charges', () => {
    const s = run('crash-before-key-recorded');
    expect(chargesOf(s)).toEqual(['ch_1', 'ch_2']);
    // Just after the crash the charge is durable and no key remembers it.
    const mid = run('crash-before-key-recorded', {}, 120);
    expect(serverOf(mid)?.ledger.map((c) => c.id)).toEqual(['ch_1']);
    expect(serverOf(mid)?.keys).toEqual([]);
    expect(mid.nodes.S.up).toBe(false);
  });

  it('atomic: the same crash rolls the charge back, and the retry charges exactly once', () => {
    const mid = run('crash-atomic-rolls-back', {}, 120);
    expect(serverOf(mid)?.ledger).toEqual([]);
    expect(serverOf(mid)?.rolledBack.map((c) => c.id)).toEqual(['ch_1']);
    const s = run('crash-atomic-rolls-back');
    expect(chargesOf(s)).toEqual(['ch_2']);
    expect(clientOf(s)?.payments[0]).toMatchObject({ status: 'ok', charge: 'ch_2' });
  });

  it('at-least-once delivery without dedup applies an effect twice; with dedup once, though delivered twice', () => {
    const bad = run('redelivery-duplicates-effect');
    expect(duplicateEffects(bad)).toBe(1);
    expect(brokerOf(bad)?.messages[0]).toMatchObject({ deliveries: 2, acked: true });
    const good = run('dedup-consumer-effectively-once');
    expect(duplicateEffects(good)).toBe(0);
    expect(consumerOf(good)?.effects.length).toBe(1);
    expect(brokerOf(good)?.messages[0]).toMatchObject({ deliveries: 2, acked: true });
  });

  it('the scenario log uses message ids that exist: each drop hits the 201 in flight', () => {
    for (const id of ['no-key-double-charge', 'key-replays-outcome', 'key-expires-too-soon']) {
      const labels = idemMechanism.trace(run(id)).map((e) => e.label);
      expect(labels).toContain('message #1 dropped by the reader');
    }
  });
});

describe('idempotency protocol details', () => {
  it('keys expire from the table at createdAt + retention, and a restart re-arms the purge', () => {
    const s = replay(
      idemMechanism,
      {
        mechanism: 'idempotency',
        seed: 1,
        params: { ...idemDefaults, latency: { kind: 'constant', value: 25 }, retention: 300 },
        log: [
          { at: 10, action: { type: 'idem/pay', amount: 5 } },
          { at: 200, action: { type: 'node/crash', node: 'S' } },
          { at: 250, action: { type: 'node/restart', node: 'S' } },
        ],
      },
      434,
    ) as IdemState;
    expect(serverOf(s)?.keys.map((k) => k.key)).toEqual(['k1']);
    const later = idemMechanism.advanceTo(s, 436) as IdemState;
    expect(serverOf(later)?.keys).toEqual([]);
  });

  it('a client gives up after maxAttempts when the server stays down, with the outcome unknown', () => {
    const s = replay(
      idemMechanism,
      { mechanism: 'idempotency', seed: 2, params: { ...idemDefaults, maxAttempts: 2 }, log: [{ at: 0, action: { type: 'node/crash', node: 'S' } }, { at: 1, action: { type: 'idem/pay', amount: 5 } }] },
      2000,
    ) as IdemState;
    expect(clientOf(s)?.payments[0]).toMatchObject({ status: 'unknown' });
    expect(clientOf(s)?.payments[0].attempts.length).toBe(2);
  });

  it('retryHorizon adds timeouts, capped backoffs and the largest delay', () => {
    expect(retryHorizon(idemDefaults)).toBe(200 + 50 + 200 + 100 + 200 + 200 + 30);
    expect(retryHorizon({ ...idemDefaults, maxAttempts: 1 })).toBe(30);
    expect(retryHorizon({ ...idemDefaults, latency: { kind: 'exponential', mean: 5 } })).toBe(Infinity);
  });

  it('sanitizes hostile params with reasons and keeps valid ones', () => {
    const r = sanitizeIdemParams({ mode: 'x', keys: 'yes', retention: -5, maxAttempts: 1e9, inFlight: 'maybe' });
    expect(r.value.mode).toBe('api');
    expect(r.value.keys).toBe(true);
    expect(r.value.retention).toBe(10);
    expect(r.value.maxAttempts).toBe(20);
    expect(r.problems.length).toBe(5);
    expect(sanitizeIdemParams(idemDefaults)).toEqual({ value: idemDefaults, problems: [] });
  });

  it('rejects malformed commands', () => {
    const m = idemMechanism;
    expect(m.parseAction({ type: 'idem/pay', amount: 80 })).toEqual({ type: 'idem/pay', amount: 80 });
    expect(m.parseAction({ type: 'idem/pay', amount: -1 })).toBeNull();
    expect(m.parseAction({ type: 'idem/pay', amount: 3, reuseKey: 'y' })).toBeNull();
    expect(m.parseAction({ type: 'idem/publish' })).toEqual({ type: 'idem/publish' });
  });
});

describe('idempotency experiment', () => {
  it('is registered and orders the configurations as the lab charts them', () => {
    expect(findExperiment('idempotency')).toBe(idempotencyExperiment);
    const { params } = parseExperimentParams(idempotencyExperiment, { trials: 60, seed: 3 });
    const out = runExperiment(idempotencyExperiment, params);
    const rate = Object.fromEntries(out!.results.rows.map((r) => [r.config, r]));
    expect(rate['key-atomic'].duplicated).toBe(0);
    expect(rate['consumer-dedup'].duplicated).toBe(0);
    expect(rate['no-key'].duplicated).toBeGreaterThan(0);
    expect(rate['consumer-no-dedup'].duplicated).toBeGreaterThan(0);
    for (const r of out!.results.rows) expect(r.trials).toBe(60);
  });
});
