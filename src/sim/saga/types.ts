/**
 * Types of the saga core (Garcia-Molina & Salem 1987, "Sagas", SIGMOD): a long-lived transaction
 * written as a sequence of local transactions T1…Tn, each with a compensating transaction C1…Cn−1,
 * such that the system runs either T1…Tn or T1…Tj, Cj…C1. Step kinds follow Richardson
 * ("Microservices Patterns", 2018, ch. 4): compensatable steps, a pivot (the go/no-go point), and
 * retriable steps after it that must eventually succeed.
 */
import type { NodeId, Time } from '../core/types';
import type { Dist } from '../core/dist';

/** Step names of the order saga, in order. */
export type StepName = 'reserve' | 'authorise' | 'book' | 'confirm' | 'capture' | 'allocate';

/** A step's kind. */
export type StepKind = 'compensatable' | 'pivot' | 'retriable';

/** Services (kernel nodes). */
export type ServiceName = 'INV' | 'PAY' | 'SHIP' | 'ORD';

/** How the saga is coordinated. */
export type SagaMode = 'orchestration' | 'choreography';

/** What an orchestrator does when a step's reply is late. */
export type TimeoutPolicy = 'compensate' | 'query';

/** A saga id: 's1' or 's2'. */
export type SagaId = string;

/** One saga the run starts. */
export interface SagaSpec {
  readonly id: SagaId;
  /** When it starts. */
  readonly at: Time;
  /** Units of stock it orders. */
  readonly qty: number;
  /** A step that fails (a business failure: out of stock, card declined, no courier…), if any. */
  readonly fail?: StepName;
}

/** Countermeasures for the missing isolation (Richardson 2018 §4.3). */
export interface Countermeasures {
  /** Reservations carry a PENDING flag until the saga passes its pivot; others wait rather than act on them. */
  readonly semanticLock: boolean;
  /** Compensations add back what the step took (commutative) instead of restoring a before-image. */
  readonly commutative: boolean;
  /** The pivot rereads the order before confirming it (a cancelled order is not confirmed). */
  readonly reread: boolean;
}

/** Parameters of a saga run. */
export interface SagaParams {
  readonly mode: SagaMode;
  readonly sagas: readonly SagaSpec[];
  /** Units in stock at the start. */
  readonly stock: number;
  /** Services remember request ids and replay replies to duplicates. */
  readonly idempotent: boolean;
  /** Each attempt of a forward step fails (business failure) with this probability. */
  readonly failRate: number;
  /** Each attempt of a compensation fails (transiently) with this probability; it is retried until it succeeds. */
  readonly undoFailRate: number;
  /** A compensation of this step fails this many times before it succeeds (scenarios). */
  readonly flakyUndo: { readonly step: StepName; readonly times: number } | null;
  readonly timeoutMs: Time;
  readonly onTimeout: TimeoutPolicy;
  readonly retryMs: Time;
  readonly latency: Dist;
  readonly counter: Countermeasures;
}

/** An operation on a service: run a step, compensate it, or ask whether it ran. */
export type OpKind = 'do' | 'undo' | 'query';

/** A service's answer. */
export type OpResult = 'ok' | 'failed' | 'busy' | 'not-run';

/** One effect a service applied to its data (ghost record for the checker and the view). */
export interface Effect {
  readonly saga: SagaId;
  readonly step: StepName;
  readonly op: 'do' | 'undo';
  readonly at: Time;
}

/** The saga log record kinds an orchestrator writes (durably, like a workflow engine's history). */
export type SagaLogKind = 'started' | 'requested' | 'done' | 'failed' | 'timed-out' | 'undo-requested' | 'undone' | 'completed' | 'compensated';

/** One saga log record. */
export interface SagaLogRecord {
  readonly saga: SagaId;
  readonly kind: SagaLogKind;
  readonly step?: StepName;
  readonly at: Time;
}

