import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../sim/core';
import { layoutNodes } from './ClusterView';
import { diagramItems } from './SpaceTimeDiagram';
import { connected } from './viewModel';

const entry = (seq: number, kind: TraceEntry['kind'], extra: Partial<TraceEntry> = {}): TraceEntry => ({ seq, t: seq * 10, kind, label: `${kind} ${seq}`, ...extra });

describe('view model helpers', () => {
  it('connectivity follows the groups', () => {
    expect(connected(null, 'A', 'C')).toBe(true);
    expect(connected([['A', 'B'], ['C']], 'A', 'B')).toBe(true);
    expect(connected([['A', 'B'], ['C']], 'A', 'C')).toBe(false);
  });
});

describe('cluster layout', () => {
  it('places every node inside the picture and clients next to their server', () => {
    const nodes = ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id, label: id, up: true }));
    const placed = layoutNodes([...nodes, { id: 'c1', label: 'c1', up: true, attachedTo: 'A' }, { id: 'c2', label: 'c2', up: true, attachedTo: 'E' }]);
    for (const p of placed) {
      expect(p.x).toBeGreaterThanOrEqual(24);
      expect(p.x).toBeLessThanOrEqual(336);
    }
    const d = (a: string, b: string) => {
      const pa = placed.find((p) => p.id === a)!;
      const pb = placed.find((p) => p.id === b)!;
      return Math.hypot(pa.x - pb.x, pa.y - pb.y);
    };
    expect(d('c1', 'A')).toBeLessThan(d('c1', 'C'));
    expect(d('c2', 'E')).toBeLessThan(d('c2', 'B'));
  });
});

describe('space-time diagram items', () => {
  it('pairs sends with deliveries and drops; unfinished sends are in flight', () => {
    const trace = [
      entry(0, 'send', { from: 'A', to: 'B', msgId: 1 }),
      entry(1, 'send', { from: 'B', to: 'C', msgId: 2 }),
      entry(2, 'deliver', { node: 'B', from: 'A', to: 'B', msgId: 1 }),
      entry(3, 'drop', { node: 'C', from: 'B', to: 'C', msgId: 2 }),
      entry(4, 'send', { from: 'C', to: 'A', msgId: 3 }),
      entry(5, 'crash', { node: 'C' }),
    ];
    const { arrows, points } = diagramItems(trace);
    expect(arrows).toEqual([
      { id: 1, from: 'A', to: 'B', t0: 0, t1: 20, dropped: false, label: 'send 0' },
      { id: 2, from: 'B', to: 'C', t0: 10, t1: 30, dropped: true, label: 'send 1' },
      { id: 3, from: 'C', to: 'A', t0: 40, t1: undefined, dropped: false, label: 'send 4' },
    ]);
    expect(points.map((p) => p.kind)).toEqual(['crash']);
  });
});
