/** Data types of the "dropped or slow?" timeout protocol (runs on the kernel's world). */
import type { Time } from '../core/types';
import type { WorldAction } from '../core/actions';

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

/** One call as the client knows it. */
export interface Call {
  readonly id: number;
  readonly sentAt: Time;
  readonly deadline: Time;
  /** The client's view: all it can know. */
  readonly status: 'waiting' | 'ok' | 'timed-out';
  readonly doneAt?: Time;
  /** When a reply reached the client after the timeout had fired. */
  readonly lateReplyAt?: Time;
}

/** Client node state. */
export interface ClientNode {
  readonly role: 'client';
  readonly calls: readonly Call[];
}

/** Server node state. `executed` is the durable side effect; `working` is lost in a crash. */
export interface ServerNode {
  readonly role: 'server';
  readonly executed: Readonly<Record<number, Time>>;
  readonly working: readonly number[];
}

/** Node state of either role. */
export type TimeoutNode = ClientNode | ServerNode;

/** Messages between client and server. */
export type TimeoutMsg = { readonly type: 'request'; readonly call: number } | { readonly type: 'reply'; readonly call: number };

/** The protocol's own reader command. */
export type TimeoutCommand = { readonly type: 'client/call' };

/** Reader actions: the call command plus the kernel's world actions (crash, restart, link changes). */
export type TimeoutAction = TimeoutCommand | WorldAction;
