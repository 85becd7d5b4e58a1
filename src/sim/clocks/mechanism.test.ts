import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../core/testing/freeze';
import { traceView } from '../core/trace';
import { compareEvents } from './compare';
import { clockEvents, clockNodes, clockWrites, clocksMechanism as M } from './mechanism';
import { parseClockAction, sanitizeClockParams } from './params';
import { quiescentTime, replayClocks } from './replay';
import { clockScenarios, findClockScenario } from './scenarios';
import type { ClockState } from './types';

/** A state as its reader sees it: trace buffers are shared and may grow past a state's own length (src/sim/core/trace.ts). */
const visible = (s: ClockState) =>
  JSON.stringify({ world: { ...s.world, trace: traceView(s.world.trace) }, observer: { ...s.observer, trace: traceView(s.observer.trace) } });

const load = (id: string) => {
  const sc = findClockScenario(id)!;
  const s = replayClocks(sc.seed, sc.params, sc.log, sc.until!);
  return { sc, s, events: clockEvents(s), writes: clockWrites(s), cmp: compareEvents(clockEvents(s), sc.compare[0], sc.compare[1]) };
};

describe('clock scenarios show what their descriptions promise', () => {
  it('lww-loses-write: B’s later, causally dependent write is lost to A’s', () => {
    const { s, writes, cmp } = load('lww-loses-write');
    const [a, b] = writes;
    expect(b.t).toBeGreaterThan(a.t);
    expect(b.ts).toBeLessThan(a.ts);
    expect(b.lostTo).toBe(a.id);
    expect(clockNodes(s).every((n) => n.storedId === a.id)).toBe(true);
    expect(cmp.truth).toBe('before');
    expect(cmp.physical).toMatchObject({ says: 'after', correct: false });
  });
  it('lamport-cannot-see-concurrency: smaller Lamport time, yet concurrent', () => {
    const { events, sc, cmp } = load('lamport-cannot-see-concurrency');
    const [a, b] = sc.compare.map((i) => events[i]);
    expect(a.node).not.toBe(b.node);
    expect(b.lamport).toBeLessThan(a.lamport);
    expect(cmp.truth).toBe('concurrent');
    expect(cmp.lamport.says).toBe('cannot-tell');
    expect(cmp.vector.says).toBe('concurrent');
  });
  it('vector-detects-conflict: concurrent writes, and a later write that dominates', () => {
    const { events, writes, cmp } = load('vector-detects-conflict');
    expect(cmp.vector.says).toBe('concurrent');
    expect(cmp.truth).toBe('concurrent');
    const later = compareEvents(events, 0, writes[2].event);
    expect(later.vector.says).toBe('before');
  });
  it('hlc-tracks-physical-time: B’s l jumps to A’s clock and c counts until B catches up', () => {
    const { events } = load('hlc-tracks-physical-time');
    const b = events.filter((e) => e.node === 'B');
    expect(b[0].hlc.l).toBe(events[0].pt);
    expect(b.slice(0, 4).map((e) => e.hlc.c)).toEqual([1, 2, 3, 4]);
    expect(b[b.length - 1].hlc).toEqual({ l: b[b.length - 1].pt, c: 0 });
  });
  it('ntp-steps-backwards: wall clock goes back on B; Lamport and HLC keep increasing', () => {
    const { events, cmp } = load('ntp-steps-backwards');
    const b = events.filter((e) => e.node === 'B');
    expect(b.some((e, i) => i > 0 && e.pt < b[i - 1].pt)).toBe(true);
    for (let i = 1; i < b.length; i++) {
      expect(b[i].lamport).toBeGreaterThan(b[i - 1].lamport);
      expect(b[i].hlc.l > b[i - 1].hlc.l || (b[i].hlc.l === b[i - 1].hlc.l && b[i].hlc.c > b[i - 1].hlc.c)).toBe(true);
    }
    expect(cmp.physical.correct).toBe(false);
    expect(cmp.hlc).toMatchObject({ says: 'before', correct: true });
  });
  it('every scenario has a valid compare pair and quiesces', () => {
    for (const sc of clockScenarios) {
      const s = replayClocks(sc.seed, sc.params, sc.log, quiescentTime(sc.seed, sc.params, sc.log));
      expect(M.peek(s)).toBe(Infinity);
      for (const i of sc.compare) expect(i).toBeLessThan(clockEvents(s).length);
    }
  });
});

describe('mechanism contract', () => {
  it('same seed and log give deep-equal states; inputs are not mutated', () => {
    const sc = clockScenarios[0];
    const a = replayClocks(sc.seed, sc.params, sc.log, 500);
    const frozen = visible(a);
    const b = replayClocks(sc.seed, sc.params, sc.log, 500);
    expect(b).toEqual(a);
    M.apply(a, { type: 'local', node: 'A' });
    M.next(a);
    expect(visible(a)).toBe(frozen);
    // Deep-frozen: any write to the input (state, trace buffers, observer) would throw.
    const mid = deepFreeze(replayClocks(sc.seed, sc.params, sc.log, 310));
    const after = M.next(M.apply(mid, { type: 'write', node: 'C', value: '9' }));
    expect(clockEvents(after).length).toBeGreaterThan(clockEvents(mid).length);
    expect(JSON.stringify(replayClocks(sc.seed, sc.params, sc.log, 310))).toBe(JSON.stringify(mid));
  });
  it('next returns the same state when nothing is pending', () => {
    const s = M.init(1, M.defaults);
    expect(M.next(s)).toBe(s);
    expect(M.peek(s)).toBe(Infinity);
  });
  it('sanitizes bad params with reasons and rejects unknown actions', () => {
    const r = sanitizeClockParams({ nodes: 9, delayMin: 'x', clocks: [{ offsetMs: 1e9 }] });
    expect(r.value.nodes).toBe(5);
    expect(r.value.clocks[0].offsetMs).toBe(10_000);
    expect(r.problems.length).toBe(3);
    expect(parseClockAction({ type: 'send', from: 'A', to: 'A' })).toBeNull();
    expect(parseClockAction({ type: 'explode' })).toBeNull();
    expect(parseClockAction({ type: 'leap', node: 'B' })).toEqual({ type: 'leap', node: 'B' });
  });
  it('a leap second repeats a second on that node only', () => {
    let s = M.init(1, M.defaults);
    s = M.advanceTo(s, 2000);
    s = M.apply(s, { type: 'leap', node: 'B' });
    s = M.apply(s, { type: 'local', node: 'B' });
    s = M.apply(s, { type: 'local', node: 'A' });
    expect(clockEvents(s).map((e) => e.pt)).toEqual([1000, 2000]);
  });
});

// Counterexamples fast-check found while this core was written, kept as named regressions.
describe('regressions from property tests', () => {
  it('seed 424242: a clock that starts behind 0 still gets l = pt on its first event (HLC l starts below any reading)', () => {
    let s = M.init(0, { ...M.defaults, nodes: 2, clocks: [{ offsetMs: -1, driftPpm: 0 }, { offsetMs: -1, driftPpm: 0 }] });
    s = M.apply(s, { type: 'local', node: 'A' });
    expect(clockEvents(s)[0].pt).toBe(-1);
    expect(clockEvents(s)[0].hlc).toEqual({ l: -1, c: 0 });
  });
  it('seed 424242: a first event at physical time 0 has c = 0', () => {
    let s = M.init(0, M.defaults);
    s = M.apply(s, { type: 'write', node: 'A', value: '0' });
    expect(clockEvents(s)[0].hlc).toEqual({ l: 0, c: 0 });
  });
});
