/**
 * Single-leader replication on the kernel's message-passing world (DDIA ch. 5 and 8; the fencing
 * token of Kleppmann, "How to do distributed locking", 2016, checked by replicas as storage).
 *
 * - The leader appends each client write to its log and sends the entry to every follower over
 *   FIFO links whose one-way delay is the replication lag. Followers apply entries in log order.
 * - async: the leader acknowledges at once. semisync: it waits for one follower's confirmation
 *   (MySQL's rpl_semi_sync_master_wait_for_slave_count = 1), so an acknowledged write is on two nodes.
 * - Failover (a reader command) promotes a follower under a new epoch; it announces its log, and
 *   every replica that hears adopts it, discarding any suffix the old leader had not shipped.
 * - A GC pause stops a node without its knowledge: messages queue and are handled when it wakes,
 *   as if nothing had happened. A restarted node, in contrast, asks who leads now.
 * - Fencing: replicas refuse entries stamped with an epoch older than the newest they know and
 *   tell the sender, which steps down. Without it they accept them (and count them).
 * Crashes keep the durable state (log, epoch, role); in-flight waiting is lost.
 */
import type { Ctx, Protocol } from '../core/protocol';
import type { NodeId, Sanitized } from '../core/types';
import { linkKey } from '../core/network';
import { CLIENTS, REPLICAS, type ClientState, type Entry, type Op, type RCmd, type ReadPart, type ReadPolicy, type ReplicaState, type ReplicationMode, type ReplicationParams, type RMsg, type RNode } from './types';
import { replicationScenarios } from './scenarios';

/** Defaults: leader A and two followers, two clients, 60 ms lag, async, reads from any follower, no fencing. */
export const replicationDefaults: ReplicationParams = {
  followers: 2,
  clients: 2,
  lag: 60,
  clientLatency: 5,
  mode: 'async',
  readPolicy: 'any',
  fencing: false,
  timeout: 1000,
};

type RCtx = Ctx<RMsg, ReplicationParams>;

/** Replica ids for these params. */
export const replicasOf = (p: ReplicationParams): readonly NodeId[] => REPLICAS.slice(0, p.followers + 1);
/** Client ids for these params. */
export const clientsOf = (p: ReplicationParams): readonly NodeId[] => CLIENTS.slice(0, p.clients);

/** The value a log currently holds for `key`: the last entry that wrote it. */
export function latestEntry(log: readonly Entry[], key: string): Entry | null {
  for (let i = log.length - 1; i >= 0; i--) if (log[i].key === key) return log[i];
  return null;
}

function part(s: ReplicaState, key: string, self: NodeId): ReadPart {
  const e = latestEntry(s.log, key);
  return { key, replica: self, op: e ? e.op : null, value: e ? e.value : null, applied: s.log.length };
}

/** Answer reads that were waiting for this replica to catch up. */
function answerWaiting(s: ReplicaState, ctx: RCtx): ReplicaState {
  if (!s.waiting.length) return s;
  const ready = s.waiting.filter((w) => s.log.length >= w.minSeq);
  if (!ready.length) return s;
  for (const w of ready) ctx.send(w.client, { type: 'readOk', op: w.op, part: part(s, w.key, ctx.self) });
  return { ...s, waiting: s.waiting.filter((w) => s.log.length < w.minSeq) };
}

/** Step down to follower of `leader` at `epoch`; writes waiting for confirmation fail. */
function stepDown(s: ReplicaState, epoch: number, leader: NodeId, ctx: RCtx, why: string): ReplicaState {
  if (s.role === 'leader') ctx.note(`${ctx.self} steps down: ${why}`);
  for (const p of s.pending) ctx.send(p.client, { type: 'writeFail', op: p.op, reason: `${ctx.self} is no longer the leader`, leader });
  return { ...s, role: 'follower', epoch, leader, pending: [], confirmed: {} };
}

