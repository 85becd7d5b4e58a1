/**
 * The partition (CAP) core as a `Mechanism`: params, action parsing and the event loop.
 * Protocol details live in core.ts; scenarios in scenarios.ts.
 */
import type { Mechanism, NodeId, Sanitized } from '../core/types';
import { INITIAL_VERSION, invoke, linked, note, receive, send, timeoutOp } from './core';
import { seedWord } from './prng';
import { partitionScenarios } from './scenarios';
import type { ClientInfo, PartitionAction, PartitionParams, PartitionState } from './types';

/** Node ids in order. */
export const NODE_IDS = ['A', 'B', 'C', 'D', 'E'] as const;
/** Client ids in order. */
export const CLIENT_IDS = ['c1', 'c2', 'c3'] as const;

/** Default parameters. */
export const PARTITION_DEFAULTS: PartitionParams = {
  nodes: 3,
  clients: 2,
  mode: 'CP',
  merge: 'lww',
  latency: 60,
  jitter: 0.3,
  opTimeout: 500,
};

function clampInt(raw: unknown, lo: number, hi: number, def: number, name: string, problems: string[]): number {
  if (raw === undefined) return def;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    problems.push(`${name} must be a number; using ${def}.`);
    return def;
  }
  const v = Math.round(raw);
  if (v < lo || v > hi) problems.push(`${name} ${raw} is outside ${lo}–${hi}; clamped.`);
  return Math.min(hi, Math.max(lo, v));
}

function clampNum(raw: unknown, lo: number, hi: number, def: number, name: string, problems: string[]): number {
  if (raw === undefined) return def;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    problems.push(`${name} must be a number; using ${def}.`);
    return def;
  }
  if (raw < lo || raw > hi) problems.push(`${name} ${raw} is outside ${lo}–${hi}; clamped.`);
  return Math.min(hi, Math.max(lo, raw));
}

/** Validate and clamp untrusted params. Never throws. */
export function sanitizePartitionParams(raw: unknown): Sanitized<PartitionParams> {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (raw !== undefined && (raw === null || typeof raw !== 'object')) problems.push('Settings were not an object; using defaults.');
  const d = PARTITION_DEFAULTS;
  const nodes = clampInt(r.nodes, 3, 5, d.nodes, 'Replicas', problems);
  const mode = r.mode === undefined ? d.mode : r.mode === 'CP' || r.mode === 'AP' ? r.mode : (problems.push('Mode must be CP or AP; using CP.'), d.mode);
  const merge =
    r.merge === undefined ? d.merge : r.merge === 'lww' || r.merge === 'siblings' ? r.merge : (problems.push('Merge must be lww or siblings; using lww.'), d.merge);
  return {
    value: {
      nodes,
      clients: clampInt(r.clients, 1, 3, d.clients, 'Clients', problems),
      mode,
      merge,
      latency: clampNum(r.latency, 5, 500, d.latency, 'Latency', problems),
      jitter: clampNum(r.jitter, 0, 0.9, d.jitter, 'Jitter', problems),
      opTimeout: clampNum(r.opTimeout, 50, 5000, d.opTimeout, 'Request timeout', problems),
    },
    problems,
  };
}

const VALUE_RE = /^[A-Za-z0-9_-]{1,12}$/;
const ID_RE = /^[A-Za-z0-9]{1,4}$/;

/** Validate an untrusted action. Node membership is checked later, against the run's nodes. */
export function parsePartitionAction(raw: unknown): PartitionAction | null {
  if (!raw || typeof raw !== 'object') return null;
  const a = raw as Record<string, unknown>;
  switch (a.type) {
    case 'net/heal':
      return { type: 'net/heal' };
    case 'net/partition': {
      if (!Array.isArray(a.groups) || a.groups.length < 1 || a.groups.length > 9) return null;
      const groups: NodeId[][] = [];
      for (const g of a.groups) {
        if (!Array.isArray(g) || g.length < 1 || g.length > 9 || !g.every((n) => typeof n === 'string' && ID_RE.test(n))) return null;
        groups.push([...g]);
      }
      return { type: 'net/partition', groups };
    }
    case 'client/write':
      if (typeof a.client !== 'string' || !ID_RE.test(a.client) || typeof a.value !== 'string' || !VALUE_RE.test(a.value)) return null;
      return { type: 'client/write', client: a.client, value: a.value };
    case 'client/read':
      if (typeof a.client !== 'string' || !ID_RE.test(a.client)) return null;
      return { type: 'client/read', client: a.client };
    default:
      return null;
  }
}

