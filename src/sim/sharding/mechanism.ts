/**
 * The sharding lab's core as a kernel `Mechanism` (not a message-passing protocol: placement is a
 * pure function, so there is nothing to deliver). A run is (seed, params, log) like every lab's:
 * the log holds the reader's membership changes (add a node, remove one), each applied at its time,
 * so the toolkit's replay, stepping back, shared links and narration work unchanged. The layout is
 * rebuilt from the log, never from hidden state.
 */
import type { Mechanism, Sanitized, Scenario, TraceEntry } from '../core/types';
import type { HashedKey } from './hash';
import { makeKeys, makeMonotonicKeys, saltHotKeys, zipfWeights } from './keys';
import { SCHEMES, SCHEME_LABEL, makeLayout, type Layout, type SchemeId } from './schemes';
import { idealMovedFraction, loads, maxOverMean, modMovedFraction, moved, owners, type Move } from './stats';

/** How keys are made. */
export type KeyKind = 'random' | 'timestamps' | 'prefixed';

/** Lab parameters. */
export interface ShardingParams {
  readonly scheme: SchemeId;
  /** Nodes at the start, 2–8. */
  readonly nodes: number;
  /** Ring points per node, 1–1,000. */
  readonly vnodes: number;
  /** Keys drawn, 50–2,000. */
  readonly keys: number;
  /** Zipf exponent of key popularity (0: uniform), 0–2. */
  readonly zipf: number;
  /** The hottest keys salted into one sub-key per node, 0–10. */
  readonly salt: number;
  readonly keyKind: KeyKind;
  /** Fixed partitions, 8–1,024. */
  readonly partitions: number;
  /** A range splits above this many keys, 4–500. */
  readonly maxRangeKeys: number;
}

/** Defaults: a ring of 4 nodes with 8 points each, 400 uniformly popular random keys. */
export const shardingDefaults: ShardingParams = { scheme: 'ring', nodes: 4, vnodes: 8, keys: 400, zipf: 0, salt: 0, keyKind: 'random', partitions: 64, maxRangeKeys: 40 };

/** Reader actions. */
export type ShardAction = { readonly type: 'shard/add' } | { readonly type: 'shard/remove'; readonly node: string };

