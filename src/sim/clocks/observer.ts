/**
 * The omniscient observer of a clock run: a pure fold over the world's trace that rebuilds what
 * no single node knows — one event list in trace order with global ids, each event's immediate
 * causes (program order, and for a receive the send of the very message delivered, linked by the
 * kernel's message id), the LWW writes with the ones lost to clock skew marked, and the trace
 * the lab shows, labelled with global names (e3, m1, w0).
 *
 * Why a fold rather than node state: happened-before (Lamport 1978 §2) is a property of the
 * whole run. Taking it from the trace's sends and deliveries, not from the clocks under test,
 * keeps the ground truth independent of the algorithms the lab compares.
 */
import { TraceWriter, emptyTrace } from '../core/trace';
import type { TraceEntry } from '../core/types';
import type { ClockEvent, ClockMsg, ClockNote, ClockObserver, LwwWrite, MessageInfo, WriteStamp } from './types';

/** The observer before anything has happened. */
export function emptyObserver(): ClockObserver {
  return { seen: 0, events: [], writes: [], trace: emptyTrace(), lastEvent: {}, msgs: {}, writeIds: {}, delivering: null };
}

/** Display name of a kernel message id: the chapter counts messages from m1, the kernel from 0. */
export function msgName(msgId: number): string {
  return `m${msgId + 1}`;
}

/** Key of a write in `writeIds`. */
export function writeKey(w: Pick<WriteStamp, 'node' | 'n'>): string {
  return `${w.node}#${w.n}`;
}

const COMMANDS = new Set(['local', 'send', 'write', 'clock/set', 'ntp/sync', 'leap']);

/** The kernel's echo of an accepted clock command; the handler's own note says it better. */
function isCommandEcho(e: TraceEntry): boolean {
  const d = e.data as { type?: unknown } | undefined;
  return e.kind === 'action' && typeof d === 'object' && d !== null && typeof d.type === 'string' && COMMANDS.has(d.type);
}

function clockNote(e: TraceEntry): ClockNote | null {
  const d = e.data as { clk?: unknown } | undefined;
  return e.kind === 'note' && typeof d === 'object' && d !== null && typeof d.clk === 'string' ? (e.data as ClockNote) : null;
}

/**
 * Fold world trace entries (those after `o.seen`, in order) into the observer. Never mutates
 * `o`: it works on copies and appends to the shared trace buffer the way the kernel does.
 */
export function observe(o: ClockObserver, entries: readonly TraceEntry[]): ClockObserver {
  if (entries.length === 0) return o;
  const events: ClockEvent[] = o.events.slice();
  const writes: LwwWrite[] = o.writes.slice();
  const lastEvent: Record<string, number> = { ...o.lastEvent };
  const msgs: Record<number, MessageInfo> = { ...o.msgs };
  const writeIds: Record<string, number> = { ...o.writeIds };
  let delivering = o.delivering;
  const tw = new TraceWriter(o.trace);
  const out = (e: Omit<TraceEntry, 'seq'>) => tw.push({ ...e, seq: tw.length });
  const pass = (e: TraceEntry) => {
    const { seq: _seq, ...rest } = e;
    out(rest);
  };

  for (const e of entries) {
    const note = clockNote(e);
    if (note) {
      const node = e.node as string;
      if (note.clk === 'event') {
        const id = events.length;
        const causes = lastEvent[node] === undefined ? [] : [lastEvent[node]];
        let msgIds: number[] = [];
        if (note.kind === 'receive' && delivering !== null) {
          const m = msgs[delivering];
          if (m) causes.push(m.send);
          msgIds = [delivering];
          delivering = null;
        }
        let writeId: number | undefined;
        if (note.write) {
          writeId = writeIds[writeKey(note.write)];
          if (note.kind === 'write') {
            writeId = writes.length;
            writeIds[writeKey(note.write)] = writeId;
            writes.push({ id: writeId, node, value: note.write.value, t: e.t, ts: note.write.ts, event: id, lostTo: null });
          }
        }
        const ev: ClockEvent = { id, node, kind: note.kind, t: e.t, pt: note.pt, lamport: note.lamport, vector: note.vector, hlc: note.hlc, causes, msgIds, ...(writeId === undefined ? {} : { writeId }) };
        events.push(ev);
        lastEvent[node] = id;
        // Sends and receives are shown by their message's send and delivery entries.
        if (note.kind === 'local') out({ t: e.t, kind: 'action', node, label: `${node}: local event e${id}`, data: { event: id } });
        if (note.kind === 'write' && note.write)
          out({ t: e.t, kind: 'action', node, label: `${node}: write x = ${note.write.value} as w${writeId}, timestamp ${note.write.ts}`, data: { event: id, write: writeId } });
      } else if (note.clk === 'discard') {
        const keep = writes[writeIds[writeKey(note.keep)]];
        const drop = writes[writeIds[writeKey(note.drop)]];
        // Only a write made later in true time than the one kept is a loss to skew; the others were simply overwritten.
        if (keep && drop && drop.t > keep.t && drop.lostTo === null) {
          writes[drop.id] = { ...drop, lostTo: keep.id };
          out({ t: e.t, kind: 'note', node, label: `${node}: keeps w${keep.id} (ts ${keep.ts}) over w${drop.id} (ts ${drop.ts}), which was written later: w${drop.id} is lost`, data: { lost: drop.id } });
        }
      } else {
        out({ t: e.t, kind: note.command ? 'action' : 'note', node, label: e.label });
      }
      continue;
    }
    switch (e.kind) {
      case 'timer':
        break; // the handler's note says what the timer did
      case 'action':
        if (!isCommandEcho(e)) pass(e);
        break;
      case 'send': {
        const id = e.msgId as number;
        const m = e.data as ClockMsg;
        const send = lastEvent[e.from as string];
        const write = m.write ? writeIds[writeKey(m.write)] : undefined;
        msgs[id] = write === undefined ? { send } : { send, write };
        if (send !== undefined) events[send] = { ...events[send], msgIds: [...events[send].msgIds, id] };
        const what = write === undefined ? `message ${msgName(id)}` : `replicate write w${write} (${msgName(id)})`;
        out({ t: e.t, kind: 'send', node: e.from, from: e.from, to: e.to, msgId: id, label: `${e.from} → ${e.to}: ${what}`, data: { event: send } });
        break;
      }
      case 'deliver':
        delivering = e.msgId as number;
        out({ t: e.t, kind: 'deliver', node: e.to, from: e.from, to: e.to, msgId: e.msgId, label: `${e.to} receives ${msgName(e.msgId as number)} from ${e.from}` });
        break;
      case 'drop':
      case 'duplicate':
        if (e.msgId !== undefined && e.from !== undefined && e.to !== undefined) {
          const reason = (e.data as { reason?: string } | undefined)?.reason;
          const what = e.kind === 'duplicate' ? 'duplicated by the network' : `dropped${reason ? ` (${reason})` : ''}`;
          out({ t: e.t, kind: e.kind, node: e.node, from: e.from, to: e.to, msgId: e.msgId, label: `${e.from} → ${e.to}: ${msgName(e.msgId)} ${what}`, data: e.data });
        } else pass(e);
        break;
      default:
        pass(e);
    }
  }
  return { seen: o.seen + entries.length, events, writes, trace: tw.done(), lastEvent, msgs, writeIds, delivering };
}
