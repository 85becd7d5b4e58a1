/**
 * The partition lab's replicated register.
 *
 * CP mode is the ABD majority-quorum register (Attiya, Bar-Noy & Dolev, "Sharing memory
 * robustly in message-passing systems", 1995): a write first queries a majority for the
 * highest tag, then stores (tag+1) at a majority; a read queries a majority and writes the
 * highest version back to a majority before answering. It is linearizable, and a coordinator
 * that cannot reach a majority fails the request after a timeout: consistency over
 * availability (Gilbert & Lynch 2002, Theorem 1).
 *
 * AP mode answers every request from the local replica and replicates asynchronously
 * (Dynamo-style, DeCandia et al. 2007): always available, but replicas diverge across a
 * partition and reconcile on heal by last-writer-wins or by keeping concurrent siblings.
 *
 * On heal every replica pushes its versions to every other (anti-entropy), which is how a
 * minority that missed writes catches up.
 */
import type { NodeId, Time, TraceEntry, TraceKind } from '../core/types';
import { nextUniform } from './prng';
import type { ClientOp, PartitionState, PMsg, PMsgBody, PEvent, Version, WriteRecord } from './types';
import { compareTag, maxByTag, mergeVersions, reflects, showVersions, vvMerge } from './versions';

/** The value every replica starts with. */
export const INITIAL_VERSION: Version = { writeId: 0, value: 'v0', ts: 0, node: '', vv: {} };

/** Smallest majority of the replicas. */
export function majority(s: PartitionState): number {
  return Math.floor(s.nodes.length / 2) + 1;
}

/** Can a and b exchange messages right now? */
export function linked(s: PartitionState, a: NodeId, b: NodeId): boolean {
  return !s.groups || s.groups.some((g) => g.includes(a) && g.includes(b));
}

/** Append a trace entry. */
export function note(
  s: PartitionState,
  kind: TraceKind,
  label: string,
  extra: Partial<Omit<TraceEntry, 'seq' | 't' | 'kind' | 'label'>> = {},
): PartitionState {
  const e: TraceEntry = { seq: s.trace.length, t: s.now, kind, label, ...extra };
  return { ...s, trace: [...s.trace, e] };
}

/** Insert an internal event in (at, seq) order. */
export function schedule(s: PartitionState, at: Time, ev: PEvent): PartitionState {
  const item = { at, seq: s.seq, ev };
  const q = [...s.queue];
  let i = q.length;
  while (i > 0 && (q[i - 1].at > at || (q[i - 1].at === at && q[i - 1].seq > item.seq))) i--;
  q.splice(i, 0, item);
  return { ...s, queue: q, seq: s.seq + 1 };
}

function describe(body: PMsgBody): string {
  switch (body.type) {
    case 'query':
      return `query #${body.op}`;
    case 'query-reply':
      return `reply #${body.op}: ${showVersions(body.versions)}`;
    case 'store':
      return `store #${body.op}: ${body.version.value}`;
    case 'store-ack':
      return `ack #${body.op}`;
    case 'replicate':
      return `replicate ${body.version.value}`;
    case 'sync':
      return `sync ${showVersions(body.versions)}`;
  }
}

/** Send a message; one that would cross a partition is dropped on the spot. */
export function send(s: PartitionState, from: NodeId, to: NodeId, body: PMsgBody): PartitionState {
  const id = s.nextMsg;
  let st: PartitionState = { ...s, nextMsg: id + 1 };
  const label = describe(body);
  if (!linked(st, from, to)) {
    return note(st, 'drop', `${label} ${from}→${to} dropped: partitioned`, { node: from, from, to, msgId: id });
  }
  const [u, rng] = nextUniform(st.rng);
  const { latency, jitter } = st.params;
  const delay = Math.max(1, latency * (1 - jitter + 2 * jitter * u));
  const msg: PMsg = { id, from, to, sentAt: st.now, deliverAt: st.now + delay, body };
  st = { ...st, rng };
  st = note(st, 'send', `${label} ${from}→${to}`, { node: from, from, to, msgId: id, data: { deliverAt: msg.deliverAt } });
  return schedule(st, msg.deliverAt, { kind: 'deliver', msg });
}

