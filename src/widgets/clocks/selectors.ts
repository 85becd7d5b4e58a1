/**
 * Pure selectors from the clock core's state to what the ClockLab draws and lists.
 * No React here, so they are unit-tested directly.
 */
import { describeWorldAction, isWorldAction } from '../../sim/core';
import type { Tagged } from '../../sim/core';
import { clockNodes, clockWrites, physicalNow } from '../../sim/clocks';
import { readClock } from '../../sim/clocks';
import { describeClockCommand } from '../../sim/clocks';
import type { ClockCommand, ClockEvent, ClockState } from '../../sim/clocks';

/** Which clock's stamps the diagram writes next to each event. */
export type StampMode = 'physical' | 'lamport' | 'vector' | 'hlc' | 'all';

/** Labels for the stamp modes. */
export const STAMP_LABELS: Record<StampMode, string> = { physical: 'Wall clock', lamport: 'Lamport', vector: 'Vector', hlc: 'HLC', all: 'All four' };

/** Vector as "[A,B,C]" in node order (zeros included, so positions line up). */
export function formatVector(v: ClockEvent['vector'], nodes: readonly string[]): string {
  return `[${nodes.map((n) => v[n] ?? 0).join(',')}]`;
}

/** The stamp lines of one event under a mode (one line, or all four clocks side by side). */
export function stampLines(e: ClockEvent, mode: StampMode, nodes: readonly string[]): string[] {
  if (mode !== 'all') return [stampText(e, mode, nodes)];
  return [`wall ${e.pt}`, `L ${e.lamport}`, `V ${formatVector(e.vector, nodes)}`, `H ${e.hlc.l}.${e.hlc.c}`];
}

/** The stamp of one event under a single-clock mode. */
export function stampText(e: ClockEvent, mode: Exclude<StampMode, 'all'>, nodes: readonly string[]): string {
  switch (mode) {
    case 'physical':
      return `${e.pt}`;
    case 'lamport':
      return `${e.lamport}`;
    case 'vector':
      return formatVector(e.vector, nodes);
    case 'hlc':
      return `${e.hlc.l}.${e.hlc.c}`;
  }
}

const KIND_TEXT: Record<ClockEvent['kind'], string> = { local: 'local event', send: 'send', receive: 'receive', write: 'write' };

/** Full description of an event, used for its accessible name and the picker options. */
export function describeEvent(e: ClockEvent, s: ClockState): string {
  const nodes = s.world.nodeIds;
  const w = e.writeId !== undefined ? ` of w${e.writeId} (x = ${clockWrites(s)[e.writeId].value})` : '';
  return `e${e.id}: ${e.node} ${KIND_TEXT[e.kind]}${w} at t=${Math.round(e.t)} ms — wall ${e.pt}, Lamport ${e.lamport}, vector ${formatVector(e.vector, nodes)}, HLC (${e.hlc.l}, ${e.hlc.c})`;
}

/** One row of the node-state table. */
export interface NodeRow {
  readonly id: string;
  readonly reads: number;
  /** Clock error: reading minus true time (ms). */
  readonly error: number;
  readonly driftPpm: number;
  readonly slewing: boolean;
  readonly lamport: number;
  readonly vector: string;
  readonly hlc: string;
  readonly stored: string;
}

/** Each node's clocks and replica at the current time. */
export function nodeRows(s: ClockState): NodeRow[] {
  const nodes = s.world.nodeIds;
  const now = s.world.now;
  const writes = clockWrites(s);
  return clockNodes(s).map((n) => ({
    id: n.id,
    reads: physicalNow(s, n.id),
    error: Math.round(readClock(n.clock, now) - now),
    driftPpm: n.clock.driftPpm,
    slewing: n.clock.slewUntil !== null,
    lamport: n.lamport,
    vector: formatVector(n.vector, nodes),
    hlc: n.events === 0 ? '—' : `(${n.hlc.l}, ${n.hlc.c})`,
    stored: n.storedId === null ? '—' : `${writes[n.storedId].value} (w${n.storedId})`,
  }));
}

/** One LWW write for the writes list. */
export interface WriteRow {
  readonly id: number;
  readonly text: string;
  readonly tone: 'ok' | 'bad' | 'muted';
}

/** The LWW writes, with skew losses marked. */
export function writeRows(s: ClockState): WriteRow[] {
  const final = new Set(clockNodes(s).map((n) => n.storedId));
  const writes = clockWrites(s);
  return writes.map((w) => {
    const base = `w${w.id}: ${w.node} wrote x = ${w.value} at t=${Math.round(w.t)} ms with timestamp ${w.ts}`;
    if (w.lostTo !== null) return { id: w.id, tone: 'bad', text: `${base} — LOST: replicas kept w${w.lostTo}, written earlier but stamped later (${writes[w.lostTo].ts})` };
    if (final.has(w.id)) return { id: w.id, tone: 'ok', text: `${base} — currently kept` };
    return { id: w.id, tone: 'muted', text: `${base} — overwritten` };
  });
}

/** Short text for a logged action (timeline markers): a clock command or a kernel network/crash action. */
export function describeClockAction(a: Tagged): string {
  if (isWorldAction(a)) return describeWorldAction(a);
  const known = ['local', 'send', 'write', 'clock/set', 'ntp/sync', 'leap'];
  return known.includes(a.type) ? describeClockCommand(a as ClockCommand) : a.type;
}
