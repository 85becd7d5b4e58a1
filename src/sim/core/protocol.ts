/**
 * What a mechanism implements to run on the generic message-passing world.
 *
 * A protocol is a set of pure handlers in the style of an I/O automaton
 * (Lynch, "Distributed Algorithms", ch. 8): each reacts to one input
 * (a message, a timer, a reader command) by returning the node's next state
 * and asking the world, through `ctx`, to send messages and set timers.
 * Handlers must not mutate the state they are given and must draw every
 * random number from `ctx` so that runs replay exactly.
 */
import type { NodeId, Sanitized, Scenario, Tagged, Time } from './types';
import type { NetConfig } from './network';
import type { Dist } from './dist';
import type { WorldAction } from './actions';

/** Random draws from the calling node's own stream. */
export interface CtxRandom {
  /** Float in [0, 1). */
  float(): number;
  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number;
  /** Float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Exponential variate with the given mean. */
  exponential(mean: number): number;
  /** Log-normal variate exp(mu + sigma·Z). */
  logNormal(mu: number, sigma: number): number;
  /** Pareto variate with scale xm and shape alpha. */
  pareto(xm: number, alpha: number): number;
  /** A sample from any latency-style distribution. */
  sample(d: Dist): number;
}

/**
 * The handle a handler uses to act on the world. Valid only during the call
 * it was passed to (do not keep it).
 */
export interface Ctx<M, P = unknown> {
  /** The node whose handler is running. */
  readonly self: NodeId;
  /** Current virtual time. */
  readonly now: Time;
  /** Every node in the world, in a fixed order. */
  readonly nodes: readonly NodeId[];
  /** The run's (sanitised) parameters. */
  readonly params: P;
  /** Send `msg` to `to` through the network (subject to delay, loss, partitions). */
  send(to: NodeId, msg: M): void;
  /** Send `msg` to every other node. */
  broadcast(msg: M): void;
  /** (Re)start the named timer to fire after `delay` ms; replaces a pending timer of the same name. */
  setTimer(name: string, delay: number): void;
  /** Cancel the named timer if pending. */
  cancelTimer(name: string): void;
  /** Virtual time at which the named timer fires, or undefined if not pending. */
  timerAt(name: string): Time | undefined;
  /** This node's private random stream. */
  readonly random: CtxRandom;
  /** Record a note in the trace (state changes worth showing or announcing). */
  note(label: string, data?: unknown): void;
}

/** A protocol: node behaviour plus the metadata the world needs to run and present it. */
export interface Protocol<P, NS, M, C extends Tagged> {
  /** Mechanism id used in URLs and RunSpecs. */
  readonly id: string;
  readonly defaults: P;
  sanitizeParams(raw: unknown): Sanitized<P>;
  /** The nodes and initial network for these params. */
  topology(params: P): { readonly nodes: readonly NodeId[]; readonly net: NetConfig };
  /** Initial state of node `id`; may set timers and send messages. */
  initNode(id: NodeId, ctx: Ctx<M, P>): NS;
  /** React to a delivered message. */
  onMessage(state: NS, msg: M, from: NodeId, ctx: Ctx<M, P>): NS;
  /** React to a timer firing (default: ignore). */
  onTimer?(state: NS, name: string, ctx: Ctx<M, P>): NS;
  /** React to a reader command routed to this node (default: ignore). */
  onCommand?(state: NS, cmd: C, ctx: Ctx<M, P>): NS;
  /** Which node a reader command goes to, or null if the command is invalid here. */
  commandTarget(cmd: C, params: P): NodeId | null;
  /** Validate an untrusted command; null if invalid. */
  parseCommand(raw: unknown): C | null;
  /** What survives a crash (the durable part; volatile fields reset). Default: the whole state. */
  onCrash?(state: NS): NS;
  /** Rebuild volatile state after a restart; may set timers. Default: unchanged. */
  onRestart?(state: NS, ctx: Ctx<M, P>): NS;
  /**
   * React to the network changing under this node (a partition, heal, cut or restore), as if a
   * perfect failure detector reported at once which nodes it can now send to (`reachable`,
   * itself included, in node order). Called on every up node, in node order, right after the
   * change. Default: not called, so protocols that must discover faults by timeouts stay honest.
   */
  onNetChange?(state: NS, reachable: readonly NodeId[], ctx: Ctx<M, P>): NS;
  /** Short label for a message, e.g. "Vote(term 3)". */
  describe(msg: M): string;
  /** Short label for a reader command. */
  describeCommand?(cmd: C): string;
  /**
   * Optional: the trace label for a world action in this protocol's own words (e.g. "S2 crashed"),
   * or undefined to keep the kernel's label. Only the label changes; the action's effect never does.
   */
  describeWorldAction?(a: WorldAction): string | undefined;
  readonly scenarios: readonly Scenario<P, WorldAction | C>[];
}
