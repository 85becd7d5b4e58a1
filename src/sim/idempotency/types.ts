/**
 * Types of the idempotency core: a client paying through a payment API (Stripe's
 * idempotency-key design, as written up by Brandur Leach, "Implementing Stripe-like
 * Idempotency Keys in Postgres", 2017; the IETF draft "The Idempotency-Key HTTP Header
 * Field", draft-ietf-httpapi-idempotency-key-header) and, separately, a broker delivering
 * at least once to a consumer that may or may not deduplicate.
 */
import type { NodeId, Time } from '../core/types';
import type { Dist } from '../core/dist';

/** What the server does with a retry whose key is still being processed. */
export type InFlightPolicy =
  /** Answer at once with 409 Conflict; the client backs off and retries (the IETF draft's choice). */
  | 'reject'
  /** Hold the retry until the first attempt finishes, then answer both with its outcome. */
  | 'wait';

/** Which world runs: the payment API (client + server) or a queue (broker + consumer). */
export type IdemMode = 'api' | 'queue';

/** Parameters of a run. Times are virtual milliseconds. */
export interface IdemParams {
  readonly mode: IdemMode;
  /** Client sends an Idempotency-Key (one per payment, the same on every retry). */
  readonly keys: boolean;
  /** Server commits the key record, the ledger row and the response in one transaction. */
  readonly atomic: boolean;
  readonly inFlight: InFlightPolicy;
  /** How long a completed key record is kept (from its commit), then purged. */
  readonly retention: Time;
  /** Client gives up on an attempt after this long without an answer. */
  readonly timeout: Time;
  /** Backoff before retry n (n ≥ 1) is min(backoffCap, retryDelay·2^(n−1)), with no jitter. */
  readonly retryDelay: Time;
  readonly backoffCap: Time;
  /** Attempts per payment including the first (the client then gives up, outcome unknown). */
  readonly maxAttempts: number;
  /** Server time from receiving a request to writing the charge. */
  readonly work: Time;
  /** Server time from writing the charge to recording the key and answering: the crash window. */
  readonly recordGap: Time;
  /** One-way message delay on every link. */
  readonly latency: Dist;
  /** Queue mode: the consumer records processed message ids atomically with the effect. */
  readonly dedup: boolean;
  /** Queue mode: the broker redelivers a message not acknowledged within this long. */
  readonly ackTimeout: Time;
}

/** One attempt (one HTTP request) of a payment, as the client sees it. */
export interface Attempt {
  readonly n: number;
  readonly sentAt: Time;
  /** What came back for this attempt, or 'timeout', or null while waiting. */
  readonly answer: null | 'timeout' | 201 | 409 | 422;
  readonly answeredAt: Time | null;
}

/** A payment as the client sees it. */
export interface Payment {
  /** The lab's name for the payment ('p1'); ground truth for counting, never read by the server's logic. */
  readonly id: string;
  readonly amount: number;
  /** Idempotency key, or null when keys are off. */
  readonly key: string | null;
  readonly attempts: readonly Attempt[];
  /**
   * pending: waiting for an answer or a retry; ok: got 201; rejected: got 422;
   * unknown: gave up after maxAttempts without an answer.
   */
  readonly status: 'pending' | 'ok' | 'rejected' | 'unknown';
  /** Charge id from the 201 the client accepted. */
  readonly charge: string | null;
  /** True if that 201 was a replay of a stored outcome. */
  readonly replayed: boolean;
  readonly start: Time;
  readonly end: Time | null;
}

/** The client's state (volatile; the client never crashes in this lab). */
export interface ClientState {
  readonly kind: 'client';
  readonly payments: readonly Payment[];
  /** Number of keys generated so far (keys are 'k1', 'k2', …). */
  readonly keysMade: number;
}

/** A row in the server's ledger: one charge of a card. */
export interface Charge {
  readonly id: string;
  /** Ghost field for the lab's bookkeeping (which client payment this charge belongs to). */
  readonly payment: string;
  readonly amount: number;
  readonly key: string | null;
  /** Which attempt of that payment caused it. */
  readonly attempt: number;
  readonly at: Time;
}