/** Release semi-synchronous writes now confirmed by a follower. */
function release(s: ReplicaState, ctx: RCtx): ReplicaState {
  const best = Math.max(0, ...Object.values(s.confirmed));
  const done = s.pending.filter((p) => p.seq <= best);
  if (!done.length) return s;
  for (const p of done) ctx.send(p.client, { type: 'writeOk', op: p.op, seq: p.seq, epoch: s.epoch });
  return { ...s, pending: s.pending.filter((p) => p.seq > best) };
}

function onReplicaMessage(s: ReplicaState, msg: RMsg, from: NodeId, ctx: RCtx): ReplicaState {
  if (s.paused) return { ...s, inbox: [...s.inbox, { msg, from }] };
  const p = ctx.params;
  switch (msg.type) {
    case 'write': {
      if (s.role !== 'leader') {
        ctx.send(from, { type: 'writeFail', op: msg.op, reason: `${ctx.self} is not the leader`, leader: s.leader });
        return s;
      }
      const entry: Entry = { seq: s.log.length + 1, epoch: s.epoch, key: msg.key, value: msg.value, op: msg.op };
      for (const r of replicasOf(p)) if (r !== ctx.self) ctx.send(r, { type: 'append', epoch: s.epoch, entries: [entry] });
      const next = { ...s, log: [...s.log, entry] };
      if (p.mode === 'async') {
        ctx.send(from, { type: 'writeOk', op: msg.op, seq: entry.seq, epoch: s.epoch });
        return next;
      }
      return release({ ...next, pending: [...next.pending, { op: msg.op, client: from, seq: entry.seq }] }, ctx);
    }
    case 'append': {
      if (msg.epoch > s.epoch && s.role === 'leader') s = stepDown(s, msg.epoch, from, ctx, `${from} leads epoch ${msg.epoch}`);
      if (s.role === 'leader') return s; // a leader takes no entries from an older leader
      if (msg.epoch < s.epoch) {
        if (p.fencing) {
          ctx.note(`${ctx.self} refuses ${msg.entries.length} entr${msg.entries.length === 1 ? 'y' : 'ies'} from ${from}: epoch ${msg.epoch} < ${s.epoch} (fenced)`);
          ctx.send(from, { type: 'fenced', epoch: s.epoch, leader: s.leader });
          return { ...s, refused: s.refused + msg.entries.length };
        }
        ctx.note(`${ctx.self} accepts a write from ${from} of old epoch ${msg.epoch} (no fencing)`);
      }
      let log = s.log;
      let gap = false;
      let stale = 0;
      for (const e of msg.entries) {
        if (e.seq > log.length + 1) {
          gap = true;
          break;
        }
        const have = log[e.seq - 1];
        if (have && have.op === e.op && have.epoch === e.epoch) continue; // duplicate
        log = [...log.slice(0, e.seq - 1), e]; // a conflicting suffix is replaced, as in any log
        if (msg.epoch < s.epoch) stale++;
      }
      const epoch = Math.max(s.epoch, msg.epoch);
      const leader = msg.epoch >= s.epoch ? from : s.leader;
      const next = answerWaiting({ ...s, log, epoch, leader, staleAccepted: s.staleAccepted + stale }, ctx);
      // Without fencing, storage knows nothing of epochs: it echoes the sender's, so a deposed
      // leader learns nothing from it. With fencing it reports the newest epoch it knows.
      ctx.send(from, { type: 'appendAck', epoch: p.fencing ? next.epoch : msg.epoch, have: log.length, gap });
      return next;
    }
    case 'appendAck': {
      if (msg.epoch > s.epoch) return stepDown(s, msg.epoch, s.leader, ctx, `a replica knows epoch ${msg.epoch}`);
      if (s.role !== 'leader') return s;
      if (msg.gap || msg.have < s.log.length) {
        const missing = s.log.slice(msg.have);
        if (msg.gap && missing.length) ctx.send(from, { type: 'append', epoch: s.epoch, entries: missing });
      }
      const confirmed = { ...s.confirmed, [from]: Math.max(s.confirmed[from] ?? 0, Math.min(msg.have, s.log.length)) };
      return release({ ...s, confirmed }, ctx);
    }
    case 'fenced': {
      if (msg.epoch <= s.epoch) return s;
      return stepDown(s, msg.epoch, msg.leader, ctx, `fenced by ${from} (epoch ${msg.epoch})`);
    }
    case 'newLeader': {
      // The leader's own log is authoritative at its epoch (FIFO links: no older copy overtakes a newer one).
      if (msg.epoch < s.epoch || (msg.epoch === s.epoch && s.leader !== from)) return s;
      const dropped = s.log.filter((e, i) => msg.log[i]?.op !== e.op);
      if (dropped.length) ctx.note(`${ctx.self} discards ${dropped.length} entr${dropped.length === 1 ? 'y' : 'ies'} the new leader ${from} never had`);
      const down = stepDown(s, msg.epoch, from, ctx, `${from} was promoted (epoch ${msg.epoch})`);
      const next = answerWaiting({ ...down, log: msg.log }, ctx);
      ctx.send(from, { type: 'appendAck', epoch: next.epoch, have: next.log.length, gap: false });
      return next;
    }
    case 'hello': {
      // A restarted replica asks who leads; the leader answers with its log.
      if (s.role === 'leader' && s.epoch >= msg.epoch) ctx.send(from, { type: 'newLeader', epoch: s.epoch, log: s.log });
      return s;
    }
    case 'read': {
      if (s.role === 'leader' || s.log.length >= msg.minSeq) {
        ctx.send(from, { type: 'readOk', op: msg.op, part: part(s, msg.key, ctx.self) });
        return s;
      }
      return { ...s, waiting: [...s.waiting, { op: msg.op, client: from, key: msg.key, minSeq: msg.minSeq }] };
    }
    default:
      return s;
  }
}

