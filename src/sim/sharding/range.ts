/**
 * Range partitioning with splits, as in Bigtable (Chang et al., OSDI 2006, §5: tablets split when
 * they grow) and HBase regions: keys are kept in order, each range [start, next start) lives on one
 * node, and a range that grows past `maxKeys` splits at its median key. Both halves stay on their node;
 * a balancer moves whole ranges from the busiest node to the least busy one. A newcomer takes whole ranges
 * from the busiest nodes. Keys in order are what makes range scans cheap, and also why keys that
 * only grow (timestamps, sequence numbers) all land in the last range.
 */

/** The range table: `starts[i]` (sorted, starts[0] = 0) begins range i, owned by `owners[i]`. */
export interface RangeTable {
  readonly starts: readonly number[];
  readonly owners: readonly string[];
  /** Sorted key positions in each range (what a split needs to find the median). */
  readonly keys: readonly (readonly number[])[];
}

/** Index of the range holding position `ord`. */
export function rangeIndex(starts: readonly number[], ord: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= ord) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function load(owners: readonly string[], keys: readonly (readonly number[])[], nodes: readonly string[]): Map<string, number> {
  const m = new Map(nodes.map((n) => [n, 0]));
  owners.forEach((o, i) => m.set(o, (m.get(o) ?? 0) + keys[i].length));
  return m;
}

/** Where each insert went, and the table after all of them. */
export interface RangeBuild {
  readonly table: RangeTable;
  /** Owner at insert time of each inserted key, in insert order (the write load). */
  readonly writtenTo: string[];
  readonly splits: number;
}

/**
 * Insert key positions in the given order into one range on nodes[0], splitting a range at its
 * median when it holds more than `maxKeys`, with a balancing move after each split.
 */
export function buildRanges(ords: ArrayLike<number>, nodes: readonly string[], maxKeys: number): RangeBuild {
  const starts: number[] = [0];
  const owners: string[] = [nodes[0]];
  const keys: number[][] = [[]];
  const counts = new Map(nodes.map((n) => [n, 0]));
  const writtenTo: string[] = [];
  let splits = 0;
  const cap = Math.max(2, Math.floor(maxKeys));
  for (let i = 0; i < ords.length; i++) {
    const ord = ords[i];
    const r = rangeIndex(starts, ord);
    const arr = keys[r];
    // Insert in order (binary search).
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (arr[mid] < ord) lo = mid + 1;
      else hi = mid;
    }
    arr.splice(lo, 0, ord);
    writtenTo.push(owners[r]);
    counts.set(owners[r], counts.get(owners[r])! + 1);
    if (arr.length > cap) {
      let m = arr.length >>> 1;
      while (m < arr.length && arr[m] === arr[m - 1]) m++; // equal keys stay together
      if (m === arr.length) continue; // the upper half is one repeated key: cannot split
      const splitAt = arr[m];
      // The split is local: both daughters stay on the parent's node, as HBase and Bigtable do.
      keys.splice(r, 1, arr.slice(0, m), arr.slice(m));
      starts.splice(r + 1, 0, splitAt);
      owners.splice(r + 1, 0, owners[r]);
      splits++;
      // The balancer then moves one whole range, the lowest-keyed on the busiest node, to the least
      // busy node, if they differ by more than a range's worth. It balances key counts; it knows
      // nothing about which range is taking the writes.
      let most = nodes[0];
      let least = nodes[0];
      for (const n of nodes) {
        if (counts.get(n)! > counts.get(most)!) most = n;
        if (counts.get(n)! < counts.get(least)!) least = n;
      }
      if (counts.get(most)! - counts.get(least)! > cap) {
        const i = owners.indexOf(most);
        owners[i] = least;
        counts.set(most, counts.get(most)! - keys[i].length);
        counts.set(least, counts.get(least)! + keys[i].length);
      }
    }
  }
  return { table: { starts, owners, keys }, writtenTo, splits };
}

/** Add a node: it takes whole ranges (the largest that still fits) from the busiest node while that brings it closer to the mean. */
export function rangesWithNode(t: RangeTable, nodes: readonly string[], added: string): RangeTable {
  const all = [...nodes, added];
  const owners = t.owners.slice();
  const counts = load(owners, t.keys, all);
  const total = t.keys.reduce((a, k) => a + k.length, 0);
  const mean = total / all.length;
  for (;;) {
    let donor = nodes[0];
    for (const n of nodes) if (counts.get(n)! > counts.get(donor)!) donor = n;
    const room = mean - counts.get(added)!;
    let pick = -1;
    for (let i = 0; i < owners.length; i++) {
      if (owners[i] !== donor) continue;
      const size = t.keys[i].length;
      if (size > 0 && size <= room * 2 && (pick < 0 || size > t.keys[pick].length)) pick = i;
    }
    // Stop when no range moves the newcomer closer to the mean.
    if (pick < 0 || Math.abs(room - t.keys[pick].length) >= room) break;
    owners[pick] = added;
    counts.set(donor, counts.get(donor)! - t.keys[pick].length);
    counts.set(added, counts.get(added)! + t.keys[pick].length);
  }
  return { ...t, owners };
}

/** Remove a node: each of its ranges goes to the survivor with the fewest keys. */
export function rangesWithoutNode(t: RangeTable, nodes: readonly string[], removed: string): RangeTable {
  const rest = nodes.filter((n) => n !== removed);
  if (rest.length === 0) return t;
  const owners = t.owners.slice();
  const counts = load(owners, t.keys, rest);
  for (let i = 0; i < owners.length; i++) {
    if (owners[i] !== removed) continue;
    let taker = rest[0];
    for (const n of rest) if (counts.get(n)! < counts.get(taker)!) taker = n;
    owners[i] = taker;
    counts.set(taker, counts.get(taker)! + t.keys[i].length);
  }
  return { ...t, owners };
}
