/**
 * Named saga runs for chapter 13 and its narration. Links take exactly 10 ms, so an orchestrated
 * step's round trip is 20 ms: a saga starting at 10 ms reserves at 20, authorises at 40, books at
 * 60, confirms at 80, captures at 100 and allocates at 120 (service times), and O hears each reply
 * 10 ms later.
 */
import type { LogEntry, Scenario } from '../core/types';
import type { WorldAction } from '../core/actions';
import type { SagaCmd, SagaParams } from './types';

type A = WorldAction | SagaCmd;

const base: SagaParams = {
  mode: 'orchestration',
  sagas: [{ id: 's1', at: 10, qty: 2 }],
  stock: 5,
  idempotent: true,
  failRate: 0,
  undoFailRate: 0,
  flakyUndo: null,
  timeoutMs: 100,
  onTimeout: 'compensate',
  retryMs: 60,
  latency: { kind: 'constant', value: 10 },
  counter: { semanticLock: false, commutative: true, reread: false },
};

const fails = (step: 'reserve' | 'authorise' | 'book' | 'confirm' | 'capture'): SagaParams => ({ ...base, sagas: [{ id: 's1', at: 10, qty: 2, fail: step }] });
const link = (at: number, from: string, to: string, extra: Partial<Extract<WorldAction, { type: 'net/link' }>>): LogEntry<A> => ({
  at,
  action: { type: 'net/link', from, to, ...extra },
});