/** Node names in the lab, in the order they join. */
export const LAB_NODES: readonly string[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'];

/** What the last membership change did. */
export interface LastChange {
  readonly kind: 'add' | 'remove';
  readonly node: string;
  /** Nodes before the change. */
  readonly before: readonly string[];
  readonly moves: readonly Move[];
  readonly fraction: number;
  /** What an ideal consistent scheme moves: 1/(n+1) on add (n before), 1/n on remove. */
  readonly ideal: number;
  /** What hash mod N moves for the same change. */
  readonly modN: number;
}

/** The lab's state. `layout` is an immutable object rebuilt by replay; everything else is plain data. */
export interface ShardingState {
  readonly now: number;
  readonly params: ShardingParams;
  readonly seed: number;
  readonly keys: readonly HashedKey[];
  /** Request weight of each key (sums to 1): Zipf popularity, or the newest writes for timestamp keys. */
  readonly weights: readonly number[];
  readonly layout: Layout;
  readonly owners: readonly string[];
  readonly nextNode: number;
  readonly last: LastChange | null;
  readonly trace: readonly TraceEntry[];
  readonly events: number;
}

function makeKeySet(p: ShardingParams, seed: number): { keys: HashedKey[]; weights: number[] } {
  if (p.keyKind !== 'random') {
    const keys = makeMonotonicKeys(p.keys, seed, p.keyKind === 'prefixed' ? 16 : 0);
    // The newest tenth of the keys is where today's writes go.
    const hot = Math.max(1, Math.floor(p.keys / 10));
    return { keys, weights: keys.map((_, i) => (i >= p.keys - hot ? 1 / hot : 0)) };
  }
  const keys = makeKeys(p.keys, seed);
  const w = zipfWeights(keys.length, p.zipf);
  if (p.salt > 0) return saltHotKeys(keys, w, p.salt, p.nodes, seed);
  return { keys, weights: Array.from(w) };
}

const note = (s: Pick<ShardingState, 'trace' | 'now'>, label: string, kind: TraceEntry['kind'] = 'note'): TraceEntry[] => [...s.trace, { seq: s.trace.length, t: s.now, kind, label }];

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/**
 * The starting balance as one trace line, so the log (and narration checks) can say what the
 * picture shows before anything happens: keys per node, and the request share per node when
 * popularity is skewed (a node with an ordinary key count can still carry most of the load).
 */
function balanceNote(nodes: readonly string[], own: readonly string[], weights: readonly number[]): string {
  const counts = loads(nodes, own);
  const keysPart = `keys per node: ${nodes.map((n, i) => `${n} ${counts[i]}`).join(', ')} (busiest ${maxOverMean(counts).toFixed(2)}× the mean)`;
  const uniform = weights.every((w) => w === weights[0]);
  if (uniform) return keysPart;
  const load = loads(nodes, own, weights);
  const total = load.reduce((a, b) => a + b, 0) || 1;
  const share = load.map((x) => x / total);
  return `${keysPart}; requests per node: ${nodes.map((n, i) => `${n} ${pct(share[i])}`).join(', ')} (busiest ${maxOverMean(share).toFixed(2)}× the mean)`;
}

/** Initial state for a seed and params. */
export function initSharding(seed: number, p: ShardingParams): ShardingState {
  const { keys, weights } = makeKeySet(p, seed);
  const layout = makeLayout(p.scheme, LAB_NODES.slice(0, p.nodes), keys, { vnodes: p.vnodes, partitions: p.partitions, maxRangeKeys: p.maxRangeKeys, seed });
  const base = { now: 0, trace: [] as TraceEntry[] };
  const own = owners(layout, keys);
  return {
    now: 0,
    params: p,
    seed,
    keys,
    weights,
    layout,
    owners: own,
    nextNode: p.nodes,
    last: null,
    trace: note({ now: 0, trace: note(base, `${keys.length} keys on ${p.nodes} nodes by ${SCHEME_LABEL[p.scheme]}`) }, balanceNote(layout.nodes, own, weights)),
    events: 0,
  };
}

/** Apply a membership change. */
export function applyShardAction(s: ShardingState, a: ShardAction): ShardingState {
  const before = s.layout.nodes;
  let node: string;
  let layout: Layout;
  if (a.type === 'shard/add') {
    if (s.nextNode >= LAB_NODES.length) return { ...s, trace: note(s, `no more nodes: the lab stops at ${LAB_NODES.length}`), events: s.events + 1 };
    node = LAB_NODES[s.nextNode];
    layout = s.layout.add(node);
  } else {
    node = a.node;
    if (!s.layout.removable().includes(node) || before.length <= 1) {
      const why = s.params.scheme === 'jump' && before.includes(node) ? `jump hash can only remove its last bucket (${before[before.length - 1]})` : `${node} cannot be removed`;
      return { ...s, trace: note(s, why), events: s.events + 1 };
    }
    layout = s.layout.remove(node);
  }
  const next = owners(layout, s.keys);
  const m = moved(s.owners, next);
  const n = before.length;
  const ideal = a.type === 'shard/add' ? idealMovedFraction(n) : 1 / n;
  const modN = a.type === 'shard/add' ? modMovedFraction(n) : (n - 1) / n;
  const verb = a.type === 'shard/add' ? `${node} joins` : `${node} leaves`;
  const to = Object.entries(m.to)
    .map(([k, v]) => `${v} to ${k}`)
    .join(', ');
  const t1 = { ...s, trace: note(s, a.type === 'shard/add' ? `add node ${node}` : `remove node ${node}`, 'action') };
  return {
    ...s,
    layout,
    owners: next,
    nextNode: a.type === 'shard/add' ? s.nextNode + 1 : s.nextNode,
    last: { kind: a.type === 'shard/add' ? 'add' : 'remove', node, before, moves: m.moves, fraction: m.fraction, ideal, modN },
    trace: note(t1, `${verb}: ${m.moves.length} of ${s.keys.length} keys move (${pct(m.fraction)}; ideal ${pct(ideal)})${to ? `: ${to}` : ''}`),
    events: s.events + 1,
  };
}

/** Validate an untrusted action. */
export function parseShardAction(raw: unknown): ShardAction | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (r.type === 'shard/add') return { type: 'shard/add' };
  if (r.type === 'shard/remove' && typeof r.node === 'string' && LAB_NODES.includes(r.node)) return { type: 'shard/remove', node: r.node };
  return null;
}

