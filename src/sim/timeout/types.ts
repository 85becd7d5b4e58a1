/** Data types of the "dropped or slow?" timeout core. */
import type { Time, TraceEntry } from '../core/types';

/** Link conditions in one direction. */
export interface LinkDir {
  /** Mean one-way latency (ms). */
  readonly latency: number;
  /** Probability that a message is lost (0–1). */
  readonly loss: number;
}

/** Reader-tunable parameters (clamped by `sanitizeTimeoutParams`). */
export interface TimeoutParams {
  /** Client timeout per call (ms). */
  readonly timeout: number;
  /** Mean one-way latency (ms) in both directions at the start. */
  readonly latency: number;
  /** Uniform spread around the mean, as a fraction (0–0.9). */
  readonly jitter: number;
  /** Probability that one message is a slow outlier (0–0.5) … */
  readonly tail: number;
  /** … and how many times slower an outlier is (1–20). */
  readonly tailFactor: number;
  /** Loss probability in both directions at the start (0–0.9). */
  readonly loss: number;
  /** Server processing time per request (ms). */
  readonly service: number;
}

/** What really happened to a call; the client can never see this. */
export type Truth =
  | 'in-flight'
  | 'ok'
  | 'request-lost'
  | 'server-down'
  | 'crashed-mid-request'
  | 'reply-lost'
  | 'late-reply';

/** One request/response exchange. */
export interface Call {
  readonly id: number;
  readonly sentAt: Time;
  readonly deadline: Time;
  /** The client's view: all it can know. */
  readonly status: 'waiting' | 'ok' | 'timed-out';
  readonly doneAt?: Time;
  /** When the server finished the work (the side effect happened), if it did. */
  readonly executedAt?: Time;
  /** When a reply reached the client after the timeout had fired. */
  readonly lateReplyAt?: Time;
  readonly truth: Truth;
}

/** A message on the wire. */
export interface TMsg {
  readonly id: number;
  readonly kind: 'request' | 'reply';
  readonly call: number;
  readonly sentAt: Time;
  readonly deliverAt: Time;
  /** Decided at send time from the seeded PRNG; the drop shows up at `deliverAt`. */
  readonly lost: boolean;
}

/** Pending internal events. */
export type TEvent =
  | { readonly kind: 'deliver'; readonly msg: TMsg }
  | { readonly kind: 'timeout'; readonly call: number }
  | { readonly kind: 'served'; readonly call: number; readonly epoch: number };

/** Queue entry ordered by (at, seq). */
export interface TScheduled {
  readonly at: Time;
  readonly seq: number;
  readonly ev: TEvent;
}

/** Full state of a timeout-lab run. */
export interface TimeoutState {
  readonly params: TimeoutParams;
  readonly now: Time;
  readonly rng: number;
  readonly seq: number;
  readonly nextMsg: number;
  readonly request: LinkDir;
  readonly reply: LinkDir;
  readonly serverUp: boolean;
  /** Bumped on every crash so work started before the crash never completes. */
  readonly epoch: number;
  readonly calls: readonly Call[];
  readonly queue: readonly TScheduled[];
  readonly trace: readonly TraceEntry[];
}

/** Reader actions. */
export type TimeoutAction =
  | { readonly type: 'client/call' }
  | { readonly type: 'server/crash' }
  | { readonly type: 'server/restart' }
  | { readonly type: 'link/set'; readonly dir: 'request' | 'reply' | 'both'; readonly latency?: number; readonly loss?: number };
