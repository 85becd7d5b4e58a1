/**
 * Data types of the clock lab's core: nodes with physical and logical clocks exchanging
 * messages (Lamport 1978 §2's model of processes, events and messages), run on the kernel's
 * message-passing world (src/sim/core). Plain data only.
 */
import type { WorldAction } from '../core/actions';
import type { TraceBuf } from '../core/trace';
import type { NodeId } from '../core/types';
import type { WorldState } from '../core/world';
import type { Hlc, Vector } from './logical';
import type { PhysicalClock } from './physical';

/** Node ids in the lab. */
export const NODE_IDS = ['A', 'B', 'C', 'D', 'E'] as const;

/** One node's physical clock error at t = 0. */
export interface ClockSetting {
  readonly offsetMs: number;
  readonly driftPpm: number;
}

/** Parameters of a run. */
export interface ClockParams {
  /** Number of nodes (2–5), named A, B, C… */
  readonly nodes: number;
  /** Per-node clock error; missing entries mean a perfect clock. */
  readonly clocks: readonly ClockSetting[];
  /** Default one-way message delay, uniform in [delayMin, delayMax] true ms (the kernel's link latency). */
  readonly delayMin: number;
  readonly delayMax: number;
  /** Slew rate for NTP corrections, ppm. Real ntpd caps it at 500; the lab exaggerates so it shows. */
  readonly slewPpm: number;
}

/**
 * Reader (and scenario) commands, routed by the kernel to one node. A fixed delay for a message
 * is a link latency (`net/link`), not part of `send`: delays belong to the network.
 */
export type ClockCommand =
  | { readonly type: 'local'; readonly node: string }
  | { readonly type: 'send'; readonly from: string; readonly to: string }
  | { readonly type: 'write'; readonly node: string; readonly value: string }
  | { readonly type: 'clock/set'; readonly node: string; readonly offsetMs: number; readonly driftPpm?: number }
  | { readonly type: 'ntp/sync'; readonly node: string; readonly mode: 'step' | 'slew'; readonly serverErrorMs: number }
  | { readonly type: 'leap'; readonly node: string };

/** Everything the lab's log can hold: clock commands and the kernel's network and crash actions. */
export type ClockAction = ClockCommand | WorldAction;

/** Kinds of event that carry logical timestamps. */
export type ClockEventKind = 'local' | 'send' | 'receive' | 'write';

/** A last-writer-wins write as the nodes know it: who wrote it (and their n-th write), the value, and its wall-clock stamp. */
export interface WriteStamp {
  readonly node: NodeId;
  /** The writer's own count of writes before this one. */
  readonly n: number;
  readonly value: string;
  /** The writer's physical clock reading when it wrote (the LWW timestamp). */
  readonly ts: number;
}

/** Timestamps carried by a message. */
export interface MessageStamp {
  readonly lamport: number;
  readonly vector: Vector;
  readonly hlc: Hlc;
}

/** The one message type: a plain message, or a write being replicated. */
export interface ClockMsg {
  readonly type: 'clock';
  readonly stamp: MessageStamp;
  readonly write?: WriteStamp;
}

/** One node's state inside the world. */
export interface ClockNode {
  readonly clock: PhysicalClock;
  readonly lamport: number;
  readonly vector: Vector;
  readonly hlc: Hlc;
  /** Events recorded on this node so far. */
  readonly events: number;
  /** Writes this node has made so far. */
  readonly writes: number;
  /** The LWW write this replica currently holds, or null. */
  readonly stored: WriteStamp | null;
}

/**
 * What a handler records, in the data of a trace note, so that views can rebuild the run
 * (`observer.ts`). `event`: a stamped event. `discard`: LWW kept one write over another.
 * `clock`: a physical-clock change (`command` when it is the echo of a reader command).
 */
export type ClockNote =
  | {
      readonly clk: 'event';
      readonly kind: ClockEventKind;
      readonly pt: number;
      readonly lamport: number;
      readonly vector: Vector;
      readonly hlc: Hlc;
      readonly write?: WriteStamp;
    }
  | { readonly clk: 'discard'; readonly keep: WriteStamp; readonly drop: WriteStamp }
  | { readonly clk: 'clock'; readonly command: boolean };

/** One event on one node, stamped by every clock. */
export interface ClockEvent {
  /** Position in the run's event list (trace order); also its display number. */
  readonly id: number;
  readonly node: string;
  readonly kind: ClockEventKind;
  /** True (simulation) time. */
  readonly t: number;
  /** The node's physical clock reading, whole ms (what a timestamp would record). */
  readonly pt: number;
  readonly lamport: number;
  readonly vector: Vector;
  readonly hlc: Hlc;
  /** Immediate causal predecessors, from the trace: the node's previous event, and for a receive the send. */
  readonly causes: readonly number[];
  /** For sends/writes: kernel ids of the messages sent; for receives: the message received. */
  readonly msgIds: readonly number[];
  /** For LWW: the write written or received. */
  readonly writeId?: number;
}

/** A last-writer-wins write of the single key `x`, with what only an observer of the whole run knows. */
export interface LwwWrite {
  readonly id: number;
  readonly node: string;
  readonly value: string;
  /** True time of the write. */
  readonly t: number;
  /** Its wall-clock timestamp. */
  readonly ts: number;
  readonly event: number;
  /** Set when some replica discarded it for a write made earlier in true time: lost to skew. */
  readonly lostTo: number | null;
}

/** What a message in the run was: the event that sent it and the write it carried. */
export interface MessageInfo {
  readonly send: number;
  readonly write?: number;
}

/**
 * The cross-node view of a run, folded from the world's trace (see `observer.ts`): the event
 * list with global ids and causes, the LWW writes with losses marked, and the trace the lab shows.
 */
export interface ClockObserver {
  /** World trace entries consumed so far. */
  readonly seen: number;
  readonly events: readonly ClockEvent[];
  readonly writes: readonly LwwWrite[];
  /** The presented trace (labels with global event, message and write names). */
  readonly trace: TraceBuf;
  /** Each node's latest event id. */
  readonly lastEvent: Readonly<Record<NodeId, number>>;
  /** Kernel message id → its send event and write. */
  readonly msgs: Readonly<Record<number, MessageInfo>>;
  /** "node#n" → global write id. */
  readonly writeIds: Readonly<Record<string, number>>;
  /** Kernel id of the message being delivered (its receive note follows), or null. */
  readonly delivering: number | null;
}

/** The whole state of a clock run: the kernel world plus the observer folded from its trace. */
export interface ClockState {
  readonly world: WorldState<ClockParams, ClockNode, ClockMsg>;
  readonly observer: ClockObserver;
}
