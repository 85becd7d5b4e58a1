/** Pure selectors from the quorum core's state to what the Quorum lab draws and lists. */
import type { NodeId, Tagged } from '../../sim/core';
import { inFlight } from '../../sim/core';
import { connectedGroups } from '../../sim/core';
import { describeWorldAction, isWorldAction, type WorldAction } from '../../sim/core';
import { allOps, inversions, readVerdicts, replicaVersions, versionLabel, type Op, type QCmd, type QMsg, type QuorumState } from '../../sim/quorum';
import type { ClusterModel, NodeView, Tone } from '../shared';
import { messageViews } from '../shared/viewModel';

/** Clients are drawn next to replicas A, B, C in turn (placement only: each talks to every replica). */
const ANCHOR: Record<string, NodeId> = { c1: 'A', c2: 'B', c3: 'C' };

function msgTone(m: QMsg): Tone | undefined {
  if (m.type === 'write') return m.repair ? 'warn' : undefined;
  return m.type === 'reply' || m.type === 'ack' ? 'muted' : undefined;
}

function lastOp(s: QuorumState, client: NodeId): Op | undefined {
  const n = s.nodes[client]?.state;
  return n && n.kind === 'client' ? n.ops[n.ops.length - 1] : undefined;
}

/** Short summary of one operation. */
export function opText(op: Op): string {
  if (op.status === 'pending') return op.kind === 'write' ? `writing ${versionLabel(op.version)}…` : 'reading…';
  if (op.status === 'writeback') return `writing back ${versionLabel(op.version)}…`;
  if (op.status === 'failed') return `${op.kind} failed`;
  return op.kind === 'write' ? `wrote ${versionLabel(op.version)}` : `read ${versionLabel(op.version)}`;
}

/** The cluster picture at this instant. */
export function clusterModel(s: QuorumState): ClusterModel {
  const stale = new Set(readVerdicts(s).filter((v) => v.stale).map((v) => v.op.id));
  const nodes: NodeView[] = s.nodeIds.map((id) => {
    const rec = s.nodes[id];
    if (rec.state.kind === 'replica') return { id, label: id, up: rec.up, lines: [versionLabel(rec.state.version)] };
    const op = lastOp(s, id);
    const tone: Tone | undefined = !op ? undefined : op.status === 'failed' || stale.has(op.id) ? 'bad' : op.status === 'done' ? 'ok' : 'muted';
    return { id, label: id, up: rec.up, attachedTo: ANCHOR[id], lines: op ? [opText(op) + (stale.has(op.id) ? ' (stale)' : '')] : [], tone };
  });
  const messages = messageViews(
    inFlight(s),
    (m) => quorumDescribe(m.msg),
    (m) => (m.doomed ? 'bad' : msgTone(m.msg)),
  );
  const groups = connectedGroups(s.net, s.nodeIds);
  return { nodes, groups: groups.length > 1 ? groups : null, messages };
}

function quorumDescribe(m: QMsg): string {
  switch (m.type) {
    case 'write':
      return `${m.repair ? 'repair' : 'write'} ${versionLabel(m.version)}`;
    case 'ack':
      return `ack`;
    case 'read':
      return 'read';
    case 'reply':
      return `reply ${versionLabel(m.version)}`;
  }
}

/** One line in the operations list. */
export interface OpRow {
  readonly id: string;
  readonly text: string;
  readonly tone: Tone;
}

/** Every operation, newest first, with stale reads and new–old inversions called out. */
export function opRows(s: QuorumState): OpRow[] {
  const verdicts = new Map(readVerdicts(s).map((v) => [v.op.id, v]));
  const inv = inversions(s);
  const rows = allOps(s).map((op): OpRow => {
    const span = op.end === null ? `from ${Math.round(op.start)} ms` : `${Math.round(op.start)}–${Math.round(op.end)} ms`;
    const base = `${op.client} ${span}: ${opText(op)}`;
    if (op.status === 'failed') return { id: op.id, text: `${base} (timed out: not enough replicas answered)`, tone: 'bad' };
    if (op.kind === 'write') {
      const q = op.status === 'done' ? ` — committed by ${op.quorum.join(', ')}` : '';
      return { id: op.id, text: base + q, tone: op.status === 'done' ? 'ok' : 'muted' };
    }
    const v = verdicts.get(op.id);
    if (!v) return { id: op.id, text: base, tone: 'muted' };
    const from = ` from ${op.quorum.join(', ')}`;
    const later = inv.find((x) => x.later.id === op.id);
    if (later) {
      return {
        id: op.id,
        text: `${base}${from} — NOT LINEARIZABLE: ${later.earlier.client} already read ${versionLabel(later.earlier.version)}, which finished before this read began`,
        tone: 'bad',
      };
    }
    if (v.stale) return { id: op.id, text: `${base}${from} — STALE: ${versionLabel(v.latestCommitted)} had committed before this read began`, tone: 'warn' };
    const ov = v.write ? ` (overlaps the write quorum at ${v.overlap.length ? v.overlap.join(', ') : 'no replica'})` : '';
    return { id: op.id, text: `${base}${from}${ov}`, tone: 'ok' };
  });
  return rows.reverse();
}

/** Per replica: its version and whether it is in the latest write quorum, the latest read quorum, or both. */
export interface SetRow {
  readonly node: NodeId;
  readonly version: string;
  readonly up: boolean;
  readonly inWrite: boolean;
  readonly inRead: boolean;
}

/** The quorum sets to highlight: the most recent committed write and the most recent finished read. */
export function quorumSets(s: QuorumState): { rows: SetRow[]; write: Op | null; read: Op | null } {
  const ops = allOps(s);
  const done = (o: Op) => o.status === 'done' && o.end !== null;
  const write = [...ops].reverse().find((o) => o.kind === 'write' && done(o)) ?? null;
  const read = [...ops].reverse().find((o) => o.kind === 'read' && done(o)) ?? null;
  const rows = replicaVersions(s).map((r) => ({
    node: r.node,
    version: versionLabel(r.version),
    up: r.up,
    inWrite: write ? write.quorum.includes(r.node) : false,
    inRead: read ? read.quorum.includes(r.node) : false,
  }));
  return { rows, write, read };
}

/** Label for a logged action (timeline markers). */
export function describeQuorumAction(a: Tagged): string {
  if (isWorldAction(a)) return describeWorldAction(a as WorldAction);
  const c = a as QCmd;
  return c.type === 'q/write' ? `${c.client} writes` : c.type === 'q/read' ? `${c.client} reads` : a.type;
}