/** Position of an op in its client's list: ids are "<client>.<1-based position>" (O(1), not a search). */
function opIndex(c: ClientState, id: string): number {
  const i = Number(id.slice(id.lastIndexOf('.') + 1)) - 1;
  return Number.isInteger(i) && i >= 0 && i < c.ops.length && c.ops[i].id === id ? i : -1;
}

function findOp(c: ClientState, id: string): Op | undefined {
  const i = opIndex(c, id);
  return i < 0 ? undefined : c.ops[i];
}

function updateOp(c: ClientState, id: string, f: (o: Op) => Op): ClientState {
  const i = opIndex(c, id);
  if (i < 0) return c;
  const ops = c.ops.slice();
  ops[i] = f(ops[i]);
  return { ...c, ops };
}

function onClientMessage(c: ClientState, msg: RMsg, from: NodeId, ctx: RCtx): ClientState {
  switch (msg.type) {
    case 'writeOk': {
      const op = findOp(c, msg.op);
      if (!op || op.status !== 'pending') return c;
      ctx.cancelTimer(`timeout ${op.id}`);
      const next = updateOp(c, op.id, (o) => ({ ...o, status: 'ok', end: ctx.now, by: from, seq: msg.seq, epoch: msg.epoch }));
      return { ...next, token: Math.max(c.token, msg.seq), written: c.written.includes(op.keys[0]) ? c.written : [...c.written, op.keys[0]] };
    }
    case 'writeFail': {
      const op = findOp(c, msg.op);
      const next = { ...c, leader: msg.leader };
      if (!op || op.status !== 'pending') return next;
      ctx.cancelTimer(`timeout ${op.id}`);
      return updateOp(next, op.id, (o) => ({ ...o, status: 'failed', end: ctx.now, reason: msg.reason }));
    }
    case 'readOk': {
      const op = findOp(c, msg.op);
      if (!op || op.status !== 'pending' || op.parts.some((x) => x.key === msg.part.key)) return c;
      const parts = [...op.parts, msg.part];
      const done = op.keys.every((k) => parts.some((x) => x.key === k));
      if (done) ctx.cancelTimer(`timeout ${op.id}`);
      const next = updateOp(c, op.id, (o) => ({ ...o, parts, ...(done ? { status: 'ok' as const, end: ctx.now } : {}) }));
      return { ...next, token: Math.max(c.token, msg.part.applied) };
    }
    case 'newLeader':
      return msg.epoch > 0 ? { ...c, leader: from } : c;
    default:
      return c;
  }
}

