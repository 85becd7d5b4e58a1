/**
 * The partition lab's replicated register: what one replica does, as pure kernel handlers.
 *
 * CP mode is the ABD majority-quorum register (Attiya, Bar-Noy & Dolev, "Sharing memory
 * robustly in message-passing systems", 1995): a write first queries a majority for the
 * highest tag, then stores (tag+1) at a majority; a read queries a majority and writes the
 * highest version back to a majority before answering. It is linearizable, and a coordinator
 * that cannot reach a majority fails the request when its timer fires: consistency over
 * availability (Gilbert & Lynch 2002, Theorem 1).
 *
 * AP mode answers every request from the local replica and replicates asynchronously
 * (Dynamo-style, DeCandia et al. 2007): always available, but replicas diverge across a
 * partition and reconcile by last-writer-wins or by keeping concurrent siblings.
 *
 * Anti-entropy: when a replica can reach a node it could not reach before (the kernel's
 * `onNetChange`, i.e. a failure detector noticing the heal), it pushes everything it holds to
 * every replica it can reach. That is how a minority that missed writes catches up. CP
 * coordinators never use that knowledge to refuse early: they find out by timing out.
 *
 * Network, time, timers, randomness and the trace are the kernel's (src/sim/core/world.ts).
 */
import type { NodeId } from '../core/types';
import type { Ctx } from '../core/protocol';
import type { ClientOp, Discard, PartitionCommand, PartitionMsg, PartitionParams, ReplicaNode, Version } from './types';
import { maxByTag, mergeVersions, showVersions, vvMerge } from './versions';

type C = Ctx<PartitionMsg, PartitionParams>;

/** The value every replica starts with. */
export const INITIAL_VERSION: Version = { writeId: 'init', value: 'v0', client: '', ts: 0, node: '', vv: {} };

