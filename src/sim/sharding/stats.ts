/** Load and movement statistics over a placement: what the lab shows and the experiments report. */
import type { HashedKey } from './hash';
import type { Layout } from './schemes';

/** Owner of every key, in key order. */
export function owners(layout: Layout, keys: readonly HashedKey[]): string[] {
  return keys.map((k) => layout.owner(k));
}

/** Load per node (in `nodes` order): key counts, or summed weights when `weights` is given. */
export function loads(nodes: readonly string[], own: readonly string[], weights?: ArrayLike<number>): number[] {
  const idx = new Map(nodes.map((n, i) => [n, i]));
  const out = new Array<number>(nodes.length).fill(0);
  for (let i = 0; i < own.length; i++) {
    const j = idx.get(own[i]);
    if (j !== undefined) out[j] += weights ? weights[i] : 1;
  }
  return out;
}

/** Mean of a list (0 for an empty one). */
export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** Population standard deviation over the mean (0 when the mean is 0). */
export function relStdDev(xs: readonly number[]): number {
  const m = mean(xs);
  if (m === 0) return 0;
  const v = xs.reduce((a, x) => a + (x - m) * (x - m), 0) / xs.length;
  return Math.sqrt(v) / m;
}

/** Largest load over the mean load: 1 is perfect balance, n means one node holds everything. */
export function maxOverMean(xs: readonly number[]): number {
  const m = mean(xs);
  return m === 0 ? 0 : Math.max(...xs) / m;
}

/** One key that changed owner. */
export interface Move {
  readonly key: number;
  readonly from: string;
  readonly to: string;
}

/** What a membership change did to the keys. */
export interface MoveSummary {
  readonly moves: Move[];
  readonly fraction: number;
  /** Keys received per destination node. */
  readonly to: Record<string, number>;
}

/** Keys whose owner differs between two owner lists of the same keys. */
export function moved(before: readonly string[], after: readonly string[]): MoveSummary {
  const moves: Move[] = [];
  const to: Record<string, number> = {};
  for (let i = 0; i < before.length; i++) {
    if (before[i] !== after[i]) {
      moves.push({ key: i, from: before[i], to: after[i] });
      to[after[i]] = (to[after[i]] ?? 0) + 1;
    }
  }
  return { moves, fraction: before.length ? moves.length / before.length : 0, to };
}

/** Ideal fraction of keys that move when a node joins n nodes (or one of n+1 leaves): 1/(n+1). */
export function idealMovedFraction(n: number): number {
  return 1 / (n + 1);
}

/** Fraction hash mod N moves going from n to n+1 nodes: n/(n+1) (a key stays only if h mod n = h mod (n+1)). */
export function modMovedFraction(n: number): number {
  return n / (n + 1);
}

/**
 * Expected relative standard deviation of key counts per node on a ring of n nodes with k virtual
 * nodes each and K keys. A node's share p of the circle has squared relative spread V = (n−1)/(nk+1);
 * given p its count is Binomial(K, p), so the count's squared relative spread is exactly
 * (n−1)/K + V·(1 − 1/K). The mean over nodes is exactly K/n, so this is also the expected square of
 * `relStdDev` over one layout's nodes.
 */
export function ringExpectedRelStd(n: number, k: number, keys: number): number {
  const v = (n - 1) / (n * k + 1);
  return Math.sqrt((n - 1) / keys + v * (1 - 1 / keys));
}
