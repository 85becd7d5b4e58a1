/**
 * Consistent hashing on a ring (Karger et al., STOC 1997, §4) with virtual nodes as in Dynamo
 * (DeCandia et al., SOSP 2007, §4.2): each node is hashed to `vnodes` points on a 32-bit circle and
 * a key belongs to the first point at or clockwise after the key's own hash. A node's share of the
 * circle is the sum of its `vnodes` arcs; with n nodes and k points each that share is Beta(k, (n−1)k)
 * distributed, so its relative standard deviation is √((n−1)/(nk+1)) ≈ 1/√k (see `ringShareRelStd`).
 */
import { murmur3 } from './hash';

/** Size of the hash circle. */
export const RING_SIZE = 4294967296;

/** The ring: sorted point positions and, for each, the index of its node in `nodes`. */
export interface Ring {
  readonly nodes: readonly string[];
  readonly vnodes: number;
  readonly seed: number;
  /** Point positions in increasing order. */
  readonly points: Uint32Array;
  /** `owners[i]` is the index in `nodes` of the node at `points[i]`. */
  readonly owners: Int32Array;
}

/** Position of a node's v-th virtual node (its own hash, independent of every other node). */
export function vnodePosition(node: string, v: number, seed: number): number {
  return murmur3(`${node}#${v}`, seed);
}

/** Build the ring for these nodes (at most 4,096) with `vnodes` points each (1–1,000). */
export function buildRing(nodes: readonly string[], vnodes: number, seed: number): Ring {
  const k = Math.max(1, Math.min(1000, Math.floor(vnodes)));
  const total = nodes.length * k;
  // Pack (position, node index) into one exact double and sort natively: position · 2^12 + index
  // stays below 2^44. Ties in position (astronomically rare) break by node index.
  const packed = new Float64Array(total);
  for (let n = 0; n < nodes.length; n++) for (let v = 0; v < k; v++) packed[n * k + v] = vnodePosition(nodes[n], v, seed) * 4096 + n;
  packed.sort();
  const points = new Uint32Array(total);
  const owners = new Int32Array(total);
  for (let i = 0; i < total; i++) {
    const n = packed[i] % 4096;
    points[i] = (packed[i] - n) / 4096;
    owners[i] = n;
  }
  return { nodes, vnodes: k, seed, points, owners };
}

/** Index of the point that owns hash `h`: the first at or after it, wrapping to the first point. */
export function ringPointFor(ring: Ring, h: number): number {
  const p = ring.points;
  let lo = 0;
  let hi = p.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (p[mid] < h) lo = mid + 1;
    else hi = mid;
  }
  return lo === p.length ? 0 : lo;
}

/** The node that owns hash `h`. */
export function ringOwner(ring: Ring, h: number): string {
  return ring.nodes[ring.owners[ringPointFor(ring, h)]];
}

/** One arc of the circle, (start, end], owned by the point at `end`. Positions are in [0, 2^32). */
export interface Arc {
  readonly start: number;
  readonly end: number;
  readonly node: string;
  /** Fraction of the circle. */
  readonly share: number;
}

/** Every arc in clockwise order; the first one wraps from the last point through 0. */
export function ringArcs(ring: Ring): Arc[] {
  const p = ring.points;
  const arcs: Arc[] = [];
  for (let i = 0; i < p.length; i++) {
    const start = i === 0 ? p[p.length - 1] : p[i - 1];
    const len = i === 0 ? RING_SIZE - start + p[0] : p[i] - start;
    arcs.push({ start, end: p[i], node: ring.nodes[ring.owners[i]], share: (p.length === 1 ? RING_SIZE : len) / RING_SIZE });
  }
  return arcs;
}

/** Each node's fraction of the circle, in `nodes` order. */
export function ringShares(ring: Ring): number[] {
  const shares = new Array<number>(ring.nodes.length).fill(0);
  const idx = new Map(ring.nodes.map((n, i) => [n, i]));
  for (const a of ringArcs(ring)) shares[idx.get(a.node)!] += a.share;
  return shares;
}

/**
 * Expected relative standard deviation of one node's share of the circle with n nodes of k points
 * each: √((n−1)/(nk+1)), from the Beta(k, (n−1)k) law of the share. About 1/√k for large n.
 */
export function ringShareRelStd(n: number, k: number): number {
  return Math.sqrt((n - 1) / (n * k + 1));
}