function broadcast(s: PartitionState, from: NodeId, body: PMsgBody): PartitionState {
  let st = s;
  for (const n of s.nodes) if (n !== from) st = send(st, from, n, body);
  return st;
}

function setReplica(s: PartitionState, node: NodeId, versions: readonly Version[]): PartitionState {
  return { ...s, replicas: { ...s.replicas, [node]: { versions } } };
}

function updateOp(s: PartitionState, op: ClientOp): PartitionState {
  return { ...s, ops: s.ops.map((o) => (o.id === op.id ? op : o)) };
}

function updateWrite(s: PartitionState, w: WriteRecord): PartitionState {
  return { ...s, writes: s.writes.map((x) => (x.id === w.id ? w : x)) };
}

/** Merge versions into a replica, marking LWW's discarded concurrent writes as lost. */
export function absorb(s: PartitionState, node: NodeId, incoming: readonly Version[]): PartitionState {
  const policy = s.params.mode === 'CP' ? 'tag' : s.params.merge;
  const { versions, discardedConcurrent } = mergeVersions(s.replicas[node].versions, incoming, policy);
  let st = setReplica(s, node, versions);
  for (const id of discardedConcurrent) {
    const w = st.writes.find((x) => x.id === id);
    if (w && w.lostTo === undefined) {
      st = updateWrite(st, { ...w, lostTo: versions[0].writeId });
      st = note(st, 'note', `write "${w.value}" (${w.client}) lost: ${node} kept concurrent "${versions[0].value}" (last writer wins)`, {
        node,
        data: { lost: w.id },
      });
    }
  }
  return st;
}

/** Staleness of a finished read: did it miss the latest acknowledged, surviving write that finished before it began? */
export function isStaleRead(s: PartitionState, op: ClientOp, result: readonly Version[]): boolean {
  let latest: WriteRecord | undefined;
  for (const w of s.writes) {
    if (w.ackedAt === undefined || w.ackedAt > op.invokedAt || w.lostTo !== undefined || !w.version) continue;
    if (!latest || w.ackedAt > latest.ackedAt! || (w.ackedAt === latest.ackedAt && w.id > latest.id)) latest = w;
  }
  return latest ? !reflects(result, latest.version!, s.params.mode) : false;
}

/** Finish a client request and say so in the trace. */
export function finishOp(s: PartitionState, op: ClientOp, ok: boolean, result: readonly Version[], error?: string): PartitionState {
  let st: PartitionState = { ...s, queue: s.queue.filter((q) => !(q.ev.kind === 'op-timeout' && q.ev.op === op.id)) };
  const stale = op.kind === 'read' && ok ? isStaleRead(st, op, result) : undefined;
  const done: ClientOp = { ...op, phase: 'done', status: ok ? 'ok' : 'error', doneAt: st.now, result: ok ? result : undefined, error, stale };
  st = updateOp(st, done);
  if (ok && op.kind === 'write' && op.writeId !== undefined) {
    const w = st.writes.find((x) => x.id === op.writeId)!;
    st = updateWrite(st, { ...w, ackedAt: st.now, version: w.version ?? result[0] });
  }
  const what =
    op.kind === 'write'
      ? ok
        ? `${op.client}: write "${op.value}" acknowledged`
        : `${op.client}: write "${op.value}" failed — ${error}`
      : ok
        ? `${op.client}: read returned ${showVersions(result)}${stale ? ' — STALE (misses an acknowledged write)' : ''}`
        : `${op.client}: read failed — ${error}`;
  return note(st, 'note', what, { node: op.node, data: { op: op.id, ok, stale } });
}

/** CP: the coordinator heard from a majority in the query phase; move to the store phase. */
function startStore(s: PartitionState, op: ClientOp): PartitionState {
  const highest = maxByTag(op.best) ?? INITIAL_VERSION;
  let version: Version;
  let st = s;
  if (op.kind === 'write') {
    version = { writeId: op.writeId!, value: op.value!, ts: highest.ts + 1, node: op.node, vv: {} };
    const w = st.writes.find((x) => x.id === op.writeId)!;
    st = updateWrite(st, { ...w, version });
  } else {
    version = highest;
  }
  st = absorb(st, op.node, [version]);
  const next: ClientOp = { ...op, phase: 'store', heard: [op.node], best: [version] };
  st = updateOp(st, next);
  return broadcast(st, op.node, { type: 'store', op: op.id, version });
}