const KINDS: readonly KeyKind[] = ['random', 'timestamps', 'prefixed'];

/** Validate and clamp untrusted params; never throws. */
export function sanitizeShardingParams(raw: unknown): Sanitized<ShardingParams> {
  const d = shardingDefaults;
  if (typeof raw !== 'object' || raw === null) return { value: d, problems: raw === undefined ? [] : ['params: not an object; using the defaults'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const num = (k: keyof ShardingParams, lo: number, hi: number, integer = true): number => {
    const v = r[k];
    const dv = d[k] as number;
    if (v === undefined) return dv;
    if (typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi) return integer ? Math.round(v) : v;
    problems.push(`${k} must be a number from ${lo} to ${hi}; using ${dv}`);
    return dv;
  };
  const scheme = r.scheme === undefined ? d.scheme : (SCHEMES as readonly unknown[]).includes(r.scheme) ? (r.scheme as SchemeId) : (problems.push(`scheme must be one of ${SCHEMES.join(', ')}; using ${d.scheme}`), d.scheme);
  const keyKind = r.keyKind === undefined ? d.keyKind : (KINDS as readonly unknown[]).includes(r.keyKind) ? (r.keyKind as KeyKind) : (problems.push(`keyKind must be one of ${KINDS.join(', ')}; using ${d.keyKind}`), d.keyKind);
  return {
    value: {
      scheme,
      nodes: num('nodes', 2, 8),
      vnodes: num('vnodes', 1, 1000),
      keys: num('keys', 50, 2000),
      zipf: num('zipf', 0, 2, false),
      salt: num('salt', 0, 10),
      keyKind,
      partitions: num('partitions', 8, 1024),
      maxRangeKeys: num('maxRangeKeys', 4, 500),
    },
    problems,
  };
}

type Sc = Scenario<ShardingParams, ShardAction>;
const add = (at: number) => ({ at, action: { type: 'shard/add' } as ShardAction });
const remove = (at: number, node: string) => ({ at, action: { type: 'shard/remove', node } as ShardAction });

/** The sharding scenarios (the first is the default). */
export const shardingScenarios: readonly Sc[] = [
  {
    id: 'ring-add-node',
    title: 'A node joins a consistent-hash ring',
    description: 'Four nodes with 8 points each share 400 keys. At 1 s node E joins: it takes over the arcs just before its 8 points, and only the keys on those arcs move, all of them to E, about 1/5 of the keys.',
    seed: 1,
    params: shardingDefaults,
    log: [add(1000)],
    until: 1500,
  },
  {
    id: 'mod-n-reshuffles',
    title: 'Hash mod N moves almost everything',
    description: 'The same keys placed by hash(key) mod N. When a fifth node joins, a key stays only if its hash gives the same remainder mod 4 and mod 5, so about 4 in 5 keys move, most of them between old nodes.',
    seed: 1,
    params: { ...shardingDefaults, scheme: 'mod' },
    log: [add(1000)],
    until: 1500,
  },
  {
    id: 'one-point-per-node',
    title: 'One point per node: lopsided arcs',
    description: 'With a single point per node, each node owns one arc whose length is random; the largest is often two or three times the mean. Raise the virtual nodes and watch the spread fall roughly as 1/√k.',
    seed: 4,
    params: { ...shardingDefaults, vnodes: 1 },
    log: [],
  },
  {
    id: 'jump-hash',
    title: 'Jump consistent hash: no ring at all',
    description: 'Jump hash computes the bucket from the key alone with a few multiplications, balances almost perfectly, and moves only 1/(n+1) of keys when a bucket is added. It can only add or remove the last bucket.',
    seed: 1,
    params: { ...shardingDefaults, scheme: 'jump' },
    log: [add(1000)],
    until: 1500,
  },
  {
    id: 'rendezvous-remove',
    title: 'Rendezvous hashing: a leaving node’s keys spread out',
    description: 'Each key goes to the node that scores it highest. When B leaves, each of its keys goes to its second-highest scorer, so B’s load spreads over every survivor instead of landing on one neighbour.',
    seed: 1,
    params: { ...shardingDefaults, scheme: 'rendezvous' },
    log: [remove(1000, 'B')],
    until: 1500,
  },
  {
    id: 'zipf-hot-key',
    title: 'A popular key overloads its node, whatever the scheme',
    description: 'Key popularity follows Zipf with exponent 1.1: the hottest key alone takes about a fifth of all requests. Balanced key counts do not help; the node holding it carries far more than the mean.',
    seed: 5,
    params: { ...shardingDefaults, vnodes: 100, zipf: 1.1 },
    log: [],
  },
  {
    id: 'salted-hot-key',
    title: 'Salting spreads the hot keys',
    description: 'The three hottest keys are each split into one sub-key per node (key#0 … key#3), each with a quarter of the load. Writes pick one sub-key; the price is that a read must ask all of them.',
    seed: 5,
    params: { ...shardingDefaults, vnodes: 100, zipf: 1.1, salt: 3 },
    log: [],
  },
  {
    id: 'timestamps-hot-range',
    title: 'Timestamps as keys: the last range takes every write',
    description: 'Keys are timestamps kept in order, split into ranges of at most 40 keys. Every new key is larger than all before it, so all of today’s writes land in the last range, on one node, however well the stored keys are balanced.',
    seed: 4,
    params: { ...shardingDefaults, scheme: 'range', keyKind: 'timestamps' },
    log: [],
  },
  {
    id: 'prefixed-timestamps',
    title: 'A hash prefix spreads them',
    description: 'The same timestamps behind a prefix of hash(sensor) mod 16. New writes now land at the end of 16 separate key ranges, on several nodes; a time-range scan must query all 16 prefixes.',
    seed: 4,
    params: { ...shardingDefaults, scheme: 'range', keyKind: 'prefixed' },
    log: [],
  },
  {
    id: 'fixed-partitions',
    title: 'Fixed partitions move whole',
    description: 'The key space is cut into 64 equal partitions once; a key never changes partition. When E joins it takes whole partitions from the busiest nodes until it has its share, so about 1/5 of keys move and nothing is re-hashed.',
    seed: 1,
    params: { ...shardingDefaults, scheme: 'fixed' },
    log: [add(1000)],
    until: 1500,
  },
];

/** The sharding lab's mechanism. */
export const shardingMechanism: Mechanism<ShardingParams, ShardingState, ShardAction> = {
  id: 'sharding',
  defaults: shardingDefaults,
  sanitizeParams: sanitizeShardingParams,
  parseAction: parseShardAction,
  init: initSharding,
  apply: applyShardAction,
  peek: () => Infinity,
  next: (s) => s,
  advanceTo: (s, t) => (t > s.now ? { ...s, now: t } : s),
  now: (s) => s.now,
  trace: (s) => s.trace,
  scenarios: shardingScenarios,
};
