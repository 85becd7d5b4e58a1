/**
 * The quorum-replication protocol on the kernel's message-passing world.
 *
 * Models Dynamo-style replication as in Bailis et al., VLDB 2012, §2.2 and
 * §4.1 ("expanding partial quorums"): the coordinator (the client) sends each
 * write to all N replicas and reports success after W acks; it sends each read
 * to all N and answers with the newest of the first R replies. Replicas keep
 * the highest version they have seen (last-writer-wins on version numbers).
 *
 * Repair modes make a precise point the lab teaches: W + R > N guarantees a
 * read overlaps every *completed* write's quorum, but it does not make the
 * register linearizable. A read that overlaps an *in-progress* write can return
 * the new value while a later read returns the old one, unless reads write
 * back before returning (ABD's second phase, the 'blocking' mode).
 */
import type { Ctx, Protocol } from '../core/protocol';
import type { NodeId, Sanitized } from '../core/types';
import { sanitizeDist } from '../core/dist';
import { CLIENTS, REPLICAS, versionLabel, type ClientState, type Op, type QCmd, type QMsg, type QNode, type QuorumParams, type RepairMode } from './types';
import { quorumScenarios } from './scenarios';

/** Default parameters: N = 3, W = R = 2, no repair, 2 clients, 5–15 ms links. */
export const quorumDefaults: QuorumParams = {
  n: 3,
  w: 2,
  r: 2,
  repair: 'off',
  clients: 2,
  latency: { kind: 'uniform', min: 5, max: 15 },
  timeout: 500,
};

type QCtx = Ctx<QMsg, QuorumParams>;

const replicasOf = (p: QuorumParams): readonly NodeId[] => REPLICAS.slice(0, p.n);
const clientIndex = (c: NodeId): number => CLIENTS.indexOf(c) + 1;

/** Index of an op in its client's list: ids are "<client>:<1-based position>". */
function opIndex(s: ClientState, id: string): number {
  const i = Number(id.slice(id.lastIndexOf(':') + 1)) - 1;
  return Number.isInteger(i) && i >= 0 && i < s.ops.length && s.ops[i].id === id ? i : -1;
}

function updateOp(s: ClientState, id: string, f: (op: Op) => Op): ClientState {
  const i = opIndex(s, id);
  if (i < 0) return s;
  const ops = s.ops.slice();
  ops[i] = f(ops[i]);
  return { ...s, ops };
}

function sendAll(ctx: QCtx, msg: QMsg): void {
  for (const r of replicasOf(ctx.params)) ctx.send(r, msg);
}

function newOp(s: ClientState, kind: Op['kind'], ctx: QCtx, version: number): Op {
  return {
    id: `${ctx.self}:${s.ops.length + 1}`,
    kind,
    client: ctx.self,
    start: ctx.now,
    end: null,
    status: 'pending',
    version,
    acks: [],
    replies: [],
    quorum: [],
    repaired: [],
  };
}

