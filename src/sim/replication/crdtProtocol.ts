/**
 * Multi-leader replicas that all accept writes and exchange full states by gossip (state-based
 * anti-entropy, Shapiro et al. 2011 §2.1; Dynamo-style always-writable replicas). Every replica
 * keeps the same two things twice, once as a last-writer-wins register and once as a CRDT:
 * - a like counter: an LWW register holding a number (read, add, write back) beside a G-Counter
 *   of increments and a PN-Counter that can also go down;
 * - a shopping cart: an LWW register holding the whole set beside an add-wins OR-Set.
 * Partition the replicas, change both sides, heal, and watch the merge: the registers keep one
 * side's write and silently drop the other's; the CRDTs keep both.
 */
import type { Ctx, Protocol } from '../core/protocol';
import type { NodeId, Sanitized, Scenario } from '../core/types';
import type { WorldAction } from '../core/actions';
import { gInc, gMerge, lwwMerge, lwwSet, orAdd, orEmpty, orMerge, orRemove, pnAdd, pnEmpty, pnMerge, type GCounter, type LwwRegister, type OrSet, type PNCounter } from './crdt';

/** Parameters: replicas (2–4), gossip period and link delay. */
export interface CrdtParams {
  readonly replicas: number;
  readonly gossip: number;
  readonly latency: number;
}

/** Defaults: three replicas, gossip every 100 ms, 20 ms links. */
export const crdtDefaults: CrdtParams = { replicas: 3, gossip: 100, latency: 20 };

/** One replica's data. */
export interface CrdtReplica {
  readonly likesLww: LwwRegister<number>;
  readonly likesG: GCounter;
  readonly likesPN: PNCounter;
  readonly cartLww: LwwRegister<readonly string[]>;
  readonly cartOr: OrSet;
  /** Updates made here (for the view). */
  readonly local: number;
}

/** Gossip carries the whole state. */
export type CrdtMsg = { readonly type: 'state'; readonly state: Omit<CrdtReplica, 'local'> };

/** Reader commands, each made at one replica. */
export type CrdtCmd =
  | { readonly type: 'crdt/like'; readonly replica: NodeId; readonly by: number }
  | { readonly type: 'crdt/add'; readonly replica: NodeId; readonly item: string }
  | { readonly type: 'crdt/remove'; readonly replica: NodeId; readonly item: string };

/** Replica ids. */
export const CRDT_REPLICAS: readonly NodeId[] = ['A', 'B', 'C', 'D'];

/** Empty replica. */
export const emptyCrdtReplica: CrdtReplica = {
  likesLww: { value: 0, time: 0, replica: '' },
  likesG: {},
  likesPN: pnEmpty,
  cartLww: { value: [], time: 0, replica: '' },
  cartOr: orEmpty,
  local: 0,
};

/** Merge a gossiped state into a replica (every field by its own merge). */
export function mergeReplica(a: CrdtReplica, b: Omit<CrdtReplica, 'local'>): CrdtReplica {
  return {
    likesLww: lwwMerge(a.likesLww, b.likesLww),
    likesG: gMerge(a.likesG, b.likesG),
    likesPN: pnMerge(a.likesPN, b.likesPN),
    cartLww: lwwMerge(a.cartLww, b.cartLww),
    cartOr: orMerge(a.cartOr, b.cartOr),
    local: a.local,
  };
}

/** Apply a reader's update at replica r at time `now`. */
export function applyCrdtUpdate(s: CrdtReplica, cmd: CrdtCmd, r: NodeId, now: number): CrdtReplica {
  if (cmd.type === 'crdt/like') {
    return {
      ...s,
      likesLww: lwwSet(s.likesLww, s.likesLww.value + cmd.by, now, r),
      likesG: cmd.by > 0 ? gInc(s.likesG, r, cmd.by) : s.likesG,
      likesPN: pnAdd(s.likesPN, r, cmd.by),
      local: s.local + 1,
    };
  }
  const cur = s.cartLww.value;
  const next = cmd.type === 'crdt/add' ? [...new Set([...cur, cmd.item])].sort() : cur.filter((x) => x !== cmd.item);
  return {
    ...s,
    cartLww: lwwSet(s.cartLww, next, now, r),
    cartOr: cmd.type === 'crdt/add' ? orAdd(s.cartOr, r, cmd.item) : orRemove(s.cartOr, cmd.item),
    local: s.local + 1,
  };
}

type CCtx = Ctx<CrdtMsg, CrdtParams>;
const strip = (s: CrdtReplica): Omit<CrdtReplica, 'local'> => ({ likesLww: s.likesLww, likesG: s.likesG, likesPN: s.likesPN, cartLww: s.cartLww, cartOr: s.cartOr });
const replicaIds = (p: CrdtParams) => CRDT_REPLICAS.slice(0, p.replicas);

const ITEM = /^[a-z][a-z0-9-]{0,15}$/;

/** Validate an untrusted command. */
export function parseCrdtCommand(raw: unknown): CrdtCmd | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.replica !== 'string' || !CRDT_REPLICAS.includes(r.replica)) return null;
  if (r.type === 'crdt/like') return typeof r.by === 'number' && Number.isInteger(r.by) && r.by !== 0 && Math.abs(r.by) <= 100 ? { type: 'crdt/like', replica: r.replica, by: r.by } : null;
  if ((r.type === 'crdt/add' || r.type === 'crdt/remove') && typeof r.item === 'string' && ITEM.test(r.item)) return { type: r.type, replica: r.replica, item: r.item };
  return null;
}

