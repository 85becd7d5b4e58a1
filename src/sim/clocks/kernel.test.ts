import { describe, expect, it } from 'vitest';
import { inFlight } from '../core/world';
import { clockEvents, clockInFlight, clockNodes, clocksMechanism as M, physicalNow } from './mechanism';
import { SLEW_TIMER } from './protocol';
import { replayClocks } from './replay';
import type { ClockAction, ClockParams } from './types';

// How the clock lab uses the kernel: the network carries its messages, node timers end slews,
// and the observer rebuilds the run from the trace alone.
const params: ClockParams = { ...M.defaults, nodes: 3, delayMin: 20, delayMax: 60 };
const at = (t: number, action: ClockAction) => ({ at: t, action });

describe('the clock lab on the kernel', () => {
  it('message delays come from the kernel link latency, in [delayMin, delayMax]', () => {
    // Arrange / Act: A sends to B; the message is a kernel message in flight.
    const s = replayClocks(3, params, [at(10, { type: 'send', from: 'A', to: 'B' })], 10);
    // Assert
    const [m] = clockInFlight(s);
    expect(inFlight(s.world)).toHaveLength(1);
    expect(m).toMatchObject({ from: 'A', to: 'B', sentAt: 10, sendEvent: 0, doomed: null });
    expect(m.at - m.sentAt).toBeGreaterThanOrEqual(20);
    expect(m.at - m.sentAt).toBeLessThanOrEqual(60);
  });

  it('a fixed link latency (net/link) fixes a message’s delay', () => {
    const s = replayClocks(3, params, [at(0, { type: 'net/link', from: 'A', to: 'B', latency: { kind: 'constant', value: 7 } }), at(10, { type: 'send', from: 'A', to: 'B' })], 100);
    expect(clockEvents(s).map((e) => [e.kind, e.t])).toEqual([
      ['send', 10],
      ['receive', 17],
    ]);
  });

  it('an NTP slew ends on a node timer: the clock never goes back and then runs at its natural rate', () => {
    // Arrange: B is 300 ms fast; slew at 100 000 ppm (10 %) corrects it over 3 s of true time.
    const p = { ...params, slewPpm: 100_000, clocks: [{ offsetMs: 0, driftPpm: 0 }, { offsetMs: 300, driftPpm: 0 }] };
    const log = [at(100, { type: 'ntp/sync', node: 'B', mode: 'slew', serverErrorMs: 0 } as const)];
    // Act
    const during = [100, 1000, 2000, 3000].map((t) => physicalNow(replayClocks(1, p, log, t), 'B'));
    const mid = replayClocks(1, p, log, 1000);
    const after = replayClocks(1, p, log, 5000);
    // Assert
    for (let i = 1; i < during.length; i++) expect(during[i]).toBeGreaterThan(during[i - 1]);
    expect(mid.world.nodes.B.timers[SLEW_TIMER]?.at).toBeCloseTo(3100, 6);
    expect(after.world.nodes.B.timers[SLEW_TIMER]).toBeUndefined();
    expect(physicalNow(after, 'B')).toBe(5000);
    expect(M.trace(after).map((e) => e.label)).toContain('B: slew finished, clock reads 3100 ms');
  });

  it('a bad NTP server steps the clock to the server’s wrong time', () => {
    const s = replayClocks(1, params, [at(100, { type: 'ntp/sync', node: 'C', mode: 'step', serverErrorMs: -500 })], 200);
    expect(physicalNow(s, 'C')).toBe(-300);
    expect(M.trace(s).at(-1)!.label).toBe('C: NTP step from a server -500 ms off: 100 → -400 ms — backwards by 500 ms');
  });

  it('the observer names messages from m1 and links each receive to the send of the message delivered', () => {
    const s = replayClocks(5, params, [at(10, { type: 'send', from: 'A', to: 'B' }), at(12, { type: 'send', from: 'C', to: 'B' })], 200);
    const labels = M.trace(s).map((e) => e.label);
    expect(labels).toContain('A → B: message m1');
    expect(labels).toContain('C → B: message m2');
    const ev = clockEvents(s);
    for (const r of ev.filter((e) => e.kind === 'receive')) {
      const send = ev[r.causes[r.causes.length - 1]];
      expect(send.kind).toBe('send');
      expect(send.msgIds).toEqual(r.msgIds);
    }
  });

  it('a partition drops a replicated write, so the cut-off replica keeps its old value', () => {
    const log = [
      at(10, { type: 'write', node: 'A', value: '1' }),
      at(200, { type: 'net/partition', groups: [['A', 'B'], ['C']] }),
      at(210, { type: 'write', node: 'B', value: '2' }),
    ] as const;
    const s = replayClocks(2, params, log, 400);
    expect(clockNodes(s).map((n) => n.storedId)).toEqual([1, 1, 0]);
    expect(M.trace(s).filter((e) => e.kind === 'drop').map((e) => e.label)).toEqual(['B → C: m4 dropped (partition)']);
  });
});
