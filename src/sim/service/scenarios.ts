/**
 * Named scenarios of the service lab, one small story each, and the mechanisms that carry them.
 * Prose and narration load them by id; seeds and times are fixed so every run is the same.
 */
import { chainMechanismWith, chainParams, type ChainScenario } from './chain';
import { queueDefaults, queueMechanismWith, type QueueScenario } from './broker';
import { outboxDefaults, outboxMechanismWith, type OutboxParams, type OutboxScenario } from './outbox';
import { fanoutDefaults, fanoutMechanismWith, type FanoutAction, type FanoutParams } from './fanoutMechanism';
import type { Scenario } from '../core/types';

/** Synchronous chains and deadlines. */
export const chainScenarios: readonly ChainScenario[] = [
  {
    id: 'sync-chain',
    title: 'A synchronous chain: availability multiplies, latency adds',
    description:
      'The client calls S1, which calls S2, which calls S3; each hop answers 95% of the time and spends 20–60 ms on its own work. A call succeeds only if all three do (0.95³ ≈ 86%), and it takes as long as all three together.',
    seed: 11,
    params: chainParams({ hops: 3, availability: 0.95, callEveryMs: 120, clientTimeoutMs: 1000 }),
    log: [],
    until: 3000,
  },
  {
    id: 'fixed-timeouts-waste',
    title: 'Fixed per-hop timeouts keep working for nobody',
    description:
      'S3 works on one call at a time and needs 75–225 ms each, a little slower than calls arrive, so a queue builds. The client gives up after 300 ms, but S1 and S2 each wait their own fixed second and S3 keeps working through its queue for callers that left long ago: soon every call times out.',
    seed: 12,
    params: chainParams({ hops: 3, availability: 1, slowHop: 3, slowMs: 150, slowConcurrency: 1, callEveryMs: 120, clientTimeoutMs: 300, mode: 'fixed' }),
    log: [],
    until: 3000,
  },
  {
    id: 'deadline-propagation',
    title: 'A propagated deadline stops the work at every hop',
    description:
      'The same overloaded S3, but the client’s deadline travels with the call, as gRPC does. S3 skips queued calls whose deadline has passed instead of starting them, and stops work in progress when it passes, so its time goes to calls someone is still waiting for.',
    seed: 12,
    params: chainParams({ hops: 3, availability: 1, slowHop: 3, slowMs: 150, slowConcurrency: 1, callEveryMs: 120, clientTimeoutMs: 300, mode: 'deadline' }),
    log: [],
    until: 3000,
  },
];

const fastQueue = { ...queueDefaults, publishEveryMs: 40, process: { kind: 'uniform', min: 40, max: 80 } as const };

/** Queues: lag, redelivery and the dead-letter queue. */
export const queueScenarios: readonly QueueScenario[] = [
  {
    id: 'queue-lag-drains',
    title: 'A stopped consumer: lag grows, then drains',
    description:
      'The producer publishes 25 messages a second and two consumers can take about 33. At 0.5 s C2 stops, so one consumer falls behind and the lag grows; at 2.5 s C2 resumes and the backlog drains. Nothing is lost: the broker holds it.',
    seed: 21,
    params: fastQueue,
    log: [
      { at: 500, action: { type: 'q/stop', consumer: 'C2' } },
      { at: 2500, action: { type: 'q/resume', consumer: 'C2' } },
    ],
    until: 5000,
  },
  {
    id: 'poison-to-dlq',
    title: 'A poison message ends in the dead-letter queue',
    description:
      'Message m5 always makes the consumer’s handler throw, so it is never acknowledged. After each 400 ms visibility timeout the broker delivers it again; after the third delivery it moves it to the dead-letter queue, and the other messages keep flowing.',
    seed: 22,
    params: { ...fastQueue, publishEveryMs: 100, poisonEvery: 0 },
    log: [{ at: 420, action: { type: 'q/poison' } }],
    until: 2500,
  },
  {
    id: 'consumer-crash-redelivers',
    title: 'A lost ack and a crash: redelivered, processed twice',
    description:
      'From 0.2 to 0.38 s the link from C1 to the broker drops everything, so C1 processes m3 but its ack never arrives; 400 ms later the broker hands m3 to C2, which processes it again. At 0.95 s C1 crashes in the middle of m9, which C2 gets after its visibility timeout. Delivery is at least once.',
    seed: 23,
    params: { ...fastQueue, publishEveryMs: 100 },
    log: [
      { at: 200, action: { type: 'net/link', from: 'C1', to: 'broker', loss: 1 } },
      { at: 380, action: { type: 'net/link', from: 'C1', to: 'broker', loss: 0 } },
      { at: 950, action: { type: 'node/crash', node: 'C1' } },
      { at: 1800, action: { type: 'node/restart', node: 'C1' } },
    ],
    until: 2500,
  },
];

