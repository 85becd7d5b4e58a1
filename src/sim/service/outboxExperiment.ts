/**
 * The `outbox` experiment: the same orders and the same random crash schedule, run under each way
 * of getting an event out (dual write database-first, dual write publish-first, transactional
 * outbox, CDC), counting events lost, ghost events, duplicates and deliveries (Richardson,
 * "Pattern: Transactional outbox"). Each trial crashes the service at random moments, restarts it
 * after a random outage, then lets everything drain, so "lost" means lost for good.
 */
import type { Experiment } from '../core/experiment';
import { cloneRng, createRng, nextFloatMut } from '../core/rng';
import { replay } from '../core/replay';
import type { LogEntry } from '../core/types';
import type { WorldAction } from '../core/actions';
import { OUTBOX_MODES, outboxCounts, outboxDefaults, type OutboxCmd, type OutboxMode } from './outbox';
import { outboxMechanism } from './scenarios';

/** Totals for one mode. */
export interface ModeTotals {
  readonly placed: number;
  readonly committed: number;
  readonly delivered: number;
  readonly lost: number;
  readonly ghosts: number;
  readonly duplicates: number;
}

/** One trial: totals per mode. */
export type OutboxPart = Readonly<Record<OutboxMode, ModeTotals>>;

/** What the experiment reports. */
export interface OutboxResult {
  readonly trials: number;
  readonly modes: readonly (ModeTotals & { readonly mode: OutboxMode })[];
}

/** A random schedule: an order every `orderEveryMs` for `spanMs`, `crashes` crashes with outages of 20–300 ms. */
export function crashSchedule(seed: number, trial: number, spanMs: number, orderEveryMs: number, crashes: number, loss = 0): LogEntry<WorldAction | OutboxCmd>[] {
  const r = cloneRng(createRng(seed, `outbox:${trial}`));
  const log: LogEntry<WorldAction | OutboxCmd>[] = [];
  if (loss > 0) {
    // Publishes and acks between the service and the broker are lost at this rate until the span ends.
    log.push({ at: 0, action: { type: 'net/link', from: 'service', to: 'broker', loss, both: true } });
    log.push({ at: spanMs + 1, action: { type: 'net/link', from: 'service', to: 'broker', loss: 0, both: true } });
  }
  for (let t = orderEveryMs; t <= spanMs; t += orderEveryMs) log.push({ at: t, action: { type: 'ob/order' } });
  let last = 0;
  const times = Array.from({ length: crashes }, () => nextFloatMut(r) * spanMs).sort((a, b) => a - b);
  for (const t of times) {
    const at = Math.max(t, last + 1);
    const down = 20 + nextFloatMut(r) * 280;
    log.push({ at, action: { type: 'node/crash', node: 'service' } }, { at: at + down, action: { type: 'node/restart', node: 'service' } });
    last = at + down;
  }
  return log.sort((a, b) => a.at - b.at);
}

/** Run one mode under a schedule and drain for `drainMs` after the last action. */
export function runOutboxTrial(mode: OutboxMode, seed: number, log: readonly LogEntry<WorldAction | OutboxCmd>[], drainMs = 2000): ModeTotals {
  const end = log.reduce((m, e) => Math.max(m, e.at), 0) + drainMs;
  const s = replay(outboxMechanism, { mechanism: outboxMechanism.id, seed, params: { ...outboxDefaults, mode }, log }, end);
  const c = outboxCounts(s);
  return { placed: c.placed, committed: c.committed, delivered: c.delivered, lost: c.lost, ghosts: c.ghosts, duplicates: c.duplicates };
}

const add = (a: ModeTotals, b: ModeTotals): ModeTotals => ({
  placed: a.placed + b.placed,
  committed: a.committed + b.committed,
  delivered: a.delivered + b.delivered,
  lost: a.lost + b.lost,
  ghosts: a.ghosts + b.ghosts,
  duplicates: a.duplicates + b.duplicates,
});
const zero: ModeTotals = { placed: 0, committed: 0, delivered: 0, lost: 0, ghosts: 0, duplicates: 0 };

/** The `outbox` experiment. */
export const outboxExperiment: Experiment<OutboxPart, OutboxResult> = {
  id: 'outbox',
  title: 'Dual write against the transactional outbox under random crashes',
  doc: 'Same orders, same random crash schedule for each mode (db-first, publish-first, outbox, cdc); counts committed orders whose event was lost, ghost events for orders never committed, duplicates and deliveries, after everything drains.',
  params: [
    { name: 'trials', kind: 'integer', default: 200, min: 1, max: 5000, doc: 'independent crash schedules' },
    { name: 'orders', kind: 'integer', default: 40, min: 1, max: 500, doc: 'orders per trial (one every 50 ms)' },
    { name: 'crashes', kind: 'integer', default: 3, min: 0, max: 50, doc: 'service crashes per trial, at uniformly random times' },
    { name: 'loss', kind: 'number', default: 0, min: 0, max: 0.5, doc: 'share of publishes and acks lost between service and broker (0–0.5)' },
    { name: 'seed', kind: 'integer', default: 7, min: 0, max: 2 ** 31 - 1, doc: 'random seed' },
  ],
  units: (p) => Number(p.trials),
  runUnit(p, i) {
    const every = 50;
    const log = crashSchedule(Number(p.seed), i, Number(p.orders) * every, every, Number(p.crashes), Number(p.loss));
    const out = {} as Record<OutboxMode, ModeTotals>;
    for (const m of OUTBOX_MODES) out[m] = runOutboxTrial(m, Number(p.seed) + i, log);
    return out;
  },
  merge(_p, parts) {
    const totals = Object.fromEntries(OUTBOX_MODES.map((m) => [m, zero])) as Record<OutboxMode, ModeTotals>;
    for (const part of parts) for (const m of OUTBOX_MODES) totals[m] = add(totals[m], part[m]);
    return { trials: parts.length, modes: OUTBOX_MODES.map((mode) => ({ mode, ...totals[mode] })) };
  },
};
