/**
 * A fixed number of partitions moved whole, as Riak (ring of 64–1024 equal partitions, claimed by
 * vnodes) and Elasticsearch (shards fixed when the index is created) do. A key's partition never
 * changes: floor(h · P / 2^32). Only the partition → node table changes when nodes come and go,
 * and a newcomer takes whole partitions from the busiest nodes until it holds its fair number.
 */

/** Partition of a 32-bit key hash among `p` equal slices of the hash space. */
export function partitionOf(h: number, p: number): number {
  return Math.floor((h / 4294967296) * p);
}

/** Round-robin initial table: partition i → nodes[i mod n]. */
export function initialTable(p: number, nodes: readonly string[]): string[] {
  return Array.from({ length: p }, (_, i) => nodes[i % nodes.length]);
}

function countBy(table: readonly string[], nodes: readonly string[]): Map<string, number> {
  const c = new Map(nodes.map((n) => [n, 0]));
  for (const o of table) c.set(o, (c.get(o) ?? 0) + 1);
  return c;
}

/**
 * Add a node: it claims partitions one at a time from whichever node holds the most until it holds
 * ⌊P/(n+1)⌋. Of the donor's partitions it takes the one farthest round the ring from any it already
 * holds (ties: the lowest number), so its partitions end up spread out, as Riak's claim aims for.
 */
export function tableWithNode(table: readonly string[], nodes: readonly string[], added: string): string[] {
  const next = table.slice();
  const all = [...nodes, added];
  const counts = countBy(next, all);
  const target = Math.floor(next.length / all.length);
  while ((counts.get(added) ?? 0) < target) {
    let donor = nodes[0];
    for (const n of nodes) if ((counts.get(n) ?? 0) > (counts.get(donor) ?? 0)) donor = n;
    const i = farthestFrom(next, donor, added);
    next[i] = added;
    counts.set(donor, counts.get(donor)! - 1);
    counts.set(added, counts.get(added)! + 1);
  }
  return next;
}

/** Index of a `donor` partition farthest (circularly) from every partition `owner` holds. */
function farthestFrom(table: readonly string[], donor: string, owner: string): number {
  const p = table.length;
  const mine: number[] = [];
  table.forEach((o, i) => o === owner && mine.push(i));
  let best = -1;
  let bestGap = -1;
  for (let i = 0; i < p; i++) {
    if (table[i] !== donor) continue;
    let gap = p;
    for (const j of mine) gap = Math.min(gap, Math.abs(i - j), p - Math.abs(i - j));
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}

/** Remove a node: its partitions go, one at a time, to whichever survivor holds the fewest. */
export function tableWithoutNode(table: readonly string[], nodes: readonly string[], removed: string): string[] {
  const rest = nodes.filter((n) => n !== removed);
  if (rest.length === 0) return table.slice();
  const next = table.slice();
  const counts = countBy(next, rest);
  for (let i = 0; i < next.length; i++) {
    if (next[i] !== removed) continue;
    let taker = rest[0];
    for (const n of rest) if (counts.get(n)! < counts.get(taker)!) taker = n;
    next[i] = taker;
    counts.set(taker, counts.get(taker)! + 1);
  }
  return next;
}