/** The follower a read of `key` goes to under a policy. */
function readTarget(c: ClientState, key: string, policy: ReadPolicy, turn: number, ctx: RCtx): NodeId {
  const followers = replicasOf(ctx.params).filter((r) => r !== c.leader);
  if (policy === 'leader' || followers.length === 0) return c.leader;
  if (policy === 'leader-own' && c.written.includes(key)) return c.leader;
  const me = Math.max(0, CLIENTS.indexOf(ctx.self));
  if (policy === 'sticky') return followers[me % followers.length];
  return followers[(me + turn) % followers.length];
}

function newOp(c: ClientState, kind: Op['kind'], keys: readonly string[], ctx: RCtx, value?: string): Op {
  return { id: `${ctx.self}.${c.ops.length + 1}`, kind, client: ctx.self, start: ctx.now, end: null, status: 'pending', keys, parts: [], ...(value !== undefined ? { value } : {}) };
}

const initialReplica = (id: NodeId): ReplicaState => ({
  kind: 'replica',
  role: id === 'A' ? 'leader' : 'follower',
  epoch: 1,
  leader: 'A',
  log: [],
  confirmed: {},
  pending: [],
  waiting: [],
  paused: false,
  inbox: [],
  staleAccepted: 0,
  refused: 0,
});