/** Handle one delivered message at its receiver. */
export function receive(s: PartitionState, msg: PMsg): PartitionState {
  const at = msg.to;
  const body = msg.body;
  switch (body.type) {
    case 'query':
      return send(s, at, msg.from, { type: 'query-reply', op: body.op, versions: s.replicas[at].versions });
    case 'store':
      return send(absorb(s, at, [body.version]), at, msg.from, { type: 'store-ack', op: body.op });
    case 'replicate':
      return absorb(s, at, [body.version]);
    case 'sync':
      return absorb(s, at, body.versions);
    case 'query-reply':
    case 'store-ack': {
      const op = s.ops.find((o) => o.id === body.op);
      const phase = body.type === 'query-reply' ? 'query' : 'store';
      if (!op || op.status !== 'pending' || op.phase !== phase || op.heard.includes(msg.from)) return s;
      const best = body.type === 'query-reply' ? [...op.best, ...body.versions] : op.best;
      const next: ClientOp = { ...op, heard: [...op.heard, msg.from], best };
      const st = updateOp(s, next);
      if (next.heard.length < majority(s)) return st;
      if (phase === 'query') return startStore(st, next);
      return finishOp(st, next, true, next.best);
    }
  }
}

/** A CP coordinator gave up waiting for a majority. */
export function timeoutOp(s: PartitionState, opId: number): PartitionState {
  const op = s.ops.find((o) => o.id === opId);
  if (!op || op.status !== 'pending') return s;
  const err = `no majority: heard from ${op.heard.length} of ${s.nodes.length} replicas (needs ${majority(s)}) within ${s.params.opTimeout} ms`;
  const st = note(s, 'timer', `${op.node}: request #${op.id} timed out`, { node: op.node });
  return finishOp(st, op, false, [], err);
}

/** A client request arrives at its replica. */
export function invoke(s: PartitionState, client: string, kind: 'read' | 'write', value?: string): PartitionState {
  const info = s.clients.find((c) => c.id === client);
  if (!info) return note(s, 'note', `ignored: there is no client ${client}`);
  const node = info.node;
  if (s.ops.some((o) => o.client === client && o.status === 'pending')) {
    return note(s, 'note', `${client} is still waiting for its previous request`, { node });
  }
  let st = note(s, 'action', kind === 'write' ? `${client} asks ${node} to write "${value}"` : `${client} asks ${node} to read`, { node });
  const opId = st.nextOp;
  let writeId: number | undefined;
  if (kind === 'write') {
    writeId = st.nextWrite;
    const w: WriteRecord = { id: writeId, value: value!, client, node, invokedAt: st.now };
    st = { ...st, nextWrite: writeId + 1, writes: [...st.writes, w] };
  }
  const op: ClientOp = {
    id: opId, client, node, kind, value, invokedAt: st.now, phase: 'query', heard: [node],
    best: st.replicas[node].versions, status: 'pending', writeId,
  };
  st = { ...st, nextOp: opId + 1, ops: [...st.ops, op] };

  if (st.params.mode === 'AP') {
    if (kind === 'read') return finishOp(st, op, true, st.replicas[node].versions);
    const local = st.replicas[node].versions;
    const top = maxByTag(local) ?? INITIAL_VERSION;
    const vv = vvMerge(...local.map((v) => v.vv));
    vv[node] = (vv[node] ?? 0) + 1;
    // Pick a tag above everything held locally so a causally later write always wins LWW.
    const ts = Math.max(st.now, top.ts + 1e-3);
    const version: Version = { writeId: writeId!, value: value!, ts, node, vv };
    st = updateWrite(st, { ...st.writes.find((w) => w.id === writeId)!, version });
    st = absorb(st, node, [version]);
    st = finishOp(st, op, true, [version]);
    return broadcast(st, node, { type: 'replicate', version });
  }
  st = schedule(st, st.now + st.params.opTimeout, { kind: 'op-timeout', op: opId });
  return broadcast(st, node, { type: 'query', op: opId });
}

/** Compare helper re-exported for tests. */
export { compareTag };
