import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../core/types';
import { SeekableRun } from '../core';
import { calls, callTruths, executed, sanitizeTimeoutParams, timeoutMechanism as mech, type TimeoutState } from './index';
import type { TimeoutAction, TimeoutParams } from './types';

const run = (seed: number, params: TimeoutParams, log: readonly LogEntry<TimeoutAction>[], t = 60_000) =>
  new SeekableRun(mech, { mechanism: mech.id, seed, params, log }).stateAt(t);
const sc = (id: string) => mech.scenarios.find((s) => s.id === id)!;
const truths = (s: TimeoutState) => {
  const m = callTruths(s, mech.trace(s));
  return calls(s).map((c) => m.get(c.id));
};

describe('timeout protocol on the kernel world: scenarios', () => {
  it('timeout-ambiguity: four different truths, one identical client view', () => {
    const { seed, params, log } = sc('timeout-ambiguity');
    const s = run(seed, params, log);
    expect(calls(s).map((c) => c.status)).toEqual(['ok', 'timed-out', 'timed-out', 'timed-out', 'timed-out']);
    expect(truths(s)).toEqual(['ok', 'request-lost', 'reply-lost', 'server-down', 'late-reply']);
    // The work happened for the lost reply and the slow call, not for the other two failures.
    expect(calls(s).map((c) => executed(s)[c.id] !== undefined)).toEqual([true, false, true, false, true]);
  });

  it('slow-not-dead: false alarms although nothing failed; a long enough timeout removes them', () => {
    const { seed, params, log } = sc('slow-not-dead');
    const short = run(seed, params, log);
    expect(mech.trace(short).some((e) => e.kind === 'drop' || e.kind === 'crash')).toBe(false);
    const alarms = calls(short).filter((c) => c.status === 'timed-out');
    expect(alarms.length).toBeGreaterThan(0);
    expect(alarms.every((c) => truths(short)[c.id - 1] === 'late-reply')).toBe(true);
    // Worst case round trip: two outliers at the top of the jitter band plus service time.
    const long = run(seed, { ...params, timeout: 2 * 60 * 1.3 * 8 + params.service + 1 }, log);
    expect(calls(long).every((c) => c.status === 'ok')).toBe(true);
  });

  it('a crash mid-request loses the work', () => {
    const s = run(1, { ...mech.defaults, latency: 50, jitter: 0, service: 100 }, [
      { at: 0, action: { type: 'client/call' } },
      { at: 80, action: { type: 'node/crash', node: 'server' } },
    ]);
    expect(calls(s)[0].status).toBe('timed-out');
    expect(truths(s)).toEqual(['crashed-mid-request']);
    expect(executed(s)[1]).toBeUndefined();
  });
});

describe('timeout protocol: input validation', () => {
  it('clamps and explains', () => {
    const r = sanitizeTimeoutParams({ timeout: 0, loss: 5, latency: 'x' });
    expect(r.value).toMatchObject({ timeout: 10, loss: 0.9, latency: mech.defaults.latency });
    expect(r.problems).toHaveLength(3);
  });
  it('rejects hostile actions', () => {
    expect(mech.parseAction({ type: 'net/link', from: 'client', to: 'server', loss: 2 })).toBeNull();
    expect(mech.parseAction({ type: 'client/hack' })).toBeNull();
    expect(mech.parseAction({ type: 'client/call', extra: 1 })).toEqual({ type: 'client/call' });
  });
});

const actionArb: fc.Arbitrary<TimeoutAction> = fc.oneof(
  fc.constant({ type: 'client/call' as const }),
  fc.constant({ type: 'node/crash' as const, node: 'server' }),
  fc.constant({ type: 'node/restart' as const, node: 'server' }),
  fc.record({ type: fc.constant('net/link' as const), from: fc.constantFrom('client', 'server'), to: fc.constant('x'), loss: fc.double({ min: 0, max: 1, noNaN: true }) }).map((a) => ({
    ...a,
    to: a.from === 'client' ? 'server' : 'client',
  })),
);
const logArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3000 }), actionArb), { maxLength: 20 })
  .map((xs) => xs.sort((a, b) => a[0] - b[0]).map(([at, action]) => ({ at, action })));

describe('timeout protocol: properties', () => {
  it('the client view is ok exactly when a reply arrived in time; timeouts fire at the deadline; truths agree with the server record', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 20, max: 600 }), fc.double({ min: 0, max: 0.5, noNaN: true }), logArb, (seed, timeout, tail, log) => {
        const s = run(seed, { ...mech.defaults, timeout, tail }, log);
        const t = callTruths(s, mech.trace(s));
        for (const c of calls(s)) {
          const truth = t.get(c.id)!;
          if (c.status === 'ok') expect(c.doneAt! - c.sentAt).toBeLessThanOrEqual(timeout);
          else {
            expect(c.status).toBe('timed-out');
            expect(c.doneAt).toBe(c.deadline);
            expect(truth).not.toBe('ok');
          }
          if (truth === 'reply-lost' || truth === 'late-reply') expect(executed(s)[c.id]).toBeDefined();
          if (truth === 'request-lost' || truth === 'server-down' || truth === 'crashed-mid-request') expect(executed(s)[c.id]).toBeUndefined();
        }
      }),
      { numRuns: 100 },
    );
  });

  it('replay is deterministic', () => {
    fc.assert(
      fc.property(fc.nat(), logArb, (seed, log) => {
        expect(mech.trace(run(seed, mech.defaults, log))).toEqual(mech.trace(run(seed, mech.defaults, log)));
      }),
      { numRuns: 40 },
    );
  });
});
