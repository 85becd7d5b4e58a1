/**
 * Data types of the clock lab's core: nodes with physical and logical clocks exchanging
 * messages (Lamport 1978 §2's model of processes, events and messages). Plain data only.
 */
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
  /** Message delay range in true ms (drawn from the seeded PRNG). */
  readonly delayMin: number;
  readonly delayMax: number;
  /** Slew rate for NTP corrections, ppm. Real ntpd caps it at 500; the lab exaggerates so it shows. */
  readonly slewPpm: number;
}

/** Reader (and scenario) actions. */
export type ClockAction =
  | { readonly type: 'local'; readonly node: string }
  | { readonly type: 'send'; readonly from: string; readonly to: string; readonly delay?: number }
  | { readonly type: 'write'; readonly node: string; readonly value: string }
  | { readonly type: 'clock/set'; readonly node: string; readonly offsetMs: number; readonly driftPpm?: number }
  | { readonly type: 'ntp/sync'; readonly node: string; readonly mode: 'step' | 'slew'; readonly serverErrorMs: number }
  | { readonly type: 'leap'; readonly node: string };

/** Kinds of event that carry logical timestamps. */
export type ClockEventKind = 'local' | 'send' | 'receive' | 'write';

/** One event on one node, stamped by every clock. */
export interface ClockEvent {
  /** Index in `state.events`; also its display number. */
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
  /** Immediate causal predecessors: the node's previous event, and for a receive the send. */
  readonly causes: readonly number[];
  /** For sends/writes: message ids sent; for receives: the message received. */
  readonly msgIds: readonly number[];
  /** For LWW: the write id written or received. */
  readonly writeId?: number;
}

/** Timestamps carried by a message. */
export interface MessageStamp {
  readonly lamport: number;
  readonly vector: Vector;
  readonly hlc: Hlc;
}

/** A message in flight. */
export interface InFlight {
  readonly msgId: number;
  readonly from: string;
  readonly to: string;
  readonly sentAt: number;
  readonly at: number;
  readonly sendEvent: number;
  readonly stamp: MessageStamp;
  readonly writeId?: number;
}

/** A last-writer-wins write of the single key `x`, stamped with (physical time, node). */
export interface LwwWrite {
  readonly id: number;
  readonly node: string;
  readonly value: string;
  readonly t: number;
  readonly ts: number;
  readonly event: number;
  /** Set when some replica discarded it for a write made earlier in true time: lost to skew. */
  readonly lostTo: number | null;
}

/** One node's state. */
export interface ClockNode {
  readonly id: string;
  readonly clock: PhysicalClock;
  readonly lamport: number;
  readonly vector: Vector;
  readonly hlc: Hlc;
  readonly lastEvent: number | null;
  /** The LWW write this replica currently holds, or null. */
  readonly stored: number | null;
}

/** A pending internal event. */
export type Pending =
  | ({ readonly kind: 'deliver'; readonly seq: number } & InFlight)
  | { readonly kind: 'slew-end'; readonly seq: number; readonly at: number; readonly node: string };

/** The whole state of a run. */
export interface ClockState {
  readonly params: ClockParams;
  readonly now: number;
  readonly rng: number;
  readonly nodes: readonly ClockNode[];
  readonly pending: readonly Pending[];
  readonly events: readonly ClockEvent[];
  readonly writes: readonly LwwWrite[];
  readonly trace: readonly import('../core/types').TraceEntry[];
  readonly nextMsg: number;
  readonly nextSeq: number;
}
