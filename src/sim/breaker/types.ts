/** Data types of the breaker lab's caller model (see caller.ts). */
import type { BreakerConfig } from './config';
import type { Breaker, BreakerMode } from './breaker';
import type { MutRng } from '../core/rng';
import type { TraceBuf } from '../core/trace';

/** The two endpoints of the caller: A calls the dependency, B does only local work. */
export type Endpoint = 'A' | 'B';

/** How the dependency (or one of its hosts) behaves. */
export type DepMode = 'healthy' | 'slow' | 'failing' | 'recovering' | 'flaky';

/** Which breakers guard the dependency. */
export type BreakerScope = 'none' | 'per-dependency' | 'per-host';

/** The caller model's parameters (times in virtual ms, rates in requests per second). */
export interface CallerParams {
  /** Worker threads in the caller's pool. */
  readonly workers: number;
  /** Requests that may wait for a worker; more are rejected at once. */
  readonly queueLimit: number;
  /** How long a client waits for an answer before giving up (from arrival). */
  readonly clientTimeout: number;
  /** How long a worker waits for the dependency before it counts the call as failed. */
  readonly callTimeout: number;
  readonly rateA: number;
  readonly rateB: number;
  /** Mean local work per request (exponential), both endpoints. */
  readonly localMs: number;
  /** Dependency hosts behind a round-robin load balancer. */
  readonly hosts: number;
  readonly scope: BreakerScope;
  /** Answer A from a fallback (a cached value) when the call fails or is refused. */
  readonly fallback: boolean;
  readonly breaker: BreakerConfig;
}

/** A request from a client. */
export interface Req {
  readonly id: number;
  readonly ep: Endpoint;
  readonly arrived: number;
}

/** One worker thread. */
export interface Worker {
  readonly req: Req | null;
  /** 'call': blocked on the dependency; 'local': doing its own work. */
  readonly phase: 'idle' | 'local' | 'call';
  readonly started: number;
  /** When the current step ends. */
  readonly until: number;
  /** Dependency call: which host, which breaker (-1 none), whether it fails. */
  readonly host: number;
  readonly breaker: number;
  readonly failed: boolean;
}

/** A pending event. */
export interface CallerEvent {
  readonly t: number;
  readonly seq: number;
  readonly k: 'arr' | 'done' | 'deadline' | 'auto';
  /** arr: endpoint; done: worker index; deadline: request id; auto: breaker index. */
  readonly ep?: Endpoint;
  readonly w?: number;
  readonly req?: number;
  readonly b?: number;
  /** arr: load generation (a rate change voids older arrivals); auto: the breaker's `since`. */
  readonly gen?: number;
}

/** One second of measurements, for the charts. */
export interface Sample {
  readonly sec: number;
  readonly arrA: number;
  readonly arrB: number;
  readonly okA: number;
  readonly okB: number;
  readonly fallbackA: number;
  readonly failA: number;
  readonly failB: number;
  /** Calls that reached the dependency (started). */
  readonly depCalls: number;
  /** A-requests refused by an open breaker. */
  readonly shortA: number;
  /** ∫ busy workers dt over the second (ms·workers); /1000 = mean busy workers. */
  readonly busyMs: number;
  readonly queueMax: number;
}

/** How one request ended. */
export type Fate = 'ok' | 'fallback' | 'error' | 'refused' | 'timeout' | 'rejected';

/** A recently finished request, for the animation. */
export interface Finished {
  readonly id: number;
  readonly ep: Endpoint;
  readonly fate: Fate;
  readonly arrived: number;
  readonly at: number;
}

/** A breaker transition with the breaker it belongs to. */
export interface BreakerTransition {
  readonly at: number;
  readonly breaker: number;
  readonly from: BreakerMode;
  readonly to: BreakerMode;
  readonly reason: string;
}

/** Running totals. */
export interface Totals {
  readonly arr: Readonly<Record<Endpoint, number>>;
  readonly fate: Readonly<Record<Endpoint, Readonly<Record<Fate, number>>>>;
  readonly depCalls: number;
}

/** Reader actions. */
export type CallerAction =
  | { readonly type: 'dep/health'; readonly host: number; readonly mode: DepMode }
  | { readonly type: 'caller/load'; readonly ep: Endpoint; readonly rate: number };

/** The whole state of a run: plain data, never mutated once returned. */
export interface CallerState {
  readonly mechanism: 'breaker';
  readonly seed: number;
  readonly params: CallerParams;
  readonly now: number;
  readonly seq: number;
  readonly nextReq: number;
  readonly heap: readonly CallerEvent[];
  readonly rng: Readonly<Record<'arrA' | 'arrB' | 'work' | 'dep', readonly number[]>>;
  readonly rate: Readonly<Record<Endpoint, number>>;
  readonly gen: Readonly<Record<Endpoint, number>>;
  readonly workers: readonly Worker[];
  readonly queue: readonly Req[];
  readonly health: readonly DepMode[];
  readonly breakers: readonly Breaker[];
  readonly rr: number;
  readonly transitions: readonly BreakerTransition[];
  readonly series: readonly Sample[];
  readonly recent: readonly Finished[];
  readonly totals: Totals;
  /** Edge detector for the "pool exhausted" note. */
  readonly saturated: boolean;
  /** Time up to which busy-worker time has been added to the series. */
  readonly accrued: number;
  readonly trace: TraceBuf;
}

/** Internal: a mutable working copy. */
export type Mut<T> = { -readonly [K in keyof T]: T[K] };
/** Internal: mutable RNG states by stream. */
export type Rngs = Record<'arrA' | 'arrB' | 'work' | 'dep', MutRng>;