/** Attach clients to different replicas: first, last, second, … so they land on opposite sides. */
export function attachClients(nodes: readonly NodeId[], count: number): ClientInfo[] {
  const order = [0, nodes.length - 1, 1, nodes.length - 2];
  return CLIENT_IDS.slice(0, count).map((id, i) => ({ id, node: nodes[order[i]] }));
}

/** Normalise reader groups: drop unknown/duplicate ids; nodes left out become isolated. */
export function normaliseGroups(nodes: readonly NodeId[], groups: readonly (readonly NodeId[])[]): NodeId[][] {
  const seen = new Set<NodeId>();
  const out: NodeId[][] = [];
  for (const g of groups) {
    const clean = g.filter((n) => nodes.includes(n) && !seen.has(n));
    clean.forEach((n) => seen.add(n));
    if (clean.length) out.push(clean);
  }
  for (const n of nodes) if (!seen.has(n)) out.push([n]);
  return out;
}

function init(seed: number, params: PartitionParams): PartitionState {
  const nodes = NODE_IDS.slice(0, params.nodes);
  const replicas = Object.fromEntries(nodes.map((n) => [n, { versions: [INITIAL_VERSION] }]));
  return {
    params, now: 0, rng: seedWord(seed), seq: 0, nextMsg: 1, nextOp: 1, nextWrite: 1, nodes,
    clients: attachClients(nodes, params.clients), replicas, groups: null, queue: [], ops: [], writes: [], trace: [],
  };
}

function apply(s: PartitionState, a: PartitionAction): PartitionState {
  switch (a.type) {
    case 'net/partition': {
      const groups = normaliseGroups(s.nodes, a.groups);
      if (groups.length === 1) return note({ ...s, groups: null }, 'heal', 'Partition with one side: everyone connected');
      return note({ ...s, groups }, 'partition', `Partition: ${groups.map((g) => g.join(',')).join(' | ')}`, { data: { groups } });
    }
    case 'net/heal': {
      let st = note({ ...s, groups: null }, 'heal', 'Network healed; replicas exchange what they hold');
      for (const from of st.nodes)
        for (const to of st.nodes) if (from !== to) st = sendSync(st, from, to);
      return st;
    }
    case 'client/write':
      return invoke(s, a.client, 'write', a.value);
    case 'client/read':
      return invoke(s, a.client, 'read');
  }
}

/** Anti-entropy on heal: push everything `from` holds to `to`. */
function sendSync(s: PartitionState, from: NodeId, to: NodeId): PartitionState {
  return send(s, from, to, { type: 'sync', versions: s.replicas[from].versions });
}

function next(s: PartitionState): PartitionState {
  const [head, ...rest] = s.queue;
  if (!head) return s;
  const st: PartitionState = { ...s, queue: rest, now: Math.max(s.now, head.at) };
  if (head.ev.kind === 'op-timeout') return timeoutOp(st, head.ev.op);
  const msg = head.ev.msg;
  if (!linked(st, msg.from, msg.to)) {
    return note(st, 'drop', `message ${msg.from}→${msg.to} lost in the partition`, { node: msg.to, from: msg.from, to: msg.to, msgId: msg.id });
  }
  const delivered = note(st, 'deliver', `${msg.to} receives ${msg.body.type} from ${msg.from}`, { node: msg.to, from: msg.from, to: msg.to, msgId: msg.id });
  return receive(delivered, msg);
}

/** The partition (CAP) mechanism. */
export const partitionMechanism: Mechanism<PartitionParams, PartitionState, PartitionAction> = {
  id: 'partition',
  defaults: PARTITION_DEFAULTS,
  sanitizeParams: sanitizePartitionParams,
  parseAction: parsePartitionAction,
  init,
  apply,
  peek: (s) => (s.queue.length ? s.queue[0].at : Infinity),
  next,
  advanceTo: (s, t) => (t > s.now ? { ...s, now: t } : s),
  now: (s) => s.now,
  trace: (s) => s.trace,
  scenarios: partitionScenarios,
};
