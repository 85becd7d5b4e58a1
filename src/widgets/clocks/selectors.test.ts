import { describe, expect, it } from 'vitest';
import { clockEvents } from '../../sim/clocks';
import { replayClocks } from '../../sim/clocks';
import { findClockScenario } from '../../sim/clocks';
import { describeClockAction, describeEvent, nodeRows, stampLines, writeRows } from './selectors';

const lww = () => {
  const sc = findClockScenario('lww-loses-write')!;
  return replayClocks(sc.seed, sc.params, sc.log, sc.until!);
};

describe('clock lab selectors', () => {
  it('stamps one clock, or all four side by side', () => {
    const s = lww();
    const e = clockEvents(s)[3];
    expect(stampLines(e, 'vector', ['A', 'B', 'C'])).toEqual(['[1,2,0]']);
    expect(stampLines(e, 'all', ['A', 'B', 'C'])).toEqual([`wall ${e.pt}`, `L ${e.lamport}`, 'V [1,2,0]', `H ${e.hlc.l}.${e.hlc.c}`]);
  });
  it('marks the write lost to skew and the one every replica kept', () => {
    const rows = writeRows(lww());
    expect(rows.map((r) => r.tone)).toEqual(['ok', 'bad']);
    expect(rows[1].text).toMatch(/LOST: replicas kept w0/);
  });
  it('reports each node’s clock error against true time', () => {
    const rows = nodeRows(lww());
    expect(rows.map((r) => r.error)).toEqual([0, -200, 0]);
    expect(rows.every((r) => r.stored.startsWith('1 '))).toBe(true);
  });
  it('describes events and actions in words', () => {
    const s = lww();
    expect(describeEvent(clockEvents(s)[0], s)).toMatch(/^e0: A write of w0 \(x = 1\) at t=300 ms — wall 300, Lamport 1/);
    expect(describeClockAction({ type: 'ntp/sync', node: 'B', mode: 'step', serverErrorMs: -500 } as never)).toBe('B: NTP step (server -500 ms)');
    expect(describeClockAction({ type: 'net/partition', groups: [['A'], ['B', 'C']] } as never)).toBe('partition A | B,C');
  });
});