/** Validate and clamp params. */
export function sanitizeCrdtParams(raw: unknown): Sanitized<CrdtParams> {
  const d = crdtDefaults;
  if (typeof raw !== 'object' || raw === null) return { value: d, problems: raw === undefined ? [] : ['params: not an object; using the defaults'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const num = (k: keyof CrdtParams, lo: number, hi: number): number => {
    const v = r[k];
    if (v === undefined) return d[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi) return Math.round(v);
    problems.push(`${k} must be a number from ${lo} to ${hi}; using ${d[k]}`);
    return d[k];
  };
  return { value: { replicas: num('replicas', 2, 4), gossip: num('gossip', 10, 5000), latency: num('latency', 1, 1000) }, problems };
}

type A = WorldAction | CrdtCmd;
const like = (at: number, replica: string, by = 1) => ({ at, action: { type: 'crdt/like', replica, by } as CrdtCmd });
const add = (at: number, replica: string, item: string) => ({ at, action: { type: 'crdt/add', replica, item } as CrdtCmd });
const remove = (at: number, replica: string, item: string) => ({ at, action: { type: 'crdt/remove', replica, item } as CrdtCmd });
const split = (at: number) => ({ at, action: { type: 'net/partition', groups: [['A'], ['B', 'C']] } as WorldAction });
const heal = (at: number) => ({ at, action: { type: 'net/heal' } as WorldAction });

/** Scenarios of the multi-leader core. */
export const crdtScenarios: readonly Scenario<CrdtParams, A>[] = [
  {
    id: 'lww-loses-update',
    title: 'Last writer wins drops a concurrent like',
    description:
      'A is cut off from B and C. A user likes the post on A and another on B, and both replicas add an item to the cart. After the heal, the LWW counter says 1 and the LWW cart holds one item: one side’s update is gone. The G-Counter says 2 and the OR-Set holds both items.',
    seed: 1,
    params: crdtDefaults,
    log: [split(10), like(50, 'A'), like(60, 'B'), add(70, 'A', 'milk'), add(80, 'B', 'eggs'), heal(200)],
    until: 450,
  },
  {
    id: 'or-set-add-wins',
    title: 'Remove on one side, add on the other: the add wins',
    description:
      'The cart holds milk everywhere. During a partition, A removes milk while B adds milk again (say, from another tab). The OR-Set keeps milk, because B’s add carries a tag A never saw; the LWW cart keeps whichever write has the later stamp.',
    seed: 2,
    params: crdtDefaults,
    log: [add(0, 'A', 'milk'), split(150), add(190, 'B', 'milk'), remove(200, 'A', 'milk'), heal(300)],
    until: 550,
  },
  {
    id: 'counters-converge',
    title: 'Likes and unlikes on every side converge',
    description:
      'All three replicas take likes and unlikes while A is cut off, and gossip repeats and reorders their states. After the heal every replica reports the same PN-Counter value: the sum of every change, however the states arrived.',
    seed: 3,
    params: crdtDefaults,
    log: [split(10), like(40, 'A'), like(50, 'A'), like(60, 'B'), like(70, 'C', -1), like(90, 'B', 3), like(120, 'A', -1), heal(250)],
    until: 500,
  },
];

/** The multi-leader CRDT protocol. */
export const crdtProtocol: Protocol<CrdtParams, CrdtReplica, CrdtMsg, CrdtCmd> = {
  id: 'crdt',
  defaults: crdtDefaults,
  sanitizeParams: sanitizeCrdtParams,
  topology: (p) => ({ nodes: replicaIds(p), net: { defaults: { latency: { kind: 'uniform', min: p.latency * 0.5, max: p.latency * 1.5 }, loss: 0, dup: 0, fifo: false } } }),
  initNode(_id, ctx) {
    ctx.setTimer('gossip', ctx.random.uniform(0, ctx.params.gossip));
    return emptyCrdtReplica;
  },
  onMessage: (s, msg) => mergeReplica(s, msg.state),
  onTimer(s, name, ctx: CCtx) {
    if (name !== 'gossip') return s;
    ctx.broadcast({ type: 'state', state: strip(s) });
    ctx.setTimer('gossip', ctx.params.gossip);
    return s;
  },
  onCommand: (s, cmd, ctx) => applyCrdtUpdate(s, cmd, ctx.self, ctx.now),
  commandTarget: (cmd, p) => (replicaIds(p).includes(cmd.replica) ? cmd.replica : null),
  parseCommand: parseCrdtCommand,
  onRestart(s, ctx) {
    ctx.setTimer('gossip', ctx.params.gossip);
    return s;
  },
  describe: () => 'state',
  describeCommand: (c) => (c.type === 'crdt/like' ? `${c.replica}: ${c.by > 0 ? 'like' : 'unlike'}${Math.abs(c.by) > 1 ? ` ×${Math.abs(c.by)}` : ''}` : `${c.replica}: ${c.type === 'crdt/add' ? 'add' : 'remove'} ${c.item}`),
  scenarios: crdtScenarios,
};