/** The saga lab's scenarios; the first is the default. */
export const sagaScenarios: readonly Scenario<SagaParams, A>[] = [
  {
    id: 'saga-completes',
    title: 'The order saga completes',
    description:
      'Reserve, authorise, book, then the pivot: confirm. After it, capture and allocate can only be retried, never undone. Every step is a local transaction in its own service.',
    seed: 1,
    params: base,
    log: [],
    until: 160,
  },
  {
    id: 'saga-unwinds',
    title: 'Booking fails: the saga unwinds in reverse',
    description:
      'No courier can take the parcel, so book shipping fails. The orchestrator compensates what already ran, newest first: refund the payment, then release the stock.',
    seed: 1,
    params: fails('book'),
    log: [],
    until: 160,
  },
  {
    id: 'pivot-fails',
    title: 'The pivot fails: everything before it is compensated',
    description: 'Confirming the order fails, so nothing after it runs and the three compensatable steps are undone: cancel, refund, release.',
    seed: 1,
    params: fails('confirm'),
    log: [],
    until: 200,
  },
  {
    id: 'retriable-after-pivot',
    title: 'After the pivot, a failure is retried, not compensated',
    description: 'Capturing the payment fails once. The order is already confirmed, so the orchestrator does not unwind; it tries again until capture succeeds.',
    seed: 1,
    params: fails('capture'),
    log: [],
    until: 240,
  },
  {
    id: 'orchestrator-crash-resumes',
    title: 'The orchestrator crashes mid-saga and resumes from its log',
    description:
      'O crashes at 45 ms, while PAY’s “authorised” reply is on its way. It restarts at 150 ms, replays its saga log, and sends the authorisation again. PAY has done it already and, being idempotent, just says so.',
    seed: 1,
    params: base,
    log: [
      { at: 45, action: { type: 'node/crash', node: 'O' } },
      { at: 150, action: { type: 'node/restart', node: 'O' } },
    ],
    until: 300,
  },
  {
    id: 'duplicate-not-idempotent',
    title: 'A duplicated refund, and a service that is not idempotent',
    description:
      'Booking fails, and from 50 ms the network duplicates every message to PAY, the refund request included. PAY does not remember requests it has served, so it refunds twice. Switch idempotency on and the copy is answered without a second refund.',
    seed: 1,
    params: { ...fails('book'), idempotent: false },
    log: [link(50, 'O', 'PAY', { dup: 1 })],
    until: 200,
  },
  {
    id: 'compensation-retried',
    title: 'A compensation that fails is retried until it succeeds',
    description: 'Booking fails and the refund then fails twice (the card network is down). A compensation may not give up: the orchestrator retries it every 60 ms until the refund goes through, and only then releases the stock.',
    seed: 1,
    params: { ...fails('book'), flakyUndo: { step: 'authorise', times: 2 } },
    log: [],
    until: 300,
  },
  {
    id: 'timeout-compensate',
    title: 'A timeout, but the step succeeded: compensate it',
    description:
      'SHIP books the parcel, but its reply is held up past the 100 ms timeout. The orchestrator cannot tell a slow success from a failure, so it compensates the booking too: cancel, refund, release.',
    seed: 1,
    params: base,
    log: [link(0, 'SHIP', 'O', { latency: { kind: 'constant', value: 150 } })],
    until: 400,
  },
  {
    id: 'timeout-query',
    title: 'A timeout, but the step succeeded: ask',
    description: 'The same slow reply, but this time the orchestrator asks SHIP whether the booking happened. It did, so the saga goes forward instead of unwinding.',
    seed: 1,
    params: { ...base, onTimeout: 'query' },
    log: [link(0, 'SHIP', 'O', { latency: { kind: 'constant', value: 150 } }), link(120, 'SHIP', 'O', { latency: { kind: 'constant', value: 10 } })],
    until: 400,
  },
  {
    id: 'choreography-unwinds',
    title: 'Choreography: the same failure, with no one in charge',
    description:
      'No orchestrator: each service reacts to the last event on the broker. ShippingFailed makes PAY refund, PaymentRefunded makes INV release, and ORD rejects the order. No single node ever held the saga’s state.',
    seed: 1,
    params: { ...fails('book'), mode: 'choreography' },
    log: [],
    until: 250,
  },
  {
    id: 'dirty-read',
    title: 'No isolation: a dirty read of reserved stock',
    description:
      'Stock is 3. s1 reserves 2; s2 wants 2, sees only 1 free and is turned away. Then s1’s payment is declined and its 2 units are released: s2 was refused on stock that came back.',
    seed: 1,
    params: { ...base, stock: 3, sagas: [{ id: 's1', at: 10, qty: 2, fail: 'authorise' }, { id: 's2', at: 25, qty: 2 }] },
    log: [],
    until: 250,
  },
  {
    id: 'semantic-lock',
    title: 'Countermeasure: a semantic lock (PENDING)',
    description: 'The same two orders, but s1’s reservation is marked PENDING until its saga passes the pivot. s2 sees units that may come back and waits instead of failing; when s1 unwinds, s2 gets its stock.',
    seed: 1,
    params: { ...base, stock: 3, sagas: [{ id: 's1', at: 10, qty: 2, fail: 'authorise' }, { id: 's2', at: 25, qty: 2 }], counter: { ...base.counter, semanticLock: true } },
    log: [],
    until: 300,
  },
  {
    id: 'lost-update',
    title: 'No isolation: a lost update',
    description:
      'The release restores the stock count INV saw before s1 reserved (a before-image), as a database rollback would. But s2 reserved 3 units in between: the release wipes out s2’s update and the stock now counts units that are sold.',
    seed: 1,
    params: { ...base, stock: 10, sagas: [{ id: 's1', at: 10, qty: 2, fail: 'book' }, { id: 's2', at: 25, qty: 3 }], counter: { ...base.counter, commutative: false } },
    log: [],
    until: 250,
  },
  {
    id: 'commutative-update',
    title: 'Countermeasure: commutative updates',
    description: 'The same interleaving, but the release adds 2 back instead of restoring a number. Additions commute, so the order in which the two sagas act no longer matters.',
    seed: 1,
    params: { ...base, stock: 10, sagas: [{ id: 's1', at: 10, qty: 2, fail: 'book' }, { id: 's2', at: 25, qty: 3 }] },
    log: [],
    until: 250,
  },
  {
    id: 'cancel-overwritten',
    title: 'No isolation: confirm overwrites a cancellation',
    description:
      'The customer cancels the order at 50 ms, while the saga runs. Confirm does not look first: it sets the order to CONFIRMED, and the cancellation is silently lost. The saga completes and the customer is charged.',
    seed: 1,
    params: base,
    log: [{ at: 50, action: { type: 'saga/cancel', saga: 's1' } }],
    until: 250,
  },
  {
    id: 'reread-before-acting',
    title: 'Countermeasure: reread the value before acting',
    description:
      'The customer cancels the order at 50 ms, while the saga runs. Without rereading, confirm would overwrite the cancellation. Here confirm rereads the order, sees it cancelled, fails, and the saga unwinds.',
    seed: 1,
    params: { ...base, counter: { ...base.counter, reread: true } },
    log: [{ at: 50, action: { type: 'saga/cancel', saga: 's1' } }],
    until: 250,
  },
];
