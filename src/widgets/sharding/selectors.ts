/** Pure selectors from the sharding core's state to what ShardingLab draws, lists and says. */
import {
  LAB_NODES,
  RING_SIZE,
  buildRing,
  ringShareRelStd,
  ringShares,
  SCHEME_LABEL,
  loads,
  maxOverMean,
  relStdDev,
  ringArcs,
  ringExpectedRelStd,
  ringOwner,
  type ShardingState,
} from '../../sim/sharding';

/** Colour of the i-th node (A, B, …): the theme's five node colours, then six more. */
export function nodeColor(i: number): string {
  return i < 5 ? `var(--node-${'abcde'[i]})` : `var(--shard-${i})`;
}

/** Index of a node name in join order (A = 0). */
export const nodeIndex = (node: string): number => node.charCodeAt(0) - 65;

/** One coloured arc of the key circle, in turns (0 = top, clockwise). */
export interface ArcView {
  readonly from: number;
  readonly to: number;
  readonly node: string;
}

/** One key dot: its angle (turns), owner, and where it moved in the last change. */
export interface KeyDot {
  readonly i: number;
  readonly turn: number;
  readonly node: string;
  readonly moved: { readonly from: string; readonly to: string } | null;
  readonly weight: number;
}

/** What the key circle shows. */
export interface CircleModel {
  /** Coloured ownership arcs; empty when the scheme has none (mod N, jump, rendezvous). */
  readonly arcs: ArcView[];
  /** Ring points (ring scheme only, when few enough to draw). */
  readonly points: { turn: number; node: string }[];
  readonly keys: KeyDot[];
  /** What the circle's position means for this scheme. */
  readonly axis: string;
}

/** The key circle for the current state. */
export function circleModel(s: ShardingState): CircleModel {
  const { layout, keys } = s;
  const range = layout.scheme === 'range';
  const moved = new Map((s.last?.moves ?? []).map((m) => [m.key, m]));
  const dots: KeyDot[] = keys.map((k, i) => {
    const m = moved.get(i);
    return { i, turn: (range ? k.ord : k.h) / RING_SIZE, node: s.owners[i], moved: m ? { from: m.from, to: m.to } : null, weight: s.weights[i] ?? 0 };
  });
  let arcs: ArcView[] = [];
  let points: { turn: number; node: string }[] = [];
  if (layout.ring) {
    arcs = ringArcs(layout.ring).flatMap((a): ArcView[] => {
      const from = a.start / RING_SIZE;
      const to = a.end / RING_SIZE;
      return to >= from && layout.ring!.points.length > 1 ? [{ from, to, node: a.node }] : [{ from, to: 1, node: a.node }, { from: 0, to, node: a.node }];
    });
    arcs = mergeRuns(arcs);
    // Thousands of slivers draw nothing a reader can see: past MAX_ARCS, colour 720 equal bins by
    // the node owning each bin's midpoint instead (half a degree each).
    if (arcs.length > MAX_ARCS) arcs = binArcs(layout.ring);
    if (layout.ring.points.length <= 160) points = Array.from(layout.ring.points, (p, i) => ({ turn: p / RING_SIZE, node: layout.ring!.nodes[layout.ring!.owners[i]] }));
  } else if (layout.table) {
    const p = layout.table.length;
    arcs = mergeRuns(layout.table.map((node, i) => ({ from: i / p, to: (i + 1) / p, node })));
  } else if (layout.ranges) {
    const st = layout.ranges.starts;
    arcs = mergeRuns(st.map((start, i) => ({ from: start / RING_SIZE, to: (i + 1 < st.length ? st[i + 1] : RING_SIZE) / RING_SIZE, node: layout.ranges!.owners[i] })));
  }
  const axis = range
    ? 'Keys in key order, from the smallest at the top, clockwise; arcs are ranges.'
    : layout.ring
      ? 'Keys at their hash on the ring; each arc belongs to the node of the point at its clockwise end.'
      : layout.table
        ? 'Keys at their hash; the circle is cut into equal partitions, each coloured by its node.'
        : `Keys at their hash. ${SCHEME_LABEL[layout.scheme].replace(/^./, (c) => c.toUpperCase())} keeps no ring: each key's node is computed from the key itself.`;
  return { arcs, points, keys: dots, axis };
}