/** A completed key record: (key → fingerprint, outcome). */
export interface KeyRecord {
  readonly key: string;
  /** Request fingerprint: here the amount (a real server hashes method, path and body). */
  readonly amount: number;
  readonly charge: string;
  readonly createdAt: Time;
}

/** A request the server is working on (volatile: lost, and rolled back when atomic, on a crash). */
export interface Job {
  readonly id: number;
  readonly key: string | null;
  readonly payment: string;
  readonly amount: number;
  readonly attempt: number;
  readonly from: NodeId;
  readonly receivedAt: Time;
  /** working: before the charge; charged: charge written, key not yet recorded (the window). */
  readonly phase: 'working' | 'charged';
  readonly charge: string | null;
  /** Retries held while this job runs (policy 'wait'). */
  readonly waiters: readonly { readonly attempt: number; readonly from: NodeId }[];
}

/** The payment server: durable ledger, key table and charge sequence; volatile jobs. */
export interface ServerState {
  readonly kind: 'server';
  /** Durable: every committed charge. */
  readonly ledger: readonly Charge[];
  /** Durable: completed key records not yet purged, oldest first (a reaper drops expired ones from the front). */
  readonly keys: readonly KeyRecord[];
  /** Durable: like a database sequence, never rolled back, so rolled-back charges leave gaps. */
  readonly seq: number;
  /** Volatile: requests in progress. */
  readonly jobs: readonly Job[];
  readonly nextJob: number;
  /** Durable, for the picture: charges rolled back by a crash (atomic mode). */
  readonly rolledBack: readonly Charge[];
}

/** A message on the broker. */
export interface QueuedMessage {
  readonly id: string;
  readonly deliveries: number;
  readonly acked: boolean;
}

/** The broker: durable log of messages and their delivery counts. */
export interface BrokerState {
  readonly kind: 'broker';
  readonly messages: readonly QueuedMessage[];
}

/** One effect a consumer applied (e.g. a receipt e-mailed), for counting duplicates. */
export interface Effect {
  readonly msg: string;
  readonly delivery: number;
  readonly at: Time;
}

/** The consumer: durable effects and processed ids; volatile work queue. */
export interface ConsumerState {
  readonly kind: 'consumer';
  /** Durable: effects applied. */
  readonly effects: readonly Effect[];
  /** Durable: processed message ids (the "inbox" table), written with the effect when dedup is on. */
  readonly processed: readonly string[];
  /** Volatile: deliveries waiting, in arrival order. */
  readonly inbox: readonly { readonly msg: string; readonly delivery: number }[];
  /** Volatile: the delivery being handled and how far it got. */
  readonly current: { readonly msg: string; readonly delivery: number; readonly phase: 'working' | 'applied' } | null;
}

/** State of any node. */
export type IdemNode = ClientState | ServerState | BrokerState | ConsumerState;

/** Messages. */
export type IdemMsg =
  | { readonly type: 'pay'; readonly payment: string; readonly attempt: number; readonly key: string | null; readonly amount: number }
  | {
      readonly type: 'reply';
      readonly payment: string;
      readonly attempt: number;
      readonly status: 201 | 409 | 422;
      readonly charge: string | null;
      readonly replayed: boolean;
    }
  | { readonly type: 'deliver'; readonly msg: string; readonly delivery: number }
  | { readonly type: 'ack'; readonly msg: string };

/** Reader commands. */
export type IdemCmd =
  /** Start a new payment; `reuseKey` sends it under the previous payment's key (a client bug). */
  | { readonly type: 'idem/pay'; readonly amount: number; readonly reuseKey?: boolean }
  /** Queue mode: publish a new message to the broker. */
  | { readonly type: 'idem/publish' };

/** Node ids. */
export const CLIENT: NodeId = 'C';
export const SERVER: NodeId = 'S';
export const BROKER: NodeId = 'B';
export const CONSUMER: NodeId = 'Q';

/** Backoff before retry number n (n ≥ 1). */
export function backoff(p: Pick<IdemParams, 'retryDelay' | 'backoffCap'>, n: number): Time {
  return Math.min(p.backoffCap, p.retryDelay * 2 ** Math.max(0, n - 1));
}
