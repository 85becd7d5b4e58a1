/**
 * Pure observations of an idempotency run: which payment was charged how often, which
 * effects were applied twice. The tests, the experiment and the lab all count the same way.
 */
import type { WorldState } from '../core/world';
import type { Charge, ClientState, ConsumerState, IdemMsg, IdemNode, IdemParams, Payment, ServerState, BrokerState } from './types';
import { BROKER, CLIENT, CONSUMER, SERVER } from './types';

/** A world state of this core. */
export type IdemState = WorldState<IdemParams, IdemNode, IdemMsg>;

/** The client's state, or null in queue mode. */
export function clientOf(s: IdemState): ClientState | null {
  const n = s.nodes[CLIENT]?.state;
  return n && n.kind === 'client' ? n : null;
}

/** The server's state (durable part while it is down), or null in queue mode. */
export function serverOf(s: IdemState): ServerState | null {
  const n = s.nodes[SERVER]?.state;
  return n && n.kind === 'server' ? n : null;
}

/** The broker's state, or null in api mode. */
export function brokerOf(s: IdemState): BrokerState | null {
  const n = s.nodes[BROKER]?.state;
  return n && n.kind === 'broker' ? n : null;
}

/** The consumer's state, or null in api mode. */
export function consumerOf(s: IdemState): ConsumerState | null {
  const n = s.nodes[CONSUMER]?.state;
  return n && n.kind === 'consumer' ? n : null;
}

/** One payment with the committed charges that belong to it. */
export interface PaymentView {
  readonly payment: Payment;
  readonly charges: readonly Charge[];
}

/** Every payment the client made, with its committed charges. */
export function paymentViews(s: IdemState): PaymentView[] {
  const c = clientOf(s);
  const srv = serverOf(s);
  if (!c) return [];
  const ledger = srv?.ledger ?? [];
  return c.payments.map((payment) => ({ payment, charges: ledger.filter((ch) => ch.payment === payment.id) }));
}

/** Extra charges beyond the first, summed over payments (0 is the goal). */
export function duplicateCharges(s: IdemState): number {
  return paymentViews(s).reduce((n, v) => n + Math.max(0, v.charges.length - 1), 0);
}

/** Payments charged more than once. */
export function doubleCharged(s: IdemState): PaymentView[] {
  return paymentViews(s).filter((v) => v.charges.length > 1);
}

/** Effects applied more than once per message, summed (queue mode). */
export function duplicateEffects(s: IdemState): number {
  const q = consumerOf(s);
  if (!q) return 0;
  const seen = new Set<string>();
  let d = 0;
  for (const e of q.effects) {
    if (seen.has(e.msg)) d++;
    else seen.add(e.msg);
  }
  return d;
}

/** Effects per message id (queue mode), in publish order. */
export function effectCounts(s: IdemState): { msg: string; effects: number; deliveries: number; acked: boolean }[] {
  const b = brokerOf(s);
  const q = consumerOf(s);
  if (!b || !q) return [];
  return b.messages.map((m) => ({ msg: m.id, effects: q.effects.filter((e) => e.msg === m.id).length, deliveries: m.deliveries, acked: m.acked }));
}
