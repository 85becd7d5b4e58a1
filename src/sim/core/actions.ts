/**
 * External actions on the world that every mechanism shares: network faults
 * and node crashes. Protocol-specific commands are added as a union alongside.
 */
import type { NodeId } from './types';
import type { Dist } from './dist';

/** A reader (or scenario) action on the network or a node. */
export type WorldAction =
  | { readonly type: 'net/partition'; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly type: 'net/heal' }
  | { readonly type: 'net/cut'; readonly from: NodeId; readonly to: NodeId }
  | { readonly type: 'net/restore'; readonly from: NodeId; readonly to: NodeId }
  | {
      readonly type: 'net/link';
      readonly from: NodeId;
      readonly to: NodeId;
      readonly latency?: Dist;
      readonly loss?: number;
      readonly dup?: number;
      readonly fifo?: boolean;
      /** Apply to both directions. */
      readonly both?: boolean;
    }
  | { readonly type: 'net/drop'; readonly msgId: number }
  | { readonly type: 'node/crash'; readonly node: NodeId }
  | { readonly type: 'node/restart'; readonly node: NodeId };

const NODE_RE = /^[A-Za-z0-9_-]{1,16}$/;
const isNode = (v: unknown): v is NodeId => typeof v === 'string' && NODE_RE.test(v);

/** True if `a` is a world action rather than a protocol command. */
export function isWorldAction(a: { type: string }): a is WorldAction {
  return a.type.startsWith('net/') || a.type.startsWith('node/');
}

/** Validate an untrusted world action; null if it is not one or is malformed. Node names are checked against the world when applied. */
export function parseWorldAction(raw: unknown): WorldAction | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  switch (r.type) {
    case 'net/partition': {
      if (!Array.isArray(r.groups) || r.groups.length > 9) return null;
      const groups: NodeId[][] = [];
      for (const g of r.groups) {
        if (!Array.isArray(g) || g.length > 16 || !g.every(isNode)) return null;
        groups.push([...g]);
      }
      return { type: 'net/partition', groups };
    }
    case 'net/heal':
      return { type: 'net/heal' };
    case 'net/cut':
    case 'net/restore':
      return isNode(r.from) && isNode(r.to) ? { type: r.type, from: r.from, to: r.to } : null;
    case 'net/link': {
      if (!isNode(r.from) || !isNode(r.to)) return null;
      const out: Record<string, unknown> = { type: 'net/link', from: r.from, to: r.to };
      for (const k of ['latency', 'loss', 'dup', 'fifo', 'both']) if (r[k] !== undefined) out[k] = r[k];
      if (out.loss !== undefined && !(typeof out.loss === 'number' && out.loss >= 0 && out.loss <= 1)) return null;
      if (out.dup !== undefined && !(typeof out.dup === 'number' && out.dup >= 0 && out.dup <= 1)) return null;
      if (out.fifo !== undefined && typeof out.fifo !== 'boolean') return null;
      if (out.both !== undefined && typeof out.both !== 'boolean') return null;
      return out as WorldAction; // latency is sanitised when applied
    }
    case 'net/drop':
      return typeof r.msgId === 'number' && Number.isInteger(r.msgId) && r.msgId >= 0 ? { type: 'net/drop', msgId: r.msgId } : null;
    case 'node/crash':
    case 'node/restart':
      return isNode(r.node) ? { type: r.type, node: r.node } : null;
    default:
      return null;
  }
}

/** Short human-readable label for a world action. */
export function describeWorldAction(a: WorldAction): string {
  switch (a.type) {
    case 'net/partition':
      return `partition ${a.groups.map((g) => g.join(',')).join(' | ')}`;
    case 'net/heal':
      return 'heal all links';
    case 'net/cut':
      return `cut link ${a.from}→${a.to}`;
    case 'net/restore':
      return `restore link ${a.from}→${a.to}`;
    case 'net/link':
      return `set link ${a.from}${a.both ? '↔' : '→'}${a.to}`;
    case 'net/drop':
      return `drop message #${a.msgId}`;
    case 'node/crash':
      return `crash ${a.node}`;
    case 'node/restart':
      return `restart ${a.node}`;
  }
}

/** Most groups and most nodes per group a partition may name (the same bounds `parseWorldAction` enforces). */
const MAX_GROUPS = 9;
const MAX_GROUP_SIZE = 16;

/**
 * Parse partition groups written as text, "A,B|C" (narration cues, keyboard input), into the
 * groups of a `net/partition` action; null when malformed. Untrusted input, so every node must be
 * one of `known`, no node may appear twice and no group may be empty. Nodes left out of every
 * group end up isolated, as `net/partition` defines.
 */
export function parseGroups(text: string, known: readonly NodeId[]): NodeId[][] | null {
  if (typeof text !== 'string' || text.length > 200) return null;
  const groups = text.split('|').map((g) => g.split(',').map((s) => s.trim()).filter(Boolean));
  if (groups.length > MAX_GROUPS) return null;
  const seen = new Set<string>();
  for (const g of groups) {
    if (g.length === 0 || g.length > MAX_GROUP_SIZE) return null;
    for (const n of g) {
      if (!known.includes(n) || seen.has(n)) return null;
      seen.add(n);
    }
  }
  return groups;
}

/** Format partition groups back to text, "A,B | C" (the inverse of `parseGroups`, spaced for reading). */
export function formatGroups(groups: readonly (readonly NodeId[])[]): string {
  return groups.map((g) => g.join(',')).join(' | ');
}
