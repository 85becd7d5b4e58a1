/**
 * The Raft space-time diagram's data (pure): every message classed as an election, a log
 * replication or a heartbeat message, and the items inside a time window. Heartbeats are most of a
 * run's messages; drawn as arrows they turn the diagram into a tangle within a second, so by default
 * they are collapsed into ticks on the receiving server's lane.
 */
import type { NodeId, TraceEntry } from '../../sim/core';

/** What a message is for. */
export type MsgClass = 'election' | 'replication' | 'heartbeat';

/** One message arrow, classed. */
export interface TimelineArrow {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly t0: number;
  readonly t1?: number;
  readonly dropped: boolean;
  readonly label: string;
  readonly cls: MsgClass;
}

/** Class of a sent message from its trace label (`describeMsg`), or null for a reply to be resolved. */
function classOfLabel(label: string): MsgClass | null {
  if (label.startsWith('RequestVote') || label.startsWith('Vote')) return 'election';
  if (label.startsWith('Heartbeat')) return 'heartbeat';
  if (label.startsWith('AppendEntries')) return 'replication';
  return null;
}

/**
 * Arrows and point events of a Raft trace. A reply to AppendEntries takes the class of the message
 * its sender received at that same instant (a heartbeat's reply is a heartbeat).
 */
export function timelineItems(trace: readonly TraceEntry[]): { arrows: TimelineArrow[]; points: TraceEntry[] } {
  const sends = new Map<number, TraceEntry & { cls: MsgClass }>();
  const ended = new Map<number, TraceEntry>();
  const lastIn = new Map<NodeId, { t: number; cls: MsgClass }>();
  const points: TraceEntry[] = [];
  for (const e of trace) {
    if (e.kind === 'send' && e.msgId !== undefined) {
      const from = e.from ?? e.node;
      const prev = from !== undefined ? lastIn.get(from) : undefined;
      const cls = classOfLabel(e.label) ?? (prev && prev.t === e.t ? prev.cls : 'replication');
      sends.set(e.msgId, { ...e, cls });
    } else if ((e.kind === 'deliver' || e.kind === 'drop') && e.msgId !== undefined) {
      ended.set(e.msgId, e);
      const s = sends.get(e.msgId);
      if (e.kind === 'deliver' && s && e.node !== undefined) lastIn.set(e.node, { t: e.t, cls: s.cls });
    } else if (e.kind !== 'duplicate') points.push(e);
  }
  const arrows: TimelineArrow[] = [];
  for (const [id, s] of sends) {
    const end = ended.get(id);
    const from = s.from ?? s.node;
    const to = s.to ?? end?.node;
    if (!from || !to) continue;
    arrows.push({ id, from, to, t0: s.t, t1: end?.t, dropped: end?.kind === 'drop', label: s.label, cls: s.cls });
  }
  return { arrows, points };
}

/** The time window shown: the whole run, or `span` ms ending a little after the cursor. */
export function timeWindow(now: number, end: number, span: number | null): [number, number] {
  if (span === null || span >= end) return [0, Math.max(1, end, now)];
  const lo = Math.max(0, now - span * 0.85);
  return [lo, lo + span];
}
