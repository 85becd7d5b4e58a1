/** Pure selectors from the replication cores' states to what ReplicationLab draws, lists and says. */
import { connectedGroups, inFlight, type NodeId, type TraceEntry, type WorldState } from '../../sim/core';
import {
  allOps,
  checkHistory,
  currentLeader,
  divergence,
  fencingCounts,
  gValue,
  historyOf,
  lostAckedWrites,
  orValue,
  pnValue,
  replicas,
  type CrdtMsg,
  type CrdtParams,
  type CrdtReplica,
  type Guarantee,
  type Op,
  type RMsg,
  type ReplicationState,
  type Violation,
} from '../../sim/replication';
import type { ClusterModel, NodeView, Tone } from '../shared';
import { messageViews } from '../shared/viewModel';

/** The CRDT world's state. */
export type CrdtState = WorldState<CrdtParams, CrdtReplica, CrdtMsg>;
/** Either core's state. */
export type LabState = ReplicationState | CrdtState;

/** True when the state belongs to the single-leader core. */
export function isReplication(s: LabState): s is ReplicationState {
  return s.nodeIds.some((id) => (s.nodes[id].state as { kind?: string }).kind === 'client');
}

/** Clients sit by the followers so that none is drawn over the leader's badge (placement only). */
const ANCHOR: Record<string, NodeId> = { c1: 'C', c2: 'B', c3: 'A' };

/** A client's last operation in a few characters, for the picture (the lists say it in full). */
function shortOp(op: Op): string {
  if (op.kind === 'write') {
    const w = `${op.keys[0]}=${op.value}`;
    return op.status === 'pending' ? `${w}…` : op.status === 'ok' ? `✓ ${w}` : `✗ ${w}`;
  }
  if (op.status === 'pending') return `? ${op.keys.join(',')}`;
  if (op.status === 'failed') return '✗ read';
  return op.parts.map((p) => `${p.key}→${p.value ?? '∅'}`).join(' ');
}

function opLine(op: Op): string {
  if (op.kind === 'write') {
    const w = `${op.keys[0]}=${op.value}`;
    return op.status === 'pending' ? `writing ${w}…` : op.status === 'ok' ? `wrote ${w} (#${op.seq})` : `write ${w} failed`;
  }
  if (op.status === 'pending') return `reading ${op.keys.join(',')}…`;
  if (op.status === 'failed') return 'read failed';
  return `read ${op.parts.map((p) => `${p.key}=${p.value ?? '∅'}`).join(' ')}`;
}

function rmsgLabel(m: RMsg): string {
  switch (m.type) {
    case 'write':
      return `${m.key}=${m.value}`;
    case 'writeOk':
      return 'ok';
    case 'writeFail':
      return 'no';
    case 'append':
      return m.entries.length === 1 ? `#${m.entries[0].seq} e${m.epoch}` : `${m.entries.length} e${m.epoch}`;
    case 'appendAck':
      return `✓${m.have}`;
    case 'fenced':
      return 'fenced';
    case 'read':
      return `get ${m.key}`;
    case 'readOk':
      return `${m.part.value ?? '∅'}`;
    case 'newLeader':
      return `leader e${m.epoch}`;
    case 'hello':
      return 'hello?';
  }
}

/** The cluster picture for the single-leader core. */
export function replicationCluster(s: ReplicationState): ClusterModel {
  const lost = new Set(lostAckedWrites(s).map((o) => o.id));
  const leader = currentLeader(s);
  const nodes: NodeView[] = s.nodeIds.map((id) => {
    const rec = s.nodes[id];
    const st = rec.state;
    if (st.kind === 'replica') {
      const stale = st.role === 'leader' && leader && leader.id !== id;
      // The role goes under the node; a badge (drawn above it, where a client may sit) only marks
      // what is wrong. A crashed node already says so, so it gets none.
      const lines = [`${st.role === 'leader' && !stale ? 'leader · ' : ''}log ${st.log.length} · e${st.epoch}`];
      const badge = !rec.up ? undefined : st.paused ? 'paused' : stale ? 'old leader' : undefined;
      return { id, label: id, up: rec.up, lines, badge, tone: stale ? 'bad' : st.paused ? 'warn' : undefined };
    }
    const op = st.ops[st.ops.length - 1];
    const tone: Tone | undefined = !op ? undefined : lost.has(op.id) || op.status === 'failed' ? 'bad' : op.status === 'ok' ? 'ok' : 'muted';
    return { id, label: id, up: rec.up, attachedTo: ANCHOR[id], lines: op ? [shortOp(op)] : [], tone };
  });
  const messages = messageViews(inFlight(s), (m) => rmsgLabel(m.msg), (m) => (m.doomed ? 'bad' : m.msg.type === 'fenced' || m.msg.type === 'writeFail' ? 'warn' : m.msg.type === 'appendAck' || m.msg.type === 'readOk' || m.msg.type === 'writeOk' ? 'muted' : undefined));
  const groups = connectedGroups(s.net, s.nodeIds);
  return { nodes, groups: groups.length > 1 ? groups : null, messages };
}

