import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layoutNodes } from './ClusterView';
import { clearStretch, clusterLabels, CLUSTER_W, DOT_R, LINE_PITCH } from './clusterLabels';
import { overlaps } from './labelPlacer';
import type { NodeView } from './viewModel';

// Regressions from e2e/label-collisions.spec.ts at 375 px: the replication lab's client lines
// ("✓ a=because") sat on the servers' lines ("log 2 · e1"), two CRDT lines 12 units apart overlapped
// once phones enlarge the font to 12, and message dots covered server names at the ends of a link.

const servers = (lines: string[][]): NodeView[] => ['A', 'B', 'C'].map((id, i) => ({ id, label: id, up: true, lines: lines[i] }));
const clients = (lines: string[][]): NodeView[] => ['c3', 'c2', 'c1'].map((id, i) => ({ id, label: id, up: true, attachedTo: ['A', 'B', 'C'][i], lines: lines[i] }));

describe('cluster labels', () => {
  it('keeps client lines off the servers and their lines (replication, consistent prefix)', () => {
    const placed = layoutNodes([...servers([['leader · log 2 · e1'], ['log 2 · e1'], ['log 2 · e1']]), ...clients([['q→∅ a→because'], ['✓ a=because'], ['✓ q=why?']])]);
    const { obstacles, nodes } = clusterLabels(placed);
    for (let i = 0; i < obstacles.length; i++) for (let j = i + 1; j < obstacles.length; j++) expect(overlaps(obstacles[i], obstacles[j]), `${i} × ${j}`).toBe(false);
    for (const o of obstacles) {
      expect(o.x).toBeGreaterThanOrEqual(0);
      expect(o.x + o.w).toBeLessThanOrEqual(CLUSTER_W);
    }
    expect(nodes.get('c2')!.lineYs).toHaveLength(1);
  });

  it('moves a server’s long line off its client (replication failover: "leader · log 9 · e2" over c2)', () => {
    const placed = layoutNodes([...servers([['log 12 · e1'], ['leader · log 9 · e2'], ['log 9 · e2']]), ...clients([['✓ w12'], ['✓ w9'], []])]);
    const { obstacles } = clusterLabels(placed);
    for (let i = 0; i < obstacles.length; i++) for (let j = i + 1; j < obstacles.length; j++) expect(overlaps(obstacles[i], obstacles[j]), `${i} × ${j}`).toBe(false);
  });

  it('keeps a client’s line inside the picture and off its server’s line (partition at 375 px: "✗ read refused" over "v0")', () => {
    const placed = layoutNodes([
      { id: 'A', label: 'A', up: true, lines: ['x'] },
      { id: 'B', label: 'B', up: true, lines: ['x'] },
      { id: 'C', label: 'C', up: true, lines: ['v0'], badge: 'minority' },
      { id: 'c1', label: 'c1', up: true, attachedTo: 'A', lines: ['✓ wrote x'] },
      { id: 'c2', label: 'c2', up: true, attachedTo: 'C', lines: ['✗ read refused'] },
    ]);
    const { obstacles } = clusterLabels(placed);
    for (let i = 0; i < obstacles.length; i++) for (let j = i + 1; j < obstacles.length; j++) expect(overlaps(obstacles[i], obstacles[j]), `${i} × ${j}`).toBe(false);
    for (const o of obstacles) expect(o.x).toBeGreaterThanOrEqual(0);
  });

  it('keeps a client’s message dot off the client’s name even when words cover its short link (quorum read repair: a dot on "c1")', () => {
    const placed = layoutNodes([...servers([['v2 (t2)'], ['v2 (t2)'], ['v1 (t1)']]), ...clients([['read → v2, repairing C'], ['wrote v2'], []])]);
    const { obstacles, shapes } = clusterLabels(placed);
    for (const c of placed.filter((p) => p.attachedTo)) {
      const s = placed.find((p) => p.id === c.attachedTo)!;
      for (const [a, b] of [[c, s], [s, c]]) {
        const [lo, hi] = clearStretch(a, b, obstacles, shapes);
        for (let p = lo; p <= hi + 1e-9; p += (hi - lo) / 10 || 1) {
          const x = a.x + (b.x - a.x) * p;
          const y = a.y + (b.y - a.y) * p;
          expect(shapes.some((o) => overlaps(o, { x: x - DOT_R, y: y - DOT_R, w: 2 * DOT_R, h: 2 * DOT_R }))).toBe(false);
        }
      }
    }
  });

  it('spaces a node’s lines by a full line', () => {
    const placed = layoutNodes(servers([['likes: LWW 1 · PN 4', 'cart: ∅'], [], []]));
    const ys = clusterLabels(placed).nodes.get('A')!.lineYs;
    expect(ys[1] - ys[0]).toBe(LINE_PITCH);
    expect(LINE_PITCH).toBeGreaterThanOrEqual(12 * 1.16);
  });

  it('lets a message dot travel only where it covers no word and no node', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 0, maxLength: 18 }), { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), (ls, i, j) => {
        fc.pre(i !== j);
        const placed = layoutNodes(servers(ls.map((l) => (l ? [l] : []))));
        const { obstacles } = clusterLabels(placed);
        const [lo, hi] = clearStretch(placed[i], placed[j], obstacles);
        expect(lo).toBeLessThanOrEqual(hi);
        for (const p of [lo, (lo + hi) / 2, hi]) {
          const x = placed[i].x + (placed[j].x - placed[i].x) * p;
          const y = placed[i].y + (placed[j].y - placed[i].y) * p;
          const dot = { x: x - DOT_R, y: y - DOT_R, w: 2 * DOT_R, h: 2 * DOT_R };
          if (p !== (lo + hi) / 2) expect(obstacles.some((o) => overlaps(o, dot))).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});
