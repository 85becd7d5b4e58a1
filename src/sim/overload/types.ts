/** Data types of the overload lab's server model (see server.ts). */
import type { TraceBuf } from '../core/trace';
import type { ChunkQueue } from './chunkq';

/** How the server picks, and sheds, queued requests. */
export type Policy = 'fifo' | 'bounded' | 'lifo' | 'adaptive-lifo' | 'deadline';

/** Exponential or fixed service times. */
export type ServiceKind = 'exp' | 'fixed';

/** One class of requests (the bulkhead scenarios have two: cheap and expensive). */
export interface ClassSpec {
  readonly name: string;
  /** Poisson arrivals per second. */
  readonly rate: number;
  /** Mean service time, ms. */
  readonly serviceMs: number;
}

/** The server model's parameters (times in ms, rates per second). */
export interface ServerParams {
  readonly servers: number;
  /** One pool for every class, or one pool per class (bulkheads). */
  readonly pools: 'shared' | 'separate';
  /** With separate pools: workers given to class 0 (the rest serve class 1). */
  readonly split: number;
  readonly classes: readonly ClassSpec[];
  readonly service: ServiceKind;
  readonly policy: Policy;
  /** Longest queue for `bounded` (arrivals beyond it are rejected). */
  readonly queueLimit: number;
  /** Clients give up this long after sending (0 = they wait forever). */
  readonly clientTimeout: number;
  /** CoDel (Maurer 2015): queue delay allowed while congested (M) … */
  readonly codelTarget: number;
  /** … and the interval (N): congested when the queue has not emptied for N ms; otherwise the limit is N. */
  readonly codelInterval: number;
  /** Requests arriving before this are not measured (let the queue reach steady state). */
  readonly warmup: number;
}

/** A request. */
export interface SReq {
  readonly id: number;
  readonly cls: number;
  readonly arrived: number;
}

/** One worker. */
export interface Server {
  readonly req: SReq | null;
  readonly started: number;
  readonly until: number;
}

/** A pending event. */
export interface SEvent {
  readonly t: number;
  readonly seq: number;
  readonly k: 'arr' | 'done';
  /** arr: class; done: server index. */
  readonly i: number;
  /** arr: load generation (a rate change voids older arrivals). */
  readonly gen: number;
}

/** How a request ended. */
export type SFate = 'good' | 'late' | 'rejected' | 'dropped';

/** Counters for one class (measured requests only, i.e. arrived after warm-up). */
export interface ClassStats {
  readonly arrived: number;
  readonly good: number;
  readonly late: number;
  readonly rejected: number;
  readonly dropped: number;
  /** Requests that reached a worker, and the sum of their queue waits (ms). */
  readonly served: number;
  readonly waitSum: number;
  /** Sum of time in system (ms) of every request that left the system after being admitted. */
  readonly departed: number;
  readonly sojournSum: number;
  /** Sum of response times of good requests (ms). */
  readonly goodRespSum: number;
}

/** One second of measurements, for the charts. */
export interface SSample {
  readonly sec: number;
  readonly arrived: readonly number[];
  readonly good: readonly number[];
  readonly late: readonly number[];
  readonly shed: readonly number[];
  /** ∫ busy workers dt (ms·workers), per pool. */
  readonly busyMs: readonly number[];
  readonly queueMax: readonly number[];
  /** Requests that reached a worker in this second, and the sum of their queue waits (ms), per class. */
  readonly served: readonly number[];
  readonly waitMs: readonly number[];
}

/** A recently finished request, for the animation. */
export interface SFinished {
  readonly id: number;
  readonly cls: number;
  readonly fate: SFate;
  readonly arrived: number;
  readonly at: number;
}

/** Reader actions. */
export type ServerAction =
  | { readonly type: 'load/set'; readonly cls: number; readonly rate: number }
  | { readonly type: 'service/set'; readonly cls: number; readonly ms: number }
  | { readonly type: 'policy/set'; readonly policy: Policy };

/** The whole state of a run: plain data, never mutated once returned. */
export interface ServerState {
  readonly mechanism: 'overload';
  readonly seed: number;
  readonly params: ServerParams;
  readonly now: number;
  readonly seq: number;
  readonly nextReq: number;
  readonly heap: readonly SEvent[];
  /** sfc32 states: arrivals and service per class. */
  readonly rng: readonly (readonly number[])[];
  readonly rate: readonly number[];
  readonly serviceMs: readonly number[];
  readonly gen: readonly number[];
  readonly policy: Policy;
  readonly servers: readonly Server[];
  /** Per pool: queued requests, oldest first (a persistent deque: a step copies one chunk, not the queue). */
  readonly queues: readonly ChunkQueue<SReq>[];
  /** Per pool: last time its queue was empty (CoDel). */
  readonly lastEmpty: readonly number[];
  /** Per pool: CoDel's congestion flag as last seen (for the trace). */
  readonly congested: readonly boolean[];
  /** When CoDel's congestion was last written to the trace (notes are kept at least 2 s apart). */
  readonly codelNoteAt: number;
  readonly stats: readonly ClassStats[];
  /** ∫ busy workers dt and ∫ requests in system dt since warm-up (ms·workers, ms·requests). */
  readonly busyArea: number;
  readonly numberArea: number;
  readonly accrued: number;
  /** Queue waits (ms) of measured served requests, append-only shared buffer. */
  readonly waits: { readonly buf: readonly number[]; readonly len: number };
  readonly series: readonly SSample[];
  readonly recent: readonly SFinished[];
  readonly trace: TraceBuf;
}