const order = (at: number) => ({ at, action: { type: 'ob/order' } as const });
const crashWindow = (mode: OutboxParams['mode']): OutboxScenario['log'] => {
  // Orders at 100, 300 and 500 ms; the crash lands 50 ms after the second order starts, inside its
  // dual-write window (commit at +30 ms, publish at +70 ms) and inside the outbox relay's publish-to-mark window.
  const crashAt = mode === 'outbox' ? 405 : mode === 'cdc' ? 355 : 350;
  return [order(100), order(300), { at: crashAt, action: { type: 'node/crash', node: 'service' } }, { at: 700, action: { type: 'node/restart', node: 'service' } }, order(800)];
};

/** Dual write against the outbox and CDC. */
export const outboxScenarios: readonly OutboxScenario[] = [
  {
    id: 'dual-write-loses-event',
    title: 'Dual write, database first: a crash loses the event',
    description:
      'The service commits order 2 and crashes before it publishes. The order is in the database, but no event will ever tell anyone about it.',
    seed: 31,
    params: { ...outboxDefaults, mode: 'db-first' },
    log: crashWindow('db-first'),
    until: 1200,
  },
  {
    id: 'publish-first-ghost',
    title: 'Dual write, publish first: a crash leaves a ghost event',
    description:
      'The service publishes the event for order 2, then crashes before its database commits. The consumer acts on an order that does not exist.',
    seed: 32,
    params: { ...outboxDefaults, mode: 'publish-first' },
    log: crashWindow('publish-first'),
    until: 1200,
  },
  {
    id: 'outbox-no-loss',
    title: 'Transactional outbox: nothing lost, one duplicate',
    description:
      'The order and its outbox row commit in one transaction. The relay publishes the row, and the service crashes before marking it sent; after the restart the relay publishes it again. Nothing is lost; the consumer sees a duplicate and skips it by id.',
    seed: 33,
    params: { ...outboxDefaults, mode: 'outbox' },
    log: crashWindow('outbox'),
    until: 1200,
  },
  {
    id: 'cdc-relay',
    title: 'Change data capture: the relay follows the log',
    description:
      'No outbox table: a CDC relay reads commits from the database’s log and saves its position every 100 ms. A crash before a save makes it publish from the last saved position again: duplicates, never losses.',
    seed: 34,
    params: { ...outboxDefaults, mode: 'cdc' },
    log: crashWindow('cdc'),
    until: 1200,
  },
];

/** Fan-out and the tail. */
export const fanoutScenarios: readonly Scenario<FanoutParams, FanoutAction>[] = [
  {
    id: 'fanout-tail',
    title: 'Fan-out to 100 leaves: the slow leaf is the common case',
    description:
      'Each request waits for all 100 leaves. A leaf is slower than its own p99 only 1% of the time, yet about 63% of requests (1 − 0.99¹⁰⁰) wait for at least one such leaf.',
    seed: 41,
    params: fanoutDefaults,
    log: [{ at: 0, action: { type: 'fan/burst', count: 400 } }],
    until: 3000,
  },
  {
    id: 'hedged-requests',
    title: 'Hedged requests after the leaf’s p95',
    description:
      'A leaf that has not answered by its p95 gets a copy sent to another replica, and the first answer wins. About 5% more requests cut the tail sharply, because a pause rarely hits both replicas.',
    seed: 42,
    params: { ...fanoutDefaults, mitigation: 'hedged', hedgeAfterMs: null },
    log: [{ at: 0, action: { type: 'fan/burst', count: 400 } }],
    until: 3000,
  },
  {
    id: 'tied-requests',
    title: 'Tied requests: both replicas queue it, the first to start cancels the other',
    description:
      'Every leaf request goes to two replicas 1 ms apart, each told about the other. Whichever leaves its queue first cancels its twin, so the extra work is tiny even though every request is sent twice.',
    seed: 43,
    params: { ...fanoutDefaults, mitigation: 'tied' },
    log: [{ at: 0, action: { type: 'fan/burst', count: 400 } }],
    until: 3000,
  },
];

/** The four mechanisms of the service lab, with their scenarios. */
export const chainMechanism = chainMechanismWith(chainScenarios);
export const queueMechanism = queueMechanismWith(queueScenarios);
export const outboxMechanism = outboxMechanismWith(outboxScenarios);
export const fanoutMechanism = fanoutMechanismWith(fanoutScenarios);

/** Every scenario id, in teaching order (the manifest lists the same). */
export const SERVICE_SCENARIOS = [...chainScenarios, ...queueScenarios, ...outboxScenarios, ...fanoutScenarios].map((s) => s.id);
