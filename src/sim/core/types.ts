/**
 * The contract every simulation core in the book implements.
 *
 * Models the classic discrete-event simulation of an asynchronous message-passing
 * system (Lynch, "Distributed Algorithms", ch. 8; Lamport 1978 §2): processes
 * react to message deliveries and timer expirations, and a network delivers,
 * drops, duplicates or delays messages. Everything here is plain serialisable
 * data so that a run is fully defined by (mechanism, seed, params, action log).
 *
 * Cores are pure: no React, DOM, Date, Math.random or real timers.
 */

/** Virtual time in milliseconds since the start of a run. */
export type Time = number;

/** A node (process, replica, client) identifier, e.g. 'A' or 'c1'. */
export type NodeId = string;

/** Anything with a string discriminant; every event and action is one of these. */
export interface Tagged {
  readonly type: string;
}

/** One external action recorded in a run's log, applied at virtual time `at`. */
export interface LogEntry<A extends Tagged = Tagged> {
  readonly at: Time;
  readonly action: A;
}

/** Everything needed to reproduce a run exactly, in Node and in the browser. */
export interface RunSpec<P = unknown, A extends Tagged = Tagged> {
  readonly mechanism: string;
  readonly seed: number;
  readonly params: P;
  readonly log: readonly LogEntry<A>[];
}

/** The kind of a trace entry; the views (space-time diagram, event table, live region) key off it. */
export type TraceKind =
  | 'send'
  | 'deliver'
  | 'drop'
  | 'duplicate'
  | 'timer'
  | 'crash'
  | 'restart'
  | 'partition'
  | 'heal'
  | 'action'
  | 'note';

/** One thing that happened, for diagrams, tables and announcements. */
export interface TraceEntry {
  /** Position in the trace; unique and increasing within a run. */
  readonly seq: number;
  readonly t: Time;
  readonly kind: TraceKind;
  /** The node where it happened (the receiver for a delivery). */
  readonly node?: NodeId;
  readonly from?: NodeId;
  readonly to?: NodeId;
  /** Message id, shared by the send, deliver, drop and duplicate entries of one message. */
  readonly msgId?: number;
  /** Short human-readable text, e.g. "AppendEntries(term 3, 2 entries)". */
  readonly label: string;
  /** Mechanism-specific detail (plain data). */
  readonly data?: unknown;
}

/** A named, documented starting point that prose and narration can load by id. */
export interface Scenario<P = unknown, A extends Tagged = Tagged> {
  readonly id: string;
  readonly title: string;
  /** One or two sentences telling the reader what to look for. */
  readonly description: string;
  readonly seed: number;
  readonly params: P;
  /** Actions pre-recorded into the log (the reader can add more). */
  readonly log: readonly LogEntry<A>[];
  /** Suggested time to stop or pause at, if any. */
  readonly until?: Time;
}

/** Result of validating untrusted params (URL, widget props): always usable, with reasons for any change. */
export interface Sanitized<T> {
  readonly value: T;
  readonly problems: readonly string[];
}

/**
 * One interface for every mechanism, so widgets, replay, seeking and the
 * narration player drive all of them the same way.
 *
 * Contract:
 * - `init`, `apply` and `next` never mutate their inputs.
 * - Same seed + params + same sequence of calls ⇒ deep-equal states.
 * - `next` processes exactly one internal event (a delivery or a timer) and
 *   returns the state unchanged (same reference) when nothing is pending.
 */
export interface Mechanism<P, S, A extends Tagged> {
  /** Stable id used in URLs and RunSpecs, e.g. 'raft'. */
  readonly id: string;
  readonly defaults: P;
  /** Validate and clamp untrusted params; never throws. */
  sanitizeParams(raw: unknown): Sanitized<P>;
  /** Validate an untrusted action (from a URL or a narration cue); null if invalid. */
  parseAction(raw: unknown): A | null;
  init(seed: number, params: P): S;
  /** Apply an external (reader) action at the state's current virtual time. */
  apply(state: S, action: A): S;
  /** Virtual time of the next pending internal event, or Infinity if none. */
  peek(state: S): Time;
  /** Process the next internal event. */
  next(state: S): S;
  /**
   * Move virtual time forward to `t`: process every internal event due at or
   * before `t` (in order), then set the clock to `t`. Nothing due after `t` is
   * processed. A `t` at or before now only processes what is already due.
   */
  advanceTo(state: S, t: Time): S;
  /**
   * Optional batch form of `next`: take up to `maxSteps` internal events due at or before `t`, one
   * step each, exactly as that many `next` calls would (the clock stays at the last event taken), and
   * say how many were taken. SeekableRun uses it to replay in batches instead of one working copy
   * per event.
   */
  stepMany?(state: S, t: Time, maxSteps: number): { readonly state: S; readonly steps: number };
  now(state: S): Time;
  trace(state: S): readonly TraceEntry[];
  readonly scenarios: readonly Scenario<P, A>[];
}

/** A mechanism of unknown params, state and action types, as generic code (the lab toolkit, registries) holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMechanism = Mechanism<any, any, any>;
