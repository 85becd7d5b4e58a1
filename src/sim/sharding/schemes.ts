/**
 * The six placement schemes behind one interface, so the lab and the experiments can put the same
 * keys through each and compare what moves and how evenly load falls. A layout is immutable:
 * `add` and `remove` return the layout after a membership change, keeping whatever state the
 * scheme keeps (a ring, a partition table, a range table).
 */
import type { HashedKey } from './hash';
import { buildRing, ringOwner, type Ring } from './ring';
import { jumpHash } from './jump';
import { rendezvousIndex, rendezvousSeeds } from './rendezvous';
import { initialTable, partitionOf, tableWithNode, tableWithoutNode } from './partitions';
import { buildRanges, rangeIndex, rangesWithNode, rangesWithoutNode, type RangeTable } from './range';

/** Scheme ids, in the order the lab lists them. */
export const SCHEMES = ['mod', 'ring', 'jump', 'rendezvous', 'range', 'fixed'] as const;
/** One placement scheme. */
export type SchemeId = (typeof SCHEMES)[number];

/** Display names. */
export const SCHEME_LABEL: Record<SchemeId, string> = {
  mod: 'hash mod N',
  ring: 'consistent-hash ring',
  jump: 'jump consistent hash',
  rendezvous: 'rendezvous (HRW)',
  range: 'key ranges with splits',
  fixed: 'fixed partitions',
};

/** Settings a layout needs besides its nodes. */
export interface SchemeOptions {
  /** Virtual nodes per node on the ring, 1–1,000. */
  readonly vnodes: number;
  /** Number of fixed partitions. */
  readonly partitions: number;
  /** A range splits when it holds more than this many keys. */
  readonly maxRangeKeys: number;
  /** Hash seed for ring points and rendezvous scores. */
  readonly seed: number;
}

/** Defaults: 100 vnodes, 256 partitions, ranges of at most 64 keys. */
export const defaultSchemeOptions: SchemeOptions = { vnodes: 100, partitions: 256, maxRangeKeys: 64, seed: 0 };

/** A placement of keys on nodes. */
export interface Layout {
  readonly scheme: SchemeId;
  readonly nodes: readonly string[];
  owner(k: HashedKey): string;
  /** The layout after adding `node`. */
  add(node: string): Layout;
  /** The layout after removing `node` (jump hash can only drop its last bucket; see `removable`). */
  remove(node: string): Layout;
  /** Nodes this scheme can remove without renumbering: every node, except for jump hash (the last only). */
  removable(): readonly string[];
  /** The ring, for drawing (ring scheme only). */
  readonly ring?: Ring;
  /** Partition → node table (fixed scheme only). */
  readonly table?: readonly string[];
  /** Range table (range scheme only). */
  readonly ranges?: RangeTable;
}

function modLayout(nodes: readonly string[]): Layout {
  return {
    scheme: 'mod',
    nodes,
    owner: (k) => nodes[k.h % nodes.length],
    add: (n) => modLayout([...nodes, n]),
    remove: (n) => modLayout(nodes.filter((x) => x !== n)),
    removable: () => nodes,
  };
}

function ringLayout(nodes: readonly string[], o: SchemeOptions): Layout {
  const ring = buildRing(nodes, o.vnodes, o.seed);
  return {
    scheme: 'ring',
    nodes,
    ring,
    owner: (k) => ringOwner(ring, k.h),
    add: (n) => ringLayout([...nodes, n], o),
    remove: (n) => ringLayout(nodes.filter((x) => x !== n), o),
    removable: () => nodes,
  };
}

function jumpLayout(nodes: readonly string[]): Layout {
  return {
    scheme: 'jump',
    nodes,
    owner: (k) => nodes[jumpHash(k.hi, k.h, nodes.length)],
    add: (n) => jumpLayout([...nodes, n]),
    // Buckets are numbered 0..n−1: only the last can go without renumbering (Lamping & Veach §5).
    remove: (n) => (n === nodes[nodes.length - 1] ? jumpLayout(nodes.slice(0, -1)) : jumpLayout(nodes)),
    removable: () => nodes.slice(-1),
  };
}

function rendezvousLayout(nodes: readonly string[], o: SchemeOptions): Layout {
  const seeds = rendezvousSeeds(nodes, o.seed);
  return {
    scheme: 'rendezvous',
    nodes,
    owner: (k) => nodes[rendezvousIndex(seeds, k.h)],
    add: (n) => rendezvousLayout([...nodes, n], o),
    remove: (n) => rendezvousLayout(nodes.filter((x) => x !== n), o),
    removable: () => nodes,
  };
}

function fixedLayout(nodes: readonly string[], table: readonly string[]): Layout {
  const p = table.length;
  return {
    scheme: 'fixed',
    nodes,
    table,
    owner: (k) => table[partitionOf(k.h, p)],
    add: (n) => fixedLayout([...nodes, n], tableWithNode(table, nodes, n)),
    remove: (n) => fixedLayout(nodes.filter((x) => x !== n), tableWithoutNode(table, nodes, n)),
    removable: () => nodes,
  };
}

function rangeLayout(nodes: readonly string[], t: RangeTable): Layout {
  return {
    scheme: 'range',
    nodes,
    ranges: t,
    owner: (k) => t.owners[rangeIndex(t.starts, k.ord)],
    add: (n) => rangeLayout([...nodes, n], rangesWithNode(t, nodes, n)),
    remove: (n) => rangeLayout(nodes.filter((x) => x !== n), rangesWithoutNode(t, nodes, n)),
    removable: () => nodes,
  };
}

/**
 * Lay out `nodes` with a scheme. Range partitioning is built by inserting `keys` in order (it is
 * the only scheme whose boundaries depend on the data).
 */
export function makeLayout(scheme: SchemeId, nodes: readonly string[], keys: readonly HashedKey[], opts: Partial<SchemeOptions> = {}): Layout {
  const o = { ...defaultSchemeOptions, ...opts };
  switch (scheme) {
    case 'mod':
      return modLayout(nodes);
    case 'ring':
      return ringLayout(nodes, o);
    case 'jump':
      return jumpLayout(nodes);
    case 'rendezvous':
      return rendezvousLayout(nodes, o);
    case 'fixed':
      return fixedLayout(nodes, initialTable(Math.max(1, Math.floor(o.partitions)), nodes));
    case 'range':
      return rangeLayout(nodes, buildRanges(keys.map((k) => k.ord), nodes, o.maxRangeKeys).table);
  }
}