/** Most arcs the picture draws one by one. */
export const MAX_ARCS = 720;

function binArcs(ring: NonNullable<ShardingState['layout']['ring']>): ArcView[] {
  const bins: ArcView[] = [];
  for (let i = 0; i < MAX_ARCS; i++) bins.push({ from: i / MAX_ARCS, to: (i + 1) / MAX_ARCS, node: ringOwner(ring, Math.floor(((i + 0.5) / MAX_ARCS) * RING_SIZE)) });
  return mergeRuns(bins);
}

/** Join neighbouring arcs of one node (partitions and ranges) so the picture draws fewer paths. */
function mergeRuns(arcs: ArcView[]): ArcView[] {
  const out: ArcView[] = [];
  for (const a of arcs) {
    const last = out[out.length - 1];
    if (last && last.node === a.node && Math.abs(last.to - a.from) < 1e-12) out[out.length - 1] = { ...last, to: a.to };
    else out.push(a);
  }
  return out;
}

/** Per-node load rows. */
export interface LoadRow {
  readonly node: string;
  readonly keys: number;
  /** Share of requests (Zipf popularity or new writes), 0–1. */
  readonly requests: number;
  readonly colorIndex: number;
  readonly hottest: boolean;
}

/** Balance figures for the current layout. */
export interface Balance {
  readonly rows: LoadRow[];
  readonly keysRelStd: number;
  readonly keysMaxOverMean: number;
  readonly requestMaxOverMean: number;
  /** Closed form for the ring's relative spread of keys per node (ring scheme only). */
  readonly expectedRelStd: number | null;
}

/** Keys and requests per node, with the spread measures. */
export function balance(s: ShardingState): Balance {
  const nodes = s.layout.nodes;
  const keyLoads = loads(nodes, s.owners);
  const req = loads(nodes, s.owners, s.weights);
  const top = Math.max(...req);
  const rows = nodes.map((node, i) => ({ node, keys: keyLoads[i], requests: req[i], colorIndex: nodeIndex(node), hottest: req[i] === top && top > 0 }));
  return {
    rows,
    keysRelStd: relStdDev(keyLoads),
    keysMaxOverMean: maxOverMean(keyLoads),
    requestMaxOverMean: maxOverMean(req),
    expectedRelStd: s.layout.ring ? ringExpectedRelStd(nodes.length, s.layout.ring.vnodes, s.keys.length) : null,
  };
}

