/**
 * The network model: per-link delay distributions, loss, duplication and
 * optional FIFO delivery, plus directed link cuts for partitions.
 *
 * This is the asynchronous network of the FLP and CAP papers made concrete:
 * a message may be delayed arbitrarily (a long-tailed distribution), lost,
 * duplicated or overtaken by a later one, and a partition is simply a set of
 * directed links that currently deliver nothing (Gilbert & Lynch 2002, §2.3
 * treat a partition as "all messages between components are lost").
 */
import type { NodeId, Sanitized, Time } from './types';
import { sanitizeDist, type Dist } from './dist';

/** How one directed link behaves. */
export interface LinkParams {
  /** One-way delay in ms. */
  readonly latency: Dist;
  /** Probability a message is lost, in [0, 1]. */
  readonly loss: number;
  /** Probability a message is delivered twice (the copy gets its own delay), in [0, 1]. */
  readonly dup: number;
  /** If true, messages on this link are never reordered (delivery times are made non-decreasing). */
  readonly fifo: boolean;
}

/** Initial network configuration supplied by a protocol's topology. */
export interface NetConfig {
  readonly defaults: LinkParams;
  /** Overrides keyed by `linkKey(from, to)`. */
  readonly links?: Readonly<Record<string, Partial<LinkParams>>>;
}

/** Network part of the world state (plain data). */
export interface NetState {
  readonly defaults: LinkParams;
  readonly links: Readonly<Record<string, LinkParams>>;
  /** Directed links that currently deliver nothing. */
  readonly cut: Readonly<Record<string, true>>;
  /** For FIFO links: the latest scheduled delivery time. */
  readonly fifoLast: Readonly<Record<string, Time>>;
}

/** Key of the directed link from → to. */
export function linkKey(from: NodeId, to: NodeId): string {
  return `${from}>${to}`;
}

/** The effective parameters of the directed link from → to. */
export function linkParams(net: NetState, from: NodeId, to: NodeId): LinkParams {
  return net.links[linkKey(from, to)] ?? net.defaults;
}

/** True if messages from → to are currently cut off. */
export function isCut(net: NetState, from: NodeId, to: NodeId): boolean {
  return net.cut[linkKey(from, to)] === true;
}

/** Build the initial network state from a config. */
export function initNet(cfg: NetConfig): NetState {
  const links: Record<string, LinkParams> = {};
  for (const [k, v] of Object.entries(cfg.links ?? {})) links[k] = { ...cfg.defaults, ...v };
  return { defaults: cfg.defaults, links, cut: {}, fifoLast: {} };
}

/**
 * Directed cuts for a partition into `groups`. Nodes not named in any group
 * together form one more group, so `[['A']]` isolates A from everyone else.
 */
export function partitionCuts(nodes: readonly NodeId[], groups: readonly (readonly NodeId[])[]): Record<string, true> {
  const groupOf = new Map<NodeId, number>();
  groups.forEach((g, i) => g.forEach((n) => groupOf.set(n, i)));
  const cut: Record<string, true> = {};
  for (const a of nodes) {
    for (const b of nodes) {
      if (a === b) continue;
      if ((groupOf.get(a) ?? -1) !== (groupOf.get(b) ?? -1)) cut[linkKey(a, b)] = true;
    }
  }
  return cut;
}

/** The current partition as groups of nodes that can reach each other both ways (for views). */
export function connectedGroups(net: NetState, nodes: readonly NodeId[]): NodeId[][] {
  const seen = new Set<NodeId>();
  const groups: NodeId[][] = [];
  for (const n of nodes) {
    if (seen.has(n)) continue;
    const g = [n];
    seen.add(n);
    for (let i = 0; i < g.length; i++) {
      for (const m of nodes) {
        if (!seen.has(m) && !isCut(net, g[i], m) && !isCut(net, m, g[i])) {
          seen.add(m);
          g.push(m);
        }
      }
    }
    groups.push(g);
  }
  return groups;
}

const prob = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;

/** Validate untrusted (partial) link parameters over a base; never throws. */
export function sanitizeLink(raw: unknown, base: LinkParams, path = 'link'): Sanitized<LinkParams> {
  if (typeof raw !== 'object' || raw === null) return { value: base, problems: [`${path}: not an object; using the default`] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  let latency = base.latency;
  if (r.latency !== undefined) {
    const d = sanitizeDist(r.latency, base.latency, `${path}.latency`);
    latency = d.value;
    problems.push(...d.problems);
  }
  const pick = (k: 'loss' | 'dup'): number => {
    if (r[k] === undefined) return base[k];
    if (prob(r[k])) return r[k] as number;
    problems.push(`${path}.${k}: must be a probability in [0, 1]; using ${base[k]}`);
    return base[k];
  };
  const loss = pick('loss');
  const dup = pick('dup');
  let fifo = base.fifo;
  if (r.fifo !== undefined) {
    if (typeof r.fifo === 'boolean') fifo = r.fifo;
    else problems.push(`${path}.fifo: must be true or false`);
  }
  return { value: { latency, loss, dup, fifo }, problems };
}