/** One replica's log for the log table: each entry and whether the current leader holds it. */
export interface LogRow {
  readonly replica: NodeId;
  readonly up: boolean;
  readonly role: string;
  readonly entries: { readonly seq: number; readonly text: string; readonly epoch: number; readonly state: 'ok' | 'missing-on-leader' | 'differs' }[];
}

/** Every replica's log, entries marked where they disagree with the current leader's. */
export function logRows(s: ReplicationState): LogRow[] {
  const leader = currentLeader(s);
  const lead = leader?.state.log ?? [];
  return replicas(s).map((r) => ({
    replica: r.id,
    up: r.up,
    role: r.state.paused ? `${r.state.role}, paused` : r.state.role,
    entries: r.state.log.map((e) => ({
      seq: e.seq,
      text: `${e.key}=${e.value}`,
      epoch: e.epoch,
      state: lead[e.seq - 1]?.op === e.op ? 'ok' : lead.length >= e.seq ? 'differs' : 'missing-on-leader',
    })),
  }));
}

/** Everything the verdict panel lists. */
export interface ReplicationVerdict {
  readonly violations: Violation[];
  readonly byKind: Record<Guarantee, number>;
  readonly lost: Op[];
  readonly acked: number;
  readonly staleAccepted: number;
  readonly refused: number;
  readonly diverged: number[];
}

/** The checker's verdict on the run so far, plus failover and fencing counts. */
export function replicationVerdict(s: ReplicationState): ReplicationVerdict {
  const violations = checkHistory(historyOf(s));
  const byKind: Record<Guarantee, number> = { 'read-your-writes': 0, 'monotonic-reads': 0, 'consistent-prefix': 0 };
  for (const v of violations) byKind[v.kind]++;
  const f = fencingCounts(s);
  return {
    violations,
    byKind,
    lost: lostAckedWrites(s),
    acked: allOps(s).filter((o) => o.kind === 'write' && o.status === 'ok').length,
    staleAccepted: f.staleAccepted,
    refused: f.refused,
    diverged: divergence(s).map((d) => d.seq),
  };
}

/** The follower a failover should promote: up, not the leader, with the longest log (then by name). */
export function bestFollower(s: ReplicationState): NodeId | null {
  const leader = currentLeader(s);
  const c = replicas(s)
    .filter((r) => r.up && r.id !== leader?.id && !r.state.paused)
    .sort((a, b) => b.state.log.length - a.state.log.length || (a.id < b.id ? -1 : 1));
  return c[0]?.id ?? null;
}

/** The epoch a coordinator would hand out next: one above any replica's. */
export function nextEpoch(s: ReplicationState): number {
  return Math.max(0, ...replicas(s).map((r) => r.state.epoch)) + 1;
}

const KIND_NAME: Record<Guarantee, string> = { 'read-your-writes': 'Read your writes', 'monotonic-reads': 'Monotonic reads', 'consistent-prefix': 'Consistent prefix' };

/** A checker sentence with operation ids replaced by what they wrote ("c1.1" → "x=hello"). */
export function humanize(text: string, ops: readonly Op[]): string {
  const byId = new Map(ops.map((o) => [o.id, o]));
  return text.replace(/\bc\d\.\d+\b/g, (id) => {
    const o = byId.get(id);
    if (!o) return id;
    return o.kind === 'write' ? `"${o.value}"` : `${o.client}'s read at ${Math.round(o.start)} ms`;
  });
}

const interesting = (e: TraceEntry) => e.kind === 'note' || e.kind === 'crash' || e.kind === 'restart' || e.kind === 'partition' || e.kind === 'heal';

