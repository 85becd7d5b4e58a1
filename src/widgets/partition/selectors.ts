/** Pure selectors from the partition core's world state to what the lab draws and lists. */
import type { Tagged } from '../../sim/core';
import { inFlight } from '../../sim/core';
import { describeWorldAction, isWorldAction } from '../../sim/core';
import {
  allOps,
  allWrites,
  clientsOf,
  inMinority,
  isStaleRead,
  majority,
  partitionGroups,
  showVersions,
  versionsAt,
  type ClientOp,
  type PartitionAction,
  type PartitionState,
} from '../../sim/partition';
import type { ClusterModel, NodeView, Tone } from '../shared';
import { messageViews } from '../shared/viewModel';

/** One line per client request for the results list. */
export interface OpRow {
  readonly id: string;
  readonly text: string;
  readonly tone: Tone;
}

function lastOp(ops: readonly ClientOp[], client: string): ClientOp | undefined {
  for (let i = ops.length - 1; i >= 0; i--) if (ops[i].client === client) return ops[i];
  return undefined;
}

function opSummary(op: ClientOp, stale: boolean, writes: readonly ReturnType<typeof allWrites>[number][]): { text: string; tone: Tone } {
  if (op.status === 'pending') return { text: `${op.kind === 'write' ? `writing ${op.value}` : 'reading'}…`, tone: 'muted' };
  if (op.status === 'error') return { text: `✗ ${op.kind} refused`, tone: 'bad' };
  // An acknowledged write that a concurrent one later overwrote is lost: the badge must agree with the log.
  if (op.kind === 'write') return writes.some((w) => w.id === op.id && w.lostTo !== undefined) ? { text: `✗ ${op.value} lost`, tone: 'bad' } : { text: `✓ wrote ${op.value}`, tone: 'ok' };
  return { text: `read ${showVersions(op.result ?? [])}${stale ? ' (stale)' : ''}`, tone: stale ? 'warn' : 'ok' };
}

export { inMinority };

/** The cluster picture: replicas with their values, clients with their last outcome, messages on the wire. */
export function clusterModel(s: PartitionState): ClusterModel {
  const ops = allOps(s);
  const writes = allWrites(s);
  const groups = partitionGroups(s);
  const servers: NodeView[] = s.nodeIds.map((n) => {
    const vs = versionsAt(s, n);
    const conflict = vs.length > 1;
    return {
      id: n,
      label: n,
      up: s.nodes[n].up,
      lines: [showVersions(vs).replace(' (conflict)', '')].concat(conflict ? ['conflict'] : []),
      tone: conflict ? 'warn' : undefined,
      badge: s.params.mode === 'CP' && inMinority(s, n) ? 'minority' : undefined,
    };
  });
  const clients: NodeView[] = clientsOf(s).map((c) => {
    const op = lastOp(ops, c.id);
    const sum = op ? opSummary(op, isStaleRead(s, op, writes), writes) : undefined;
    return { id: c.id, label: c.id, up: true, attachedTo: c.node, lines: sum ? [sum.text] : [], tone: sum?.tone };
  });
  const messages = messageViews(
    inFlight(s),
    (m) => `${m.msg.type} ${m.from}→${m.to}`,
    // A message sent into a partition (or cut while in the air) will not arrive.
    (m) => (m.doomed ? 'bad' : undefined),
  );
  return { nodes: [...servers, ...clients], groups, messages };
}

/** Every client request so far, newest first, with lost writes called out. */
export function opRows(s: PartitionState): OpRow[] {
  const writes = allWrites(s);
  const rows: OpRow[] = allOps(s).map((op) => {
    const base = `${op.client} via ${op.node}: ${op.kind}${op.kind === 'write' ? ` "${op.value}"` : ''}`;
    if (op.status === 'pending') return { id: op.id, text: `${base} — waiting (since ${Math.round(op.invokedAt)} ms)`, tone: 'muted' };
    if (op.status === 'error') return { id: op.id, text: `${base} — refused: ${op.error}`, tone: 'bad' };
    if (op.kind === 'write') {
      const w = writes.find((x) => x.id === op.id);
      if (w?.lostTo !== undefined) {
        const by = writes.find((x) => x.id === w.lostTo);
        return { id: op.id, text: `${base} — acknowledged, then LOST (overwritten by concurrent "${by?.value}")`, tone: 'bad' };
      }
      return { id: op.id, text: `${base} — acknowledged at ${Math.round(op.doneAt!)} ms`, tone: 'ok' };
    }
    const vs = op.result ?? [];
    const stale = isStaleRead(s, op, writes);
    const conflict = vs.length > 1 ? ' — CONFLICT: siblings returned' : '';
    return { id: op.id, text: `${base} → ${showVersions(vs)}${stale ? ' — STALE: misses an acknowledged write' : ''}${conflict}`, tone: stale || conflict ? 'warn' : 'ok' };
  });
  return rows.reverse();
}

/** Short description of a logged action (timeline markers). */
export function describePartitionAction(a: Tagged): string {
  const x = a as PartitionAction;
  switch (x.type) {
    case 'net/heal':
      return 'heal';
    case 'client/write':
      return `${x.client} writes ${x.value}`;
    case 'client/read':
      return `${x.client} reads`;
    default:
      return isWorldAction(x) ? describeWorldAction(x) : a.type;
  }
}

/** Next value to offer for a write: x, y, z, u, v, w, then x2, y2, … */
export function nextValue(s: PartitionState): string {
  const letters = ['x', 'y', 'z', 'u', 'v', 'w'];
  const n = allWrites(s).length;
  return letters[n % letters.length] + (n >= letters.length ? String(Math.floor(n / letters.length) + 1) : '');
}

/** Partition presets offered as buttons: a majority/minority split and isolating the first client's replica. */
export function partitionPresets(s: PartitionState): { label: string; groups: string[][] }[] {
  const maj = majority(s);
  const split = [s.nodeIds.slice(0, maj), s.nodeIds.slice(maj)];
  const presets = [{ label: `Split ${split[0].join(',')} | ${split[1].join(',')}`, groups: split }];
  const first = s.nodeIds[0];
  presets.push({ label: `Isolate ${first}`, groups: [[first], s.nodeIds.slice(1)] });
  return presets;
}