/** The replication protocol (see the file comment). */
export const replicationProtocol: Protocol<ReplicationParams, RNode, RMsg, RCmd> = {
  id: 'replication',
  defaults: replicationDefaults,
  sanitizeParams: sanitizeReplicationParams,
  topology(p) {
    const replicas = replicasOf(p);
    const clients = clientsOf(p);
    const links: Record<string, { latency: { kind: 'constant'; value: number } }> = {};
    for (const a of replicas) for (const b of replicas) if (a !== b) links[linkKey(a, b)] = { latency: { kind: 'constant', value: p.lag } };
    return {
      nodes: [...replicas, ...clients],
      net: { defaults: { latency: { kind: 'constant', value: p.clientLatency }, loss: 0, dup: 0, fifo: true }, links },
    };
  },
  initNode: (id) => (CLIENTS.includes(id) ? { kind: 'client', leader: 'A', token: 0, written: [], rr: 0, ops: [] } : initialReplica(id)),
  onMessage(s, msg, from, ctx) {
    return s.kind === 'client' ? onClientMessage(s, msg, from, ctx) : onReplicaMessage(s, msg, from, ctx);
  },
  onTimer(s, name, ctx) {
    if (s.kind === 'replica' && name === 'wake') {
      ctx.note(`${ctx.self} wakes from its pause, unaware that time has passed`);
      let next: ReplicaState = { ...s, paused: false, inbox: [] };
      for (const m of s.inbox) next = onReplicaMessage(next, m.msg, m.from, ctx);
      return next;
    }
    if (s.kind === 'client' && name.startsWith('timeout ')) {
      const id = name.slice('timeout '.length);
      const op = findOp(s, id);
      if (!op || op.status !== 'pending') return s;
      ctx.note(`${ctx.self} gives up on ${id}`);
      return updateOp(s, id, (o) => ({ ...o, status: 'failed', end: ctx.now, reason: 'timed out' }));
    }
    return s;
  },
  onCommand(s, cmd, ctx) {
    if (cmd.type === 'rep/failover') {
      if (s.kind !== 'replica' || s.role === 'leader') return s;
      const epoch = Math.max(s.epoch + 1, cmd.epoch ?? 0);
      ctx.note(`${ctx.self} promoted to leader, epoch ${epoch}, with ${s.log.length} entries`);
      ctx.broadcast({ type: 'newLeader', epoch, log: s.log });
      return { ...s, role: 'leader', epoch, leader: ctx.self, confirmed: {}, pending: [], waiting: [] };
    }
    if (cmd.type === 'rep/pause') {
      if (s.kind !== 'replica' || s.paused) return s;
      ctx.setTimer('wake', cmd.ms);
      ctx.note(`${ctx.self} pauses for ${cmd.ms} ms (stop-the-world GC)`);
      return { ...s, paused: true };
    }
    if (s.kind !== 'client') return s;
    if (cmd.type === 'rep/write') {
      const value = cmd.value ?? `${ctx.self}#${s.ops.filter((o) => o.kind === 'write').length + 1}`;
      const op = newOp(s, 'write', [cmd.key], ctx, value);
      ctx.send(s.leader, { type: 'write', op: op.id, key: cmd.key, value });
      ctx.setTimer(`timeout ${op.id}`, ctx.params.timeout);
      return { ...s, ops: [...s.ops, op] };
    }
    const op = newOp(s, 'read', cmd.keys, ctx);
    const policy = ctx.params.readPolicy;
    // Sticky reads ask one replica for every key; the others choose per key, in rotation.
    cmd.keys.forEach((key, i) => ctx.send(readTarget(s, key, policy, s.rr + i, ctx), { type: 'read', op: op.id, key, minSeq: policy === 'token' ? s.token : 0 }));
    ctx.setTimer(`timeout ${op.id}`, ctx.params.timeout);
    return { ...s, rr: s.rr + cmd.keys.length, ops: [...s.ops, op] };
  },
  commandTarget(cmd, p) {
    if (cmd.type === 'rep/failover') return replicasOf(p).includes(cmd.to) ? cmd.to : null;
    if (cmd.type === 'rep/pause') return replicasOf(p).includes(cmd.node) ? cmd.node : null;
    return clientsOf(p).includes(cmd.client) ? cmd.client : null;
  },
  parseCommand: parseReplicationCommand,
  onCrash(s) {
    if (s.kind === 'client') return { ...s, ops: s.ops.map((o) => (o.status === 'pending' ? { ...o, status: 'failed' as const, reason: 'client crashed' } : o)) };
    return { ...s, confirmed: {}, pending: [], waiting: [], paused: false, inbox: [] };
  },
  onRestart(s, ctx) {
    if (s.kind === 'replica') for (const r of replicasOf(ctx.params)) if (r !== ctx.self) ctx.send(r, { type: 'hello', epoch: s.epoch });
    return s;
  },
  describe(m) {
    switch (m.type) {
      case 'write':
        return `write ${m.key}=${m.value}`;
      case 'writeOk':
        return `ok #${m.seq}`;
      case 'writeFail':
        return 'write refused';
      case 'append':
        return m.entries.length === 1 ? `#${m.entries[0].seq} ${m.entries[0].key}=${m.entries[0].value} (e${m.epoch})` : `${m.entries.length} entries (e${m.epoch})`;
      case 'appendAck':
        return `have ${m.have}`;
      case 'fenced':
        return `fenced: epoch ${m.epoch}`;
      case 'read':
        return m.minSeq > 0 ? `read ${m.key} (≥ #${m.minSeq})` : `read ${m.key}`;
      case 'readOk':
        return `${m.part.key}=${m.part.value ?? '∅'}`;
      case 'newLeader':
        return `new leader, epoch ${m.epoch}`;
      case 'hello':
        return 'who leads?';
    }
  },
  describeCommand(c) {
    switch (c.type) {
      case 'rep/write':
        return `${c.client} writes ${c.key}${c.value ? `=${c.value}` : ''}`;
      case 'rep/read':
        return `${c.client} reads ${c.keys.join(', ')}`;
      case 'rep/failover':
        return `fail over to ${c.to}${c.epoch ? ` (epoch ${c.epoch})` : ''}`;
      case 'rep/pause':
        return `${c.node} pauses ${c.ms} ms`;
    }
  },
  scenarios: replicationScenarios,
};