/** The orchestrator's in-memory view of one saga (rebuilt from the log after a crash). */
export interface SagaRun {
  readonly id: SagaId;
  readonly phase: 'forward' | 'unwinding' | 'completed' | 'compensated';
  /** Index of the step in progress (forward) or being compensated (unwinding). */
  readonly step: number;
  /** Steps that completed. */
  readonly done: readonly StepName[];
  readonly attempt: number;
  /** True while waiting on a query after a timeout. */
  readonly querying: boolean;
}

/** The orchestrator node. */
export interface OrchestratorState {
  readonly role: 'orchestrator';
  /** Durable: survives crashes. */
  readonly log: readonly SagaLogRecord[];
  readonly runs: Readonly<Record<SagaId, SagaRun>>;
}

/** A service's record of one saga's step. */
export type StepStatus = 'done' | 'failed' | 'undone' | 'refused';

/** A service node (its local database survives crashes). */
export interface ServiceState {
  readonly role: 'service';
  readonly name: ServiceName;
  /** INV: free units. Others: unused (0). */
  readonly stock: number;
  /** INV: reserved units by saga, with a PENDING flag and the stock seen before (for before-image undo). */
  readonly reservations: Readonly<Record<SagaId, { readonly qty: number; readonly pending: boolean; readonly before: number }>>;
  /** Status of each (saga, step) this service owns. */
  readonly steps: Readonly<Record<string, StepStatus>>;
  /** ORD: order status by saga. */
  readonly orders: Readonly<Record<SagaId, 'pending' | 'cancelled' | 'confirmed' | 'completed' | 'rejected'>>;
  /** Idempotency table: request key → the reply given. */
  readonly seen: Readonly<Record<string, OpResult>>;
  /** How many times each undo of a step has failed (for flakyUndo). */
  readonly undoFailures: Readonly<Record<string, number>>;
  /** Ghost: every effect applied, in order. */
  readonly effects: readonly Effect[];
  /** Ghost: reserve requests refused while another saga held stock it later released (dirty reads). */
  readonly refusedWhile: Readonly<Record<SagaId, readonly SagaId[]>>;
  /** Choreography: event ids already handled (consumer-side dedupe). */
  readonly handled: readonly string[];
  /** Ghost: business failures, for the unwind-time measure. */
  readonly failures: readonly { readonly saga: SagaId; readonly step: StepName; readonly at: Time }[];
  /** ORD: orders the customer cancelled while their saga ran. */
  readonly cancelRequested: readonly SagaId[];
}

/** The broker (choreography): at-least-once delivery with redelivery until acked. */
export interface BrokerState {
  readonly role: 'broker';
  /** Every event published, in order (the only place a saga's history is visible, and only as events). */
  readonly events: readonly SagaEvent[];
  /** Deliveries not yet acked: `${eventId}>${node}`. */
  readonly unacked: readonly string[];
}

/** A choreography event. */
export interface SagaEvent {
  readonly id: string;
  readonly saga: SagaId;
  readonly step: StepName | 'start';
  readonly result: 'started' | 'done' | 'failed' | 'undone';
  readonly at: Time;
}

/** Any node's state. */
export type SagaNode = OrchestratorState | ServiceState | BrokerState;

/** Messages. */
export type SagaMsg =
  | { readonly type: 'op'; readonly saga: SagaId; readonly step: StepName; readonly op: OpKind; readonly attempt: number }
  | { readonly type: 'reply'; readonly saga: SagaId; readonly step: StepName; readonly op: OpKind; readonly attempt: number; readonly result: OpResult }
  | { readonly type: 'publish'; readonly event: Omit<SagaEvent, 'id' | 'at'> }
  | { readonly type: 'deliver'; readonly event: SagaEvent }
  | { readonly type: 'ack'; readonly id: string };

/** Reader commands. */
export type SagaCmd =
  /** The customer cancels an order while its saga is running (a concurrent update at ORD). */
  | { readonly type: 'saga/cancel'; readonly saga: SagaId };

/** Node ids. */
export const ORCHESTRATOR: NodeId = 'O';
export const BROKER: NodeId = 'B';
export const SERVICES: readonly ServiceName[] = ['INV', 'PAY', 'SHIP', 'ORD'];
