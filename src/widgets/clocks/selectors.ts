/**
 * Pure selectors from the clock core's state to what the ClockLab draws and lists.
 * No React here, so they are unit-tested directly.
 */
import type { Tagged } from '../../sim/core/types';
import { physicalNow } from '../../sim/clocks/mechanism';
import { readClock } from '../../sim/clocks/physical';
import type { ClockAction, ClockEvent, ClockState } from '../../sim/clocks/types';

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
  const nodes = s.nodes.map((n) => n.id);
  const w = e.writeId !== undefined ? ` of w${e.writeId} (x = ${s.writes[e.writeId].value})` : '';
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
  const nodes = s.nodes.map((n) => n.id);
  return s.nodes.map((n) => ({
    id: n.id,
    reads: physicalNow(s, n.id),
    error: Math.round(readClock(n.clock, s.now) - s.now),
    driftPpm: n.clock.driftPpm,
    slewing: n.clock.slewUntil !== null,
    lamport: n.lamport,
    vector: formatVector(n.vector, nodes),
    hlc: n.lastEvent === null ? '—' : `(${n.hlc.l}, ${n.hlc.c})`,
    stored: n.stored === null ? '—' : `${s.writes[n.stored].value} (w${n.stored})`,
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
  const final = new Set(s.nodes.map((n) => n.stored));
  return s.writes.map((w) => {
    const base = `w${w.id}: ${w.node} wrote x = ${w.value} at t=${Math.round(w.t)} ms with timestamp ${w.ts}`;
    if (w.lostTo !== null) return { id: w.id, tone: 'bad', text: `${base} — LOST: replicas kept w${w.lostTo}, written earlier but stamped later (${s.writes[w.lostTo].ts})` };
    if (final.has(w.id)) return { id: w.id, tone: 'ok', text: `${base} — currently kept` };
    return { id: w.id, tone: 'muted', text: `${base} — overwritten` };
  });
}

/** Short text for a logged action (timeline markers). */
export function describeClockAction(a: Tagged): string {
  const x = a as ClockAction;
  switch (x.type) {
    case 'local':
      return `${x.node}: local event`;
    case 'send':
      return `${x.from} → ${x.to}: message`;
    case 'write':
      return `${x.node}: write x = ${x.value}`;
    case 'clock/set':
      return `${x.node}: clock set to ${x.offsetMs >= 0 ? '+' : ''}${x.offsetMs} ms`;
    case 'ntp/sync':
      return `${x.node}: NTP ${x.mode}${x.serverErrorMs ? ` (server ${x.serverErrorMs > 0 ? '+' : ''}${x.serverErrorMs} ms)` : ''}`;
    case 'leap':
      return `${x.node}: leap second`;
    default:
      return a.type;
  }
}