/** One plain sentence: what just happened, and why. */
export function replicationCaption(s: ReplicationState, trace: readonly TraceEntry[]): string {
  const v = replicationVerdict(s);
  const lastNote = [...trace].reverse().find(interesting);
  const newest = v.violations[v.violations.length - 1];
  const ops = allOps(s);
  const lastDone = [...ops].filter((o) => o.end !== null).sort((a, b) => a.end! - b.end!).pop();
  if (lastDone && newest && newest.read === lastDone.id) {
    const why =
      newest.kind === 'read-your-writes'
        ? 'The follower that answered had not yet applied that write: replication is asynchronous and lags.'
        : newest.kind === 'monotonic-reads'
          ? 'This read went to a follower further behind than the one before.'
          : 'The two keys were answered by followers at different points in the log.';
    return `${KIND_NAME[newest.kind]} broken: ${humanize(newest.text, ops)}. ${why}`;
  }
  if (v.lost.length && lastNote && /promoted/.test(lastNote.label))
    return `${lastNote.label}. ${v.lost.length} write${v.lost.length === 1 ? '' : 's'} the old leader had acknowledged (${v.lost.map((o) => `${o.keys[0]}=${o.value}`).join(', ')}) never reached it, so ${v.lost.length === 1 ? 'it is' : 'they are'} lost.`;
  if (lastNote && /old epoch/.test(lastNote.label)) return `${lastNote.label}: without fencing, storage cannot tell a deposed leader from the real one, so two leaders now write.`;
  if (lastNote && /fenced/.test(lastNote.label)) return `${lastNote.label}: the entry carries epoch 1, but C has seen epoch 2, so it refuses it and the old leader learns it was replaced.`;
  if (lastNote) return `${lastNote.label}.`;
  if (lastDone) return `${lastDone.client} ${opLine(lastDone)}.`;
  return 'Nothing has happened yet: press Play, or write and read from a client.';
}

/** One replica's values in the CRDT view. */
export interface CrdtRow {
  readonly replica: NodeId;
  readonly up: boolean;
  readonly lww: number;
  readonly g: number;
  readonly pn: number;
  readonly cartLww: string;
  readonly cartOr: string;
}

/** Every replica's values, each representation side by side. */
export function crdtRows(s: CrdtState): CrdtRow[] {
  return s.nodeIds.map((id) => {
    const r = s.nodes[id].state;
    return { replica: id, up: s.nodes[id].up, lww: r.likesLww.value, g: gValue(r.likesG), pn: pnValue(r.likesPN), cartLww: r.cartLww.value.join(', ') || '∅', cartOr: orValue(r.cartOr).join(', ') || '∅' };
  });
}

/** Do all replicas agree on each representation? */
export function crdtAgreement(s: CrdtState): { lww: boolean; crdt: boolean } {
  const rows = crdtRows(s);
  const same = <T,>(f: (r: CrdtRow) => T) => rows.every((r) => f(r) === f(rows[0]));
  return { lww: same((r) => `${r.lww}|${r.cartLww}`), crdt: same((r) => `${r.g}|${r.pn}|${r.cartOr}`) };
}

/** The cluster picture for the CRDT core. */
export function crdtCluster(s: CrdtState): ClusterModel {
  const nodes: NodeView[] = crdtRows(s).map((r) => ({ id: r.replica, label: r.replica, up: r.up, lines: [`likes: LWW ${r.lww} · PN ${r.pn}`, `cart: ${r.cartOr}`] }));
  const messages = messageViews(inFlight(s), () => 'state', (m) => (m.doomed ? 'bad' : 'muted'));
  const groups = connectedGroups(s.net, s.nodeIds);
  return { nodes, groups: groups.length > 1 ? groups : null, messages };
}

/** What the CRDT run shows now, in one sentence. */
export function crdtCaption(s: CrdtState, trace: readonly TraceEntry[]): string {
  const rows = crdtRows(s);
  const agree = crdtAgreement(s);
  const split = connectedGroups(s.net, s.nodeIds).length > 1;
  const last = [...trace].reverse().find((e) => e.kind === 'action' || e.kind === 'partition' || e.kind === 'heal');
  const lost = rows[0].g - rows[0].lww;
  if (split) return `${last ? `${last.label}. ` : ''}The replicas are partitioned: each side accepts writes and they drift apart until the network heals.`;
  if (agree.crdt && agree.lww && lost > 0)
    return `All replicas agree. The CRDTs kept every update (${rows[0].g} likes counted); the LWW counter kept only the last writer's read-modify-write, so ${lost} like${lost === 1 ? ' was' : 's were'} silently lost.`;
  if (agree.crdt && agree.lww) return `All replicas agree${rows[0].cartOr !== rows[0].cartLww ? `; the OR-Set holds {${rows[0].cartOr}} while the LWW cart holds {${rows[0].cartLww}}` : ''}.`;
  return 'Gossip is still carrying states between replicas; merges will make them agree.';
}
