import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../core/types';
import { seekTime } from '../../widgets/shared/replay';
import { parseTimeoutAction, sanitizeTimeoutParams, timeoutMechanism as mech } from './index';
import type { TimeoutAction, TimeoutParams, TimeoutState } from './types';

const run = (seed: number, params: TimeoutParams, log: readonly LogEntry<TimeoutAction>[], t = 1e7) =>
  seekTime<TimeoutState>({ mech, seed, params, log }, t).state;
const sc = (id: string) => mech.scenarios.find((s) => s.id === id)!;

describe('timeout core: scenarios', () => {
  it('timeout-ambiguity: four different truths, one identical client view', () => {
    const s = run(sc('timeout-ambiguity').seed, sc('timeout-ambiguity').params, sc('timeout-ambiguity').log);
    expect(s.calls.map((c) => c.status)).toEqual(['ok', 'timed-out', 'timed-out', 'timed-out', 'timed-out']);
    expect(s.calls.map((c) => c.truth)).toEqual(['ok', 'request-lost', 'reply-lost', 'server-down', 'late-reply']);
    // The work happened for the lost reply and the slow call, not for the other two failures.
    expect(s.calls.map((c) => c.executedAt !== undefined)).toEqual([true, false, true, false, true]);
  });

  it('slow-not-dead: false alarms although nothing failed; a long timeout removes them', () => {
    const { seed, params, log } = sc('slow-not-dead');
    const short = run(seed, params, log);
    expect(short.trace.some((e) => e.kind === 'drop' || e.kind === 'crash')).toBe(false);
    const falseAlarms = short.calls.filter((c) => c.status === 'timed-out');
    expect(falseAlarms.length).toBeGreaterThan(0);
    expect(falseAlarms.every((c) => c.truth === 'late-reply')).toBe(true);
    const long = run(seed, { ...params, timeout: 60 * 2 * 1.3 * 8 + 50 }, log);
    expect(long.calls.every((c) => c.status === 'ok')).toBe(true);
  });

  it('a crash mid-request loses the work', () => {
    const s = run(1, { ...mech.defaults, latency: 50, jitter: 0, service: 100 }, [
      { at: 0, action: { type: 'client/call' } },
      { at: 80, action: { type: 'server/crash' } },
    ]);
    expect(s.calls[0]).toMatchObject({ status: 'timed-out', truth: 'crashed-mid-request' });
    expect(s.calls[0].executedAt).toBeUndefined();
  });
});

describe('timeout core: input validation', () => {
  it('clamps and explains', () => {
    const r = sanitizeTimeoutParams({ timeout: 0, loss: 5, latency: 'x' });
    expect(r.value).toMatchObject({ timeout: 10, loss: 0.9, latency: mech.defaults.latency });
    expect(r.problems).toHaveLength(3);
  });
  it('rejects hostile actions', () => {
    expect(parseTimeoutAction({ type: 'link/set', dir: 'both' })).toBeNull();
    expect(parseTimeoutAction({ type: 'link/set', dir: 'up', loss: 0.5 })).toBeNull();
    expect(parseTimeoutAction({ type: 'link/set', dir: 'both', loss: 2 })).toBeNull();
    expect(parseTimeoutAction({ type: 'server/crash', node: 'x' })).toEqual({ type: 'server/crash' });
  });
});

const actionArb: fc.Arbitrary<TimeoutAction> = fc.oneof(
  fc.constant({ type: 'client/call' as const }),
  fc.constant({ type: 'server/crash' as const }),
  fc.constant({ type: 'server/restart' as const }),
  fc.record({ type: fc.constant('link/set' as const), dir: fc.constantFrom('request' as const, 'reply' as const, 'both' as const), loss: fc.double({ min: 0, max: 1, noNaN: true }) }),
);
const logArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3000 }), actionArb), { maxLength: 20 })
  .map((xs) => xs.sort((a, b) => a[0] - b[0]).map(([at, action]) => ({ at, action })));

describe('timeout core: properties', () => {
  it('the client view is ok exactly when a reply arrived before the deadline; timeouts happen exactly at the deadline', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 20, max: 600 }), fc.double({ min: 0, max: 0.5, noNaN: true }), logArb, (seed, timeout, tail, log) => {
        const s = run(seed, { ...mech.defaults, timeout, tail }, log);
        for (const c of s.calls) {
          if (c.status === 'ok') expect(c.doneAt! - c.sentAt).toBeLessThanOrEqual(timeout);
          else {
            expect(c.status).toBe('timed-out');
            expect(c.doneAt).toBe(c.deadline);
            expect(c.truth).not.toBe('ok');
          }
          if (c.truth === 'reply-lost' || c.truth === 'late-reply') expect(c.executedAt).toBeDefined();
          if (c.truth === 'request-lost' || c.truth === 'server-down') expect(c.executedAt).toBeUndefined();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('measured loss converges to the loss parameter', () => {
    const log = Array.from({ length: 800 }, (_, i) => ({ at: i * 2, action: { type: 'client/call' as const } }));
    const s = run(9, { ...mech.defaults, loss: 0.3, timeout: 5000 }, log);
    const requests = s.trace.filter((e) => e.kind === 'send' && e.label.startsWith('request')).length;
    const lost = s.trace.filter((e) => e.kind === 'drop' && e.label.startsWith('request')).length;
    expect(Math.abs(lost / requests - 0.3)).toBeLessThan(0.05);
  });
});
