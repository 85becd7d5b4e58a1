/** Pure selectors from the partition core's state to what the lab draws and lists. */
import type { Tagged } from '../../sim/core/types';
import { linked, majority, showVersions, type ClientOp, type PartitionAction, type PartitionState } from '../../sim/partition';
import type { ClusterModel, MessageView, NodeView, Tone } from '../shared';

/** One line per client request for the results list. */
export interface OpRow {
  readonly id: number;
  readonly text: string;
  readonly tone: Tone;
}

function lastOp(s: PartitionState, client: string): ClientOp | undefined {
  for (let i = s.ops.length - 1; i >= 0; i--) if (s.ops[i].client === client) return s.ops[i];
  return undefined;
}

function opSummary(op: ClientOp): { text: string; tone: Tone } {
  if (op.status === 'pending') return { text: `${op.kind === 'write' ? `writing ${op.value}` : 'reading'}…`, tone: 'muted' };
  if (op.status === 'error') return { text: `✗ ${op.kind} refused`, tone: 'bad' };
  if (op.kind === 'write') return { text: `✓ wrote ${op.value}`, tone: 'ok' };
  return { text: `read ${showVersions(op.result ?? [])}${op.stale ? ' (stale)' : ''}`, tone: op.stale ? 'warn' : 'ok' };
}

/** Is `node` on a side too small to form a majority? */
export function inMinority(s: PartitionState, node: string): boolean {
  if (!s.groups) return false;
  const g = s.groups.find((x) => x.includes(node));
  return !g || g.length < majority(s);
}

/** The cluster picture: replicas with their values, clients with their last outcome, messages on the wire. */
export function clusterModel(s: PartitionState): ClusterModel {
  const servers: NodeView[] = s.nodes.map((n) => {
    const vs = s.replicas[n].versions;
    const conflict = vs.length > 1;
    return {
      id: n,
      label: n,
      up: true,
      lines: [showVersions(vs).replace(' (conflict)', '')].concat(conflict ? ['conflict'] : []),
      tone: conflict ? 'warn' : undefined,
      badge: s.params.mode === 'CP' && inMinority(s, n) ? 'minority' : undefined,
    };
  });
  const clients: NodeView[] = s.clients.map((c) => {
    const op = lastOp(s, c.id);
    const sum = op ? opSummary(op) : undefined;
    return { id: c.id, label: c.id, up: true, attachedTo: c.node, lines: sum ? [sum.text] : [], tone: sum?.tone };
  });
  const messages: MessageView[] = s.queue.flatMap((q) =>
    q.ev.kind === 'deliver'
      ? [
          {
            id: q.ev.msg.id,
            from: q.ev.msg.from,
            to: q.ev.msg.to,
            sentAt: q.ev.msg.sentAt,
            deliverAt: q.ev.msg.deliverAt,
            label: `${q.ev.msg.body.type} ${q.ev.msg.from}→${q.ev.msg.to}`,
            tone: linked(s, q.ev.msg.from, q.ev.msg.to) ? undefined : ('bad' as const),
          },
        ]
      : [],
  );
  return { nodes: [...servers, ...clients], groups: s.groups, messages };
}

/** Every client request so far, newest first, with lost writes called out. */
export function opRows(s: PartitionState): OpRow[] {
  const rows: OpRow[] = s.ops.map((op) => {
    const base = `${op.client} via ${op.node}: ${op.kind}${op.kind === 'write' ? ` "${op.value}"` : ''}`;
    if (op.status === 'pending') return { id: op.id, text: `${base} — waiting (since ${Math.round(op.invokedAt)} ms)`, tone: 'muted' };
    if (op.status === 'error') return { id: op.id, text: `${base} — refused: ${op.error}`, tone: 'bad' };
    if (op.kind === 'write') {
      const w = s.writes.find((x) => x.id === op.writeId);
      if (w?.lostTo !== undefined) {
        const by = s.writes.find((x) => x.id === w.lostTo);
        return { id: op.id, text: `${base} — acknowledged, then LOST (overwritten by concurrent "${by?.value}")`, tone: 'bad' };
      }
      return { id: op.id, text: `${base} — acknowledged at ${Math.round(op.doneAt!)} ms`, tone: 'ok' };
    }
    const vs = op.result ?? [];
    const conflict = vs.length > 1 ? ' — CONFLICT: siblings returned' : '';
    return { id: op.id, text: `${base} → ${showVersions(vs)}${op.stale ? ' — STALE: misses an acknowledged write' : ''}${conflict}`, tone: op.stale || conflict ? 'warn' : 'ok' };
  });
  return rows.reverse();
}

/** Short description of a logged action (timeline markers). */
export function describePartitionAction(a: Tagged): string {
  const x = a as PartitionAction;
  switch (x.type) {
    case 'net/partition':
      return `partition ${x.groups.map((g) => g.join(',')).join(' | ')}`;
    case 'net/heal':
      return 'heal';
    case 'client/write':
      return `${x.client} writes ${x.value}`;
    case 'client/read':
      return `${x.client} reads`;
    default:
      return a.type;
  }
}

/** Next value to offer for a write: x, y, z, u, v, w, then x2, y2, … */
export function nextValue(s: PartitionState): string {
  const letters = ['x', 'y', 'z', 'u', 'v', 'w'];
  const n = s.writes.length;
  return letters[n % letters.length] + (n >= letters.length ? String(Math.floor(n / letters.length) + 1) : '');
}

/** Partition presets offered as buttons: a majority/minority split and isolating the first client's replica. */
export function partitionPresets(s: PartitionState): { label: string; groups: string[][] }[] {
  const maj = majority(s);
  const split = [s.nodes.slice(0, maj), s.nodes.slice(maj)];
  const presets = [{ label: `Split ${split[0].join(',')} | ${split[1].join(',')}`, groups: split }];
  const first = s.nodes[0];
  presets.push({ label: `Isolate ${first}`, groups: [[first], s.nodes.slice(1)] });
  return presets;
}