const KEY = /^[a-z][a-z0-9_-]{0,15}$/;

/** Validate an untrusted reader command; null if invalid. */
export function parseReplicationCommand(raw: unknown): RCmd | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const isClient = (x: unknown): x is string => typeof x === 'string' && CLIENTS.includes(x);
  const isReplica = (x: unknown): x is string => typeof x === 'string' && REPLICAS.includes(x);
  switch (r.type) {
    case 'rep/write':
      if (!isClient(r.client) || typeof r.key !== 'string' || !KEY.test(r.key)) return null;
      if (r.value !== undefined && (typeof r.value !== 'string' || r.value.length > 24)) return null;
      return { type: 'rep/write', client: r.client, key: r.key, ...(r.value !== undefined ? { value: r.value as string } : {}) };
    case 'rep/read':
      if (!isClient(r.client) || !Array.isArray(r.keys) || r.keys.length < 1 || r.keys.length > 4 || !r.keys.every((k) => typeof k === 'string' && KEY.test(k))) return null;
      return { type: 'rep/read', client: r.client, keys: [...new Set(r.keys as string[])] };
    case 'rep/failover':
      if (!isReplica(r.to)) return null;
      if (r.epoch === undefined) return { type: 'rep/failover', to: r.to };
      return typeof r.epoch === 'number' && Number.isInteger(r.epoch) && r.epoch >= 1 && r.epoch <= 1_000_000 ? { type: 'rep/failover', to: r.to, epoch: r.epoch } : null;
    case 'rep/pause':
      return isReplica(r.node) && typeof r.ms === 'number' && Number.isFinite(r.ms) && r.ms >= 1 && r.ms <= 10_000 ? { type: 'rep/pause', node: r.node, ms: r.ms } : null;
    default:
      return null;
  }
}

const MODES: readonly ReplicationMode[] = ['async', 'semisync'];
const POLICIES: readonly ReadPolicy[] = ['any', 'leader', 'leader-own', 'sticky', 'token'];

/** Validate and clamp untrusted params (URL, props); never throws. */
export function sanitizeReplicationParams(raw: unknown): Sanitized<ReplicationParams> {
  const d = replicationDefaults;
  if (typeof raw !== 'object' || raw === null) return { value: d, problems: raw === undefined ? [] : ['params: not an object; using the defaults'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const int = (k: keyof ReplicationParams, lo: number, hi: number): number => {
    const v = r[k];
    const dv = d[k] as number;
    if (v === undefined) return dv;
    if (typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi) return Math.round(v);
    problems.push(`${k} must be a number from ${lo} to ${hi}; using ${dv}`);
    return dv;
  };
  const pick = <T extends string>(k: keyof ReplicationParams, options: readonly T[]): T => {
    const v = r[k];
    if (v === undefined) return d[k] as T;
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    problems.push(`${k} must be one of ${options.join(', ')}; using ${String(d[k])}`);
    return d[k] as T;
  };
  let fencing = d.fencing;
  if (r.fencing !== undefined) {
    if (typeof r.fencing === 'boolean') fencing = r.fencing;
    else problems.push('fencing must be true or false; using false');
  }
  return {
    value: {
      followers: int('followers', 1, 4),
      clients: int('clients', 1, 3),
      lag: int('lag', 0, 5000),
      clientLatency: int('clientLatency', 1, 500),
      mode: pick('mode', MODES),
      readPolicy: pick('readPolicy', POLICIES),
      fencing,
      timeout: int('timeout', 10, 60_000),
    },
    problems,
  };
}