function onClientMessage(s: ClientState, msg: QMsg, from: NodeId, ctx: QCtx): ClientState {
  const idx = opIndex(s, (msg as { op: string }).op);
  if (idx < 0) return s;
  const op = s.ops[idx];
  const p = ctx.params;
  if (msg.type === 'ack') {
    if (op.acks.includes(from)) return s;
    const acks = [...op.acks, from];
    const waiting = (op.kind === 'write' && op.status === 'pending') || (op.kind === 'read' && op.status === 'writeback');
    if (waiting && acks.length >= p.w) {
      ctx.cancelTimer(`timeout ${op.id}`);
      ctx.note(
        op.kind === 'write'
          ? `${ctx.self} write ${versionLabel(op.version)} committed (W = ${p.w} acks: ${acks.join(', ')})`
          : `${ctx.self} read returns ${versionLabel(op.version)} after write-back to ${acks.join(', ')}`,
        { op: op.id },
      );
      return updateOp(s, op.id, (o) => ({ ...o, acks, status: 'done', end: ctx.now, quorum: o.kind === 'write' ? acks : o.quorum }));
    }
    return updateOp(s, op.id, (o) => ({ ...o, acks }));
  }
  if (msg.type !== 'reply' || op.kind !== 'read' || op.replies.some((r) => r.node === from)) return s;
  const replies = [...op.replies, { node: from, version: msg.version, at: ctx.now }];
  const counter = Math.max(s.counter, Math.floor(msg.version / 10));
  let next: ClientState = { ...updateOp(s, op.id, (o) => ({ ...o, replies })), counter };
  if (op.status === 'pending' && replies.length >= p.r) {
    const quorum = replies.slice(0, p.r);
    const newest = Math.max(...quorum.map((r) => r.version));
    const stale = quorum.filter((r) => r.version < newest).map((r) => r.node);
    if (p.repair === 'blocking') {
      // ABD phase 2: make sure W replicas hold what we are about to return.
      sendAll(ctx, { type: 'write', op: op.id, version: newest, repair: true });
      ctx.note(`${ctx.self} read saw ${versionLabel(newest)}; writing it back before answering`, { op: op.id });
      return updateOp(next, op.id, (o) => ({ ...o, status: 'writeback', version: newest, quorum: quorum.map((r) => r.node), repaired: replicasOf(p) }));
    }
    ctx.cancelTimer(`timeout ${op.id}`);
    if (p.repair === 'async') for (const n of stale) ctx.send(n, { type: 'write', op: op.id, version: newest, repair: true });
    ctx.note(`${ctx.self} read returns ${versionLabel(newest)} (R = ${p.r} replies: ${quorum.map((r) => `${r.node} ${versionLabel(r.version)}`).join(', ')})`, { op: op.id });
    next = updateOp(next, op.id, (o) => ({
      ...o,
      status: 'done',
      end: ctx.now,
      version: newest,
      quorum: quorum.map((r) => r.node),
      repaired: p.repair === 'async' ? stale : [],
    }));
    return next;
  }
  // A late reply: read repair fixes the replica if it is behind what we returned.
  if (op.status !== 'pending' && p.repair === 'async' && msg.version < op.version && !op.repaired.includes(from)) {
    ctx.send(from, { type: 'write', op: op.id, version: op.version, repair: true });
    next = updateOp(next, op.id, (o) => ({ ...o, repaired: [...o.repaired, from] }));
  }
  return next;
}