const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)}%`;

/** Measured against ideal for the last membership change, or null before any. */
export function movedSummary(s: ShardingState): { measured: number; ideal: number; modN: number; count: number; to: [string, number][]; node: string; kind: 'add' | 'remove' } | null {
  const l = s.last;
  if (!l) return null;
  const to = new Map<string, number>();
  for (const m of l.moves) to.set(m.to, (to.get(m.to) ?? 0) + 1);
  return { measured: l.fraction, ideal: l.ideal, modN: l.modN, count: l.moves.length, to: [...to.entries()].sort(), node: l.node, kind: l.kind };
}

/** One plain sentence: what just happened, and why. */
export function shardCaption(s: ShardingState): string {
  const m = movedSummary(s);
  const scheme = s.layout.scheme;
  const n = s.layout.nodes.length;
  if (m) {
    const head = `${m.node} ${m.kind === 'add' ? 'joined' : 'left'}: ${m.count} of ${s.keys.length} keys moved (${pct(m.measured)}; a consistent scheme needs ${pct(m.ideal)}).`;
    if (scheme === 'mod') return `${head} Hash mod N changed the divisor from ${m.kind === 'add' ? n - 1 : n + 1} to ${n}, so almost every key's remainder changed and keys moved between old nodes too.`;
    if (m.kind === 'add') {
      const why =
        scheme === 'ring'
          ? `only keys on the arcs just before ${m.node}'s new points changed owner`
          : scheme === 'jump'
            ? `jump hash moves a key to the new bucket with probability 1/${n} and never between old buckets`
            : scheme === 'rendezvous'
              ? `a key moves only if ${m.node} now scores it highest`
              : scheme === 'fixed'
                ? `${m.node} took whole partitions; no key changed partition`
                : `${m.node} took whole ranges from the busiest nodes`;
      return `${head} Every one went to ${m.node}: ${why}.`;
    }
    const spread = m.to.length;
    return `${head} Only ${m.node}'s keys moved, to ${spread} node${spread === 1 ? '' : 's'}${scheme === 'ring' ? ': each arc passes to the next point clockwise' : scheme === 'rendezvous' ? ': each key goes to its second-highest scorer' : ''}.`;
  }
  const b = balance(s);
  if (s.params.keyKind === 'timestamps' && scheme === 'range')
    return `Every new timestamp is larger than the last, so all new writes go to the last range: one node takes ${pct(Math.max(...b.rows.map((r) => r.requests)), 0)} of them.`;
  if (s.params.keyKind === 'prefixed') return `The hash prefix puts new writes at the end of 16 ranges; the busiest node takes ${pct(Math.max(...b.rows.map((r) => r.requests)), 0)} of them.`;
  if (s.params.zipf > 0) {
    const hot = b.rows.find((r) => r.hottest)!;
    return `${hot.node} serves ${pct(hot.requests, 0)} of requests, ${b.requestMaxOverMean.toFixed(2)}× the mean, because popularity is skewed (Zipf ${s.params.zipf})${s.params.salt ? ` even with the ${s.params.salt} hottest keys salted` : ''}; key counts differ by only ${b.keysMaxOverMean.toFixed(2)}×.`;
  }
  if (scheme === 'ring')
    return `With ${s.layout.ring!.vnodes} point${s.layout.ring!.vnodes === 1 ? '' : 's'} per node the busiest node holds ${b.keysMaxOverMean.toFixed(2)}× the mean; key counts spread by ${pct(b.keysRelStd, 0)} (expected about ${pct(b.expectedRelStd ?? 0, 0)}).`;
  return `${SCHEME_LABEL[scheme].replace(/^./, (c) => c.toUpperCase())}: the busiest node holds ${b.keysMaxOverMean.toFixed(2)}× the mean number of keys. Add or remove a node to see what moves.`;
}

/** Label for a logged action (timeline markers). */
export function describeShardAction(a: { type: string; node?: unknown }): string {
  return a.type === 'shard/add' ? 'add a node' : a.type === 'shard/remove' ? `remove ${String(a.node)}` : a.type;
}

/** One point of the spread-against-points curve. */
export interface CurvePoint {
  readonly k: number;
  /** RMS over several rings of the relative spread of arc shares. */
  readonly measured: number;
  /** √((n−1)/(nk+1)). */
  readonly expected: number;
}

/** Points per node the curve samples. */
export const CURVE_KS: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000];
const curveCache = new Map<string, CurvePoint[]>();

/**
 * Spread of ring arc shares against points per node, for n nodes: the RMS over eight rings (hash
 * seeds derived from `seed`) beside the closed form. Pure; memoised on (n, seed).
 */
export function vnodeCurve(n: number, seed: number): CurvePoint[] {
  const key = `${n}:${seed}`;
  const hit = curveCache.get(key);
  if (hit) return hit;
  const names = LAB_NODES.slice(0, n);
  const out = CURVE_KS.map((k) => {
    let s2 = 0;
    const T = 8;
    for (let t = 0; t < T; t++) s2 += relStdDev(ringShares(buildRing(names, k, (seed * 7919 + t * 104729) >>> 0))) ** 2;
    return { k, measured: Math.sqrt(s2 / T), expected: ringShareRelStd(n, k) };
  });
  if (curveCache.size > 32) curveCache.clear();
  curveCache.set(key, out);
  return out;
}
