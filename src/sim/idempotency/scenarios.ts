/**
 * Named starting points, one per hard part of idempotency. Every scenario uses a constant
 * 25 ms link so the times in its description are exact; faults are ordinary kernel actions
 * in the log (`net/drop` of a message by id, `node/crash`, `node/restart`), so the reader
 * sees on the timeline exactly what went wrong and can step back before it.
 *
 * Timing with the defaults (timeout 200 ms, work 60 ms, record gap 40 ms, backoff 50 ms then
 * 100 ms): C pays at 10 ms; the request (message #0) lands at 35; the charge is written at 95;
 * the outcome is recorded and the 201 (message #1) sent at 135; it would land at 160. The
 * first timeout fires at 210 and the retry goes out at 260.
 */
import type { LogEntry, Scenario } from '../core/types';
import type { WorldAction } from '../core/actions';
import type { IdemCmd, IdemParams } from './types';

type A = WorldAction | IdemCmd;

const api: IdemParams = {
  mode: 'api',
  keys: true,
  atomic: true,
  inFlight: 'reject',
  retention: 2000,
  timeout: 200,
  retryDelay: 50,
  backoffCap: 400,
  maxAttempts: 4,
  work: 60,
  recordGap: 40,
  latency: { kind: 'constant', value: 25 },
  dedup: true,
  ackTimeout: 250,
};
const queue: IdemParams = { ...api, mode: 'queue' };

const pay = (at: number, amount = 80, reuseKey = false): LogEntry<A> => ({ at, action: reuseKey ? { type: 'idem/pay', amount, reuseKey } : { type: 'idem/pay', amount } });
const drop = (at: number, msgId: number): LogEntry<A> => ({ at, action: { type: 'net/drop', msgId } });
const crash = (at: number, node: string): LogEntry<A> => ({ at, action: { type: 'node/crash', node } });
const restart = (at: number, node: string): LogEntry<A> => ({ at, action: { type: 'node/restart', node } });

/** The scenarios, in the chapter's order (the first is the default). */
export const idemScenarios: readonly Scenario<IdemParams, A>[] = [
  {
    id: 'no-key-double-charge',
    title: 'No key: a lost reply becomes a second charge',
    description:
      'Keys are off. S charges €80 and answers, but the 201 is lost on the way back. C cannot tell this from a lost request, so it retries, and S, seeing what looks like a new payment, charges the card again.',
    seed: 51,
    params: { ...api, keys: false },
    log: [pay(10), drop(140, 1)],
    until: 450,
  },
  {
    id: 'key-replays-outcome',
    title: 'With a key: the retry gets the stored outcome',
    description:
      'The same lost reply, now with key k1. S committed k1 → ch_1 together with the charge, so when the retry arrives it finds the record and answers 201 ch_1 again without touching the card.',
    seed: 52,
    params: api,
    log: [pay(10), drop(140, 1)],
    until: 350,
  },
  {
    id: 'retry-while-in-progress',
    title: 'A retry arrives while the first attempt is still running',
    description:
      'S needs 300 ms for this charge, longer than C’s 200 ms timeout, so the retry reaches S while k1 is still being processed. S answers 409 Conflict instead of starting a second charge; C backs off, and the first attempt’s 201 settles it. Switch “retry while in progress” to wait to hold the retry instead.',
    seed: 53,
    params: { ...api, work: 300 },
    log: [pay(10)],
    until: 450,
  },
  {
    id: 'same-key-different-payload',
    title: 'The same key with a different payload is an error',
    description:
      'C pays €80 under k1 and it succeeds. Later a bug makes C send a €25 payment under the same k1. Replaying ch_1 would claim a €25 payment that never ran, and charging would break the key’s meaning, so S answers 422.',
    seed: 54,
    params: api,
    log: [pay(10), pay(250, 25, true)],
    until: 350,
  },
  {
    id: 'key-expires-too-soon',
    title: 'A key that expires before the client stops retrying',
    description:
      'S keeps keys for only 100 ms, far less than C’s ≈1 s retry horizon. The reply is lost; by the time the retry arrives at 285 ms, k1 was purged at 235 ms, so S treats it as new and charges again. Set retention to at least the horizon and replay.',
    seed: 55,
    params: { ...api, retention: 100 },
    log: [pay(10), drop(140, 1)],
    until: 450,
  },
  {
    id: 'crash-before-key-recorded',
    title: 'Not atomic: a crash between the charge and the key',
    description:
      'S commits the charge at 95 ms and would record k1 at 135 ms, in a separate write. It crashes at 110 ms, in between. After the restart no record of k1 exists, so C’s retry is charged a second time although it carries the right key.',
    seed: 56,
    params: { ...api, atomic: false },
    log: [pay(10), crash(110, 'S'), restart(150, 'S')],
    until: 450,
  },
  {
    id: 'crash-atomic-rolls-back',
    title: 'Atomic: the same crash rolls the charge back',
    description:
      'The same crash at 110 ms, but S writes the charge, the key and the response in one transaction. The crash aborts it, so ch_1 never becomes durable; the retry finds no key, runs once, and the card is charged exactly once (as ch_2: sequences are not rolled back).',
    seed: 57,
    params: api,
    log: [pay(10), crash(110, 'S'), restart(150, 'S')],
    until: 450,
  },
  {
    id: 'redelivery-duplicates-effect',
    title: 'At-least-once delivery without deduplication',
    description:
      'B delivers m1 to Q. Q applies the effect at 95 ms and crashes at 110 ms, before its ack. B cannot tell a lost ack from a lost message, so it delivers m1 again, and Q, keeping no record, applies the effect twice.',
    seed: 58,
    params: { ...queue, dedup: false },
    log: [{ at: 10, action: { type: 'idem/publish' } }, crash(110, 'Q'), restart(150, 'Q')],
    until: 450,
  },
  {
    id: 'dedup-consumer-effectively-once',
    title: 'Effectively once: at-least-once delivery plus a deduplicating consumer',
    description:
      'The same crash, but Q writes m1’s id to its processed table in the same transaction as the effect. The redelivery still comes (delivery is at least once, never exactly once), and Q skips it and acknowledges again: the effect happens once.',
    seed: 59,
    params: queue,
    log: [{ at: 10, action: { type: 'idem/publish' } }, crash(110, 'Q'), restart(150, 'Q')],
    until: 450,
  },
];
