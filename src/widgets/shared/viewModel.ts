/**
 * The plain data the shared views draw. A lab's selectors turn its core's state into these;
 * the views never look at a core's state directly.
 */
import type { NodeId, Time } from '../../sim/core';
import type { InFlight } from '../../sim/core';

/** Visual emphasis, mapped to --ok / --warn / --bad. */
export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

/** A process (server or client) in the cluster picture. */
export interface NodeView {
  readonly id: NodeId;
  /** Short name drawn inside the node. */
  readonly label: string;
  readonly up: boolean;
  /** Up to three short lines drawn under the node (e.g. the replica's value). */
  readonly lines?: readonly string[];
  readonly tone?: Tone;
  /** Clients sit outside the ring, next to the server they talk to. */
  readonly attachedTo?: NodeId;
  /** A short badge, e.g. 'leader' or 'decided 1'. */
  readonly badge?: string;
}

/** A message on the wire. Its position comes from simulation time, not from an animation clock. */
export interface MessageView {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sentAt: Time;
  /** Scheduled delivery; undefined when the scheduler has not decided (drawn waiting mid-link). */
  readonly deliverAt?: Time;
  readonly label: string;
  readonly tone?: Tone;
}

/** Everything the cluster view needs at one instant. */
export interface ClusterModel {
  readonly nodes: readonly NodeView[];
  /** Partition groups (nodes absent from every group are isolated); null when fully connected. */
  readonly groups: readonly (readonly NodeId[])[] | null;
  readonly messages: readonly MessageView[];
}

/** Can `a` and `b` talk under `groups`? (Same group, or no partition.) */
export function connected(groups: ClusterModel['groups'], a: NodeId, b: NodeId): boolean {
  if (!groups) return true;
  return groups.some((g) => g.includes(a) && g.includes(b));
}

/** A kernel in-flight message, as far as the picture needs it. */
export type WireMessage<M> = Omit<InFlight<M>, 'doomed' | 'dup'>;

/**
 * Kernel in-flight messages as drawable views. Every lab on the kernel draws its messages the
 * same way and differs only in wording and colour, so those are the only parameters.
 */
export function messageViews<M, W extends WireMessage<M>>(
  flights: readonly W[],
  label: (m: W) => string,
  tone: (m: W) => Tone | undefined = () => undefined,
): MessageView[] {
  return flights.map((m) => ({ id: m.msgId, from: m.from, to: m.to, sentAt: m.sent, deliverAt: m.arrive, label: label(m), tone: tone(m) }));
}