/** Smallest majority of `n` replicas. */
export function majorityOf(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** Name of the node timer that fails request `op` if no majority answers in time. */
export const timerFor = (op: string) => `timeout ${op}`;

/** A fresh replica holding the initial value and able to reach everyone. */
export function initReplica(ctx: C): ReplicaNode {
  return { versions: [INITIAL_VERSION], reach: ctx.nodes, ops: [], discards: [] };
}

/** Short label for a message (trace, space-time diagram). */
export function describeMsg(m: PartitionMsg): string {
  switch (m.type) {
    case 'query':
      return `query ${m.op}`;
    case 'query-reply':
      return `reply ${m.op}: ${showVersions(m.versions)}`;
    case 'store':
      return `store ${m.op}: ${m.version.value}`;
    case 'store-ack':
      return `ack ${m.op}`;
    case 'replicate':
      return `replicate ${m.version.value}`;
    case 'sync':
      return `sync ${showVersions(m.versions)}`;
  }
}

const setOp = (s: ReplicaNode, op: ClientOp): ReplicaNode => ({ ...s, ops: s.ops.map((o) => (o.id === op.id ? op : o)) });

/** Merge versions into this replica; under LWW, note every concurrent version it held and dropped. */
function absorb(s: ReplicaNode, incoming: readonly Version[], ctx: C): ReplicaNode {
  const policy = ctx.params.mode === 'CP' ? 'tag' : ctx.params.merge;
  const { versions, discardedConcurrent } = mergeVersions(s.versions, incoming, policy);
  const discards: Discard[] = [];
  for (const id of discardedConcurrent) {
    const held = s.versions.find((v) => v.writeId === id);
    // Only a version this replica held can be lost here; an incoming loser was never stored.
    if (!held) continue;
    discards.push({ writeId: id, winner: versions[0].writeId, at: ctx.now });
    ctx.note(`write "${held.value}" (${held.client}) lost: ${ctx.self} kept concurrent "${versions[0].value}" (last writer wins)`, { lost: id });
  }
  return { ...s, versions, discards: discards.length ? [...s.discards, ...discards] : s.discards };
}

/** Finish a client request and say so in the trace. */
function finish(s: ReplicaNode, op: ClientOp, ok: boolean, result: readonly Version[], ctx: C, error?: string): ReplicaNode {
  ctx.cancelTimer(timerFor(op.id));
  const done: ClientOp = { ...op, phase: 'done', status: ok ? 'ok' : 'error', doneAt: ctx.now, result: ok ? result : undefined, error };
  const what =
    op.kind === 'write'
      ? ok
        ? `${op.client}: write "${op.value}" acknowledged`
        : `${op.client}: write "${op.value}" failed — ${error}`
      : ok
        ? `${op.client}: read returned ${showVersions(result)}`
        : `${op.client}: read failed — ${error}`;
  ctx.note(what, { op: op.id, ok });
  return setOp(s, done);
}

/** CP: the coordinator heard from a majority in the query phase; move to the store phase. */
function startStore(s: ReplicaNode, op: ClientOp, ctx: C): ReplicaNode {
  const highest = maxByTag(op.best) ?? INITIAL_VERSION;
  const version: Version =
    op.kind === 'write' ? { writeId: op.id, value: op.value!, client: op.client, ts: highest.ts + 1, node: ctx.self, vv: {} } : highest;
  const st = absorb(s, [version], ctx);
  ctx.broadcast({ type: 'store', op: op.id, version });
  return setOp(st, { ...op, phase: 'store', heard: [ctx.self], best: [version], version: op.kind === 'write' ? version : undefined });
}

/** A client request arrives at its replica (routed here by the kernel's `commandTarget`). */
export function onClient(s: ReplicaNode, cmd: PartitionCommand, ctx: C): ReplicaNode {
  const client = cmd.client;
  if (s.ops.some((o) => o.client === client && o.status === 'pending')) {
    ctx.note(`${client} is still waiting for its previous request`);
    return s;
  }
  const kind = cmd.type === 'client/write' ? 'write' : 'read';
  const value = cmd.type === 'client/write' ? cmd.value : undefined;
  const id = `${client}#${s.ops.filter((o) => o.client === client).length + 1}`;
  const op: ClientOp = { id, client, node: ctx.self, kind, value, invokedAt: ctx.now, phase: 'query', heard: [ctx.self], best: s.versions, status: 'pending' };
  const st: ReplicaNode = { ...s, ops: [...s.ops, op] };

  if (ctx.params.mode === 'AP') {
    if (kind === 'read') return finish(st, op, true, st.versions, ctx);
    const top = maxByTag(st.versions) ?? INITIAL_VERSION;
    const vv = vvMerge(...st.versions.map((v) => v.vv));
    vv[ctx.self] = (vv[ctx.self] ?? 0) + 1;
    // Pick a tag above everything held locally so a causally later write always wins LWW.
    const version: Version = { writeId: id, value: value!, client, ts: Math.max(ctx.now, top.ts + 1e-3), node: ctx.self, vv };
    const held = absorb(setOp(st, { ...op, version }), [version], ctx);
    const done = finish(held, { ...op, version }, true, [version], ctx);
    ctx.broadcast({ type: 'replicate', version });
    return done;
  }
  ctx.setTimer(timerFor(id), ctx.params.opTimeout);
  ctx.broadcast({ type: 'query', op: id });
  return st;
}

/** Handle one delivered message. */
export function onMessage(s: ReplicaNode, msg: PartitionMsg, from: NodeId, ctx: C): ReplicaNode {
  switch (msg.type) {
    case 'query':
      ctx.send(from, { type: 'query-reply', op: msg.op, versions: s.versions });
      return s;
    case 'store': {
      const st = absorb(s, [msg.version], ctx);
      ctx.send(from, { type: 'store-ack', op: msg.op });
      return st;
    }
    case 'replicate':
      return absorb(s, [msg.version], ctx);
    case 'sync':
      return absorb(s, msg.versions, ctx);
    case 'query-reply':
    case 'store-ack': {
      const op = s.ops.find((o) => o.id === msg.op);
      const phase = msg.type === 'query-reply' ? 'query' : 'store';
      if (!op || op.status !== 'pending' || op.phase !== phase || op.heard.includes(from)) return s;
      const best = msg.type === 'query-reply' ? [...op.best, ...msg.versions] : op.best;
      const next: ClientOp = { ...op, heard: [...op.heard, from], best };
      const st = setOp(s, next);
      if (next.heard.length < majorityOf(ctx.nodes.length)) return st;
      return phase === 'query' ? startStore(st, next, ctx) : finish(st, next, true, next.best, ctx);
    }
  }
}

/** A CP coordinator gave up waiting for a majority. */
export function onTimer(s: ReplicaNode, name: string, ctx: C): ReplicaNode {
  const op = s.ops.find((o) => o.status === 'pending' && timerFor(o.id) === name);
  if (!op) return s;
  const n = ctx.nodes.length;
  const err = `no majority: heard from ${op.heard.length} of ${n} replicas (needs ${majorityOf(n)}) within ${ctx.params.opTimeout} ms`;
  return finish(s, op, false, [], ctx, err);
}

/** The network changed: say what this replica can reach, and push everything it holds on reconnection. */
export function onNetChange(s: ReplicaNode, reachable: readonly NodeId[], ctx: C): ReplicaNode {
  const gained = reachable.filter((n) => !s.reach.includes(n));
  const lost = s.reach.filter((n) => !reachable.includes(n));
  if (!gained.length && !lost.length) return s;
  const others = reachable.filter((n) => n !== ctx.self);
  if (gained.length) {
    const healed = reachable.length === ctx.nodes.length;
    ctx.note(
      `${healed ? `Network healed: ${ctx.self} reaches everyone again` : `${ctx.self} reconnected to ${gained.join(', ')}`}; sends what it holds (${showVersions(s.versions)}) to ${others.join(', ')}`,
    );
    // Push to every reachable replica, not only the new ones: a version this replica learned
    // from one side must also reach the other, which is what makes replicas converge.
    for (const n of others) ctx.send(n, { type: 'sync', versions: s.versions });
  } else {
    ctx.note(`Partition: ${ctx.self} now reaches ${others.length ? others.join(', ') : 'no other replica'}`);
  }
  return { ...s, reach: reachable };
}

/** A crash loses the coordinator's in-flight requests (their timers die with it); the register survives. */
export function onCrash(s: ReplicaNode): ReplicaNode {
  const failed = s.ops.map((o): ClientOp => (o.status === 'pending' ? { ...o, phase: 'done', status: 'error', error: 'the replica crashed' } : o));
  return { ...s, ops: failed };
}

/** After a restart, push what survived to everyone (anti-entropy on rejoin). */
export function onRestart(s: ReplicaNode, ctx: C): ReplicaNode {
  ctx.broadcast({ type: 'sync', versions: s.versions });
  return s;
}