/** The quorum protocol (see the file comment). */
export const quorumProtocol: Protocol<QuorumParams, QNode, QMsg, QCmd> = {
  id: 'quorum',
  defaults: quorumDefaults,
  sanitizeParams: sanitizeQuorumParams,
  topology(p) {
    const link = { latency: p.latency, loss: 0, dup: 0, fifo: false };
    return { nodes: [...replicasOf(p), ...CLIENTS.slice(0, p.clients)], net: { defaults: link } };
  },
  initNode(id) {
    return CLIENTS.includes(id) ? { kind: 'client', counter: 0, ops: [] } : { kind: 'replica', version: 0, since: 0 };
  },
  onMessage(s, msg, from, ctx) {
    if (s.kind === 'client') return onClientMessage(s, msg, from, ctx);
    if (msg.type === 'write') {
      ctx.send(from, { type: 'ack', op: msg.op, version: msg.version });
      if (msg.version > s.version) {
        if (msg.repair) ctx.note(`${ctx.self} repaired to ${versionLabel(msg.version)}`);
        return { kind: 'replica', version: msg.version, since: ctx.now };
      }
      return s;
    }
    if (msg.type === 'read') ctx.send(from, { type: 'reply', op: msg.op, version: s.version });
    return s;
  },
  onTimer(s, name, ctx) {
    if (s.kind !== 'client' || !name.startsWith('timeout ')) return s;
    const id = name.slice('timeout '.length);
    const i = opIndex(s, id);
    const op = i < 0 ? undefined : s.ops[i];
    if (!op || op.status === 'done' || op.status === 'failed') return s;
    const got = op.kind === 'write' || op.status === 'writeback' ? `${op.acks.length} of W = ${ctx.params.w} acks` : `${op.replies.length} of R = ${ctx.params.r} replies`;
    ctx.note(`${ctx.self} ${op.kind} timed out with ${got}`, { op: id });
    return updateOp(s, id, (o) => ({ ...o, status: 'failed', end: ctx.now }));
  },
  onCommand(s, cmd, ctx) {
    if (s.kind !== 'client') return s;
    if (cmd.type === 'q/write') {
      const counter = s.counter + 1;
      const version = counter * 10 + clientIndex(ctx.self);
      const op = newOp(s, 'write', ctx, version);
      sendAll(ctx, { type: 'write', op: op.id, version, repair: false });
      ctx.setTimer(`timeout ${op.id}`, ctx.params.timeout);
      return { ...s, counter, ops: [...s.ops, op] };
    }
    const op = newOp(s, 'read', ctx, 0);
    sendAll(ctx, { type: 'read', op: op.id });
    ctx.setTimer(`timeout ${op.id}`, ctx.params.timeout);
    return { ...s, ops: [...s.ops, op] };
  },
  commandTarget: (cmd, p) => (CLIENTS.slice(0, p.clients).includes(cmd.client) ? cmd.client : null),
  parseCommand(raw) {
    if (typeof raw !== 'object' || raw === null) return null;
    const r = raw as Record<string, unknown>;
    if ((r.type === 'q/write' || r.type === 'q/read') && typeof r.client === 'string' && CLIENTS.includes(r.client)) return { type: r.type, client: r.client };
    return null;
  },
  // Replicas keep their data on disk; a client's in-memory operations are lost.
  onCrash: (s) => (s.kind === 'replica' ? s : { ...s, ops: s.ops.map((o) => (o.status === 'pending' || o.status === 'writeback' ? { ...o, status: 'failed' as const } : o)) }),
  describe(m) {
    switch (m.type) {
      case 'write':
        return `${m.repair ? 'repair' : 'write'} ${versionLabel(m.version)}`;
      case 'ack':
        return `ack ${versionLabel(m.version)}`;
      case 'read':
        return 'read';
      case 'reply':
        return `reply ${versionLabel(m.version)}`;
    }
  },
  describeCommand: (c) => `${c.client} ${c.type === 'q/write' ? 'writes' : 'reads'}`,
  scenarios: quorumScenarios,
};

const int = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Validate and clamp untrusted params (URL, props); never throws. */
export function sanitizeQuorumParams(raw: unknown): Sanitized<QuorumParams> {
  const d = quorumDefaults;
  if (typeof raw !== 'object' || raw === null) return { value: d, problems: raw === undefined ? [] : ['params: not an object; using the defaults'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const pick = (k: 'n' | 'w' | 'r' | 'clients', lo: number, hi: number, dv: number): number => {
    const v = r[k];
    if (v === undefined) return Math.min(Math.max(dv, lo), hi);
    if (int(v) && v >= lo && v <= hi) return v;
    const c = int(v) ? Math.min(Math.max(v, lo), hi) : Math.min(Math.max(dv, lo), hi);
    problems.push(`${k} must be a whole number from ${lo} to ${hi}; using ${c}`);
    return c;
  };
  const n = pick('n', 1, 9, d.n);
  const w = pick('w', 1, n, d.w);
  const rr = pick('r', 1, n, d.r);
  const clients = pick('clients', 1, 3, d.clients);
  let repair: RepairMode = d.repair;
  if (r.repair !== undefined) {
    if (r.repair === 'off' || r.repair === 'async' || r.repair === 'blocking') repair = r.repair;
    else problems.push(`repair must be off, async or blocking; using ${d.repair}`);
  }
  let latency = d.latency;
  if (r.latency !== undefined) {
    const sd = sanitizeDist(r.latency, d.latency, 'latency');
    latency = sd.value;
    problems.push(...sd.problems);
  }
  let timeout = d.timeout;
  if (r.timeout !== undefined) {
    if (typeof r.timeout === 'number' && Number.isFinite(r.timeout) && r.timeout >= 10 && r.timeout <= 60_000) timeout = r.timeout;
    else problems.push(`timeout must be 10–60000 ms; using ${d.timeout}`);
  }
  return { value: { n, w, r: rr, repair, clients, latency, timeout }, problems };
}
