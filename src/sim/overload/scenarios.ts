/**
 * Named starting points for chapter 7 and its narration. Service times are 10 ms unless said, so
 * one worker's capacity is 100 requests per second.
 */
import type { LogEntry, Scenario } from '../core/types';
import type { Policy, ServerAction, ServerParams } from './types';

const one = (rate: number): ServerParams['classes'] => [{ name: 'requests', rate, serviceMs: 10 }];
const base: ServerParams = {
  servers: 1, pools: 'shared', split: 1, classes: one(80), service: 'exp', policy: 'fifo', queueLimit: 40,
  clientTimeout: 0, codelTarget: 5, codelInterval: 100, warmup: 0,
};
/** Four workers (capacity 400/s), clients that wait 200 ms; at 3 s the load jumps to 1.5× capacity. */
const surge: ServerParams = { ...base, servers: 4, classes: one(320), clientTimeout: 200 };
const surgeLog: readonly LogEntry<ServerAction>[] = [{ at: 3000, action: { type: 'load/set', cls: 0, rate: 600 } }];
const policy = (p: Policy, id: string, title: string, description: string, seed: number): Scenario<ServerParams, ServerAction> => ({
  id, title, description, seed, params: { ...surge, policy: p }, log: surgeLog, until: 15_000,
});
/** Bulkheads: cheap requests (5 ms) and expensive ones (20 ms) on 8 workers; at 3 s the expensive dependency slows to 1 s. */
const two: ServerParams = {
  ...base, servers: 8, split: 4, clientTimeout: 500,
  classes: [{ name: 'cheap requests', rate: 200, serviceMs: 5 }, { name: 'expensive requests', rate: 20, serviceMs: 20 }],
};
const slowDown: readonly LogEntry<ServerAction>[] = [{ at: 3000, action: { type: 'service/set', cls: 1, ms: 1000 } }];

/** The overload lab's scenarios (the first is the default). */
export const overloadScenarios: readonly Scenario<ServerParams, ServerAction>[] = [
  {
    id: 'mm1-queue',
    title: 'One server at 80% load: the M/M/1 queue',
    description:
      'Requests arrive at random, 80 per second, and each takes 10 ms on average, so the server is busy 80% of the time. Even so a queue forms whenever arrivals bunch up; the mean wait tends to 40 ms, four times the service time.',
    seed: 71,
    params: base,
    log: [],
    until: 60_000,
  },
  {
    id: 'mmc-pooling',
    title: 'Four servers sharing one queue at the same 80% load',
    description:
      'Four times the traffic on four servers, each still 80% busy. With one shared queue a request waits only if all four are busy at once (Erlang’s C formula), so the mean wait falls from 40 ms to about 7.5 ms.',
    seed: 72,
    params: { ...base, servers: 4, classes: one(320) },
    log: [],
    until: 60_000,
  },
  policy('fifo', 'goodput-collapse', 'Past capacity, an unbounded queue serves nobody in time',
    'Four workers, capacity 400 per second; clients give up after 200 ms. At 3 s the load jumps to 600 per second. The queue grows without end, every request waits longer than its client, and the workers stay 100% busy answering requests nobody is waiting for.', 73),
  policy('bounded', 'bounded-queue', 'A bounded queue rejects the excess at once',
    'The same surge with at most 40 requests waiting. Arrivals that find the queue full are rejected immediately; the ones admitted wait at most about 100 ms and are answered in time.', 74),
  policy('lifo', 'lifo', 'LIFO serves the newest request first',
    'The same surge served newest first. Fresh requests are answered while their clients still wait; old ones sink to the bottom and are never served, at no cost to the workers.', 75),
  policy('adaptive-lifo', 'adaptive-lifo-codel', 'Adaptive LIFO with CoDel',
    'Facebook’s policy: while the queue keeps emptying it is FIFO with a 100 ms limit. Once it has not emptied for 100 ms, the server serves newest first and drops anything that has waited over 5 ms.', 76),
  policy('deadline', 'deadline-drop', 'Drop requests whose deadline has passed',
    'FIFO, but each request carries its client’s deadline, and the server drops a request that reaches the front after its client has given up instead of working on it.', 77),
  {
    id: 'shared-pool-starves',
    title: 'One shared pool: a slow dependency starves the cheap requests',
    description:
      'Cheap requests (5 ms) and expensive ones (20 ms) share eight workers. At 3 s the expensive requests’ dependency slows to 1 s per call; they soon hold every worker and the cheap requests, which need none of it, time out behind them.',
    seed: 78,
    params: two,
    log: slowDown,
    until: 20_000,
  },
  {
    id: 'bulkheads',
    title: 'Bulkheads: separate pools keep the cheap requests alive',
    description:
      'The same slowdown with four workers for each class. The expensive pool saturates and queues, the cheap pool is untouched; the price is that most of the cheap pool sits idle while the expensive one is overwhelmed.',
    seed: 78,
    params: { ...two, pools: 'separate' },
    log: slowDown,
    until: 20_000,
  },
];
