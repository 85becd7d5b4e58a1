/**
 * The idempotency protocol on the kernel's message-passing world.
 *
 * Models a payment API as Stripe describes it and Brandur Leach implements it
 * ("Implementing Stripe-like Idempotency Keys in Postgres", 2017), with the answers
 * the IETF draft "The Idempotency-Key HTTP Header Field" (draft-ietf-httpapi-idempotency-
 * key-header, §2.6–2.7) specifies: a completed key replays its stored outcome, a key
 * still being processed gets 409 Conflict, a key reused with a different payload gets 422.
 *
 * - Client C: one key per payment, reused on every retry; a timeout per attempt and
 *   exponential backoff (no jitter: chapter 4 covers jitter) up to `maxAttempts`.
 * - Server S: receives → `work` ms → writes the charge → `recordGap` ms → records the
 *   key with the outcome and answers. With `atomic` the ledger row, the key row and the
 *   response are one database transaction that commits at the end, so a crash rolls all of
 *   it back (the single-transaction case of Leach's design, for an effect in the same
 *   database). Without it the charge commits on its own and the key is written later,
 *   so a crash between them leaves a charge that no key remembers.
 * - Queue mode: broker B delivers each message at least once to consumer Q,
 *   redelivering until acknowledged; Q applies an effect and then acks. With `dedup` Q
 *   writes the message id to a processed table in the same transaction as the effect
 *   (an "inbox"), so a redelivery is skipped. Exactly-once *delivery* is impossible
 *   (the broker cannot tell a lost ack from a lost message); this is "effectively once".
 *
 * What survives a crash is exactly what was durably written (see `onCrash`). The lab's
 * bookkeeping (which client payment a charge belongs to) rides along as ghost fields
 * that the server's logic never reads.
 */
import type { Ctx, Protocol } from '../core/protocol';
import type { Sanitized, Time } from '../core/types';
import { sanitizeDist, type Dist } from '../core/dist';
import { clampInteger, clampNumber } from '../core/clamp';
import {
  BROKER,
  CLIENT,
  CONSUMER,
  SERVER,
  backoff,
  type Attempt,
  type BrokerState,
  type Charge,
  type ClientState,
  type ConsumerState,
  type IdemCmd,
  type IdemMsg,
  type IdemNode,
  type IdemParams,
  type Job,
  type KeyRecord,
  type Payment,
  type ServerState,
} from './types';
import { idemScenarios } from './scenarios';

/** Defaults: keys on, atomic, 409 for in-flight retries, keys kept 2 s (well past the ≈1 s retry horizon). */
export const idemDefaults: IdemParams = {
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
  latency: { kind: 'uniform', min: 20, max: 30 },
  dedup: true,
  ackTimeout: 250,
};

type X = Ctx<IdemMsg, IdemParams>;

/** Largest possible one-way delay of a distribution (Infinity when unbounded). */
export function distMax(d: Dist): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return Math.max(d.min, d.max);
    case 'mixture':
      return Math.max(...d.parts.map((p) => distMax(p.dist)));
    default:
      return Infinity;
  }
}

/**
 * The retry horizon: how long after a payment's first request its last retry can still
 * reach the server. Each later attempt is sent at most timeout + backoff after the one
 * before (a 409 answer only makes that gap shorter), and the network adds at most its
 * largest delay. Key retention at least this long is what the invariant needs.
 */
export function retryHorizon(p: IdemParams): Time {
  let h = 0;
  for (let n = 1; n < p.maxAttempts; n++) h += p.timeout + backoff(p, n);
  return h + distMax(p.latency);
}

// ---------------------------------------------------------------- client

function updatePayment(s: ClientState, id: string, f: (p: Payment) => Payment): ClientState {
  const i = s.payments.findIndex((p) => p.id === id);
  if (i < 0) return s;
  const payments = s.payments.slice();
  payments[i] = f(payments[i]);
  return { ...s, payments };
}

function sendAttempt(p: Payment, n: number, ctx: X): Payment {
  ctx.send(SERVER, { type: 'pay', payment: p.id, attempt: n, key: p.key, amount: p.amount });
  ctx.setTimer(`timeout ${p.id}`, ctx.params.timeout);
  const a: Attempt = { n, sentAt: ctx.now, answer: null, answeredAt: null };
  return { ...p, attempts: [...p.attempts, a] };
}

/** After a timeout or a 409: retry later, or give up with the outcome unknown. */
function retryOrGiveUp(p: Payment, ctx: X, why: string): Payment {
  const n = p.attempts.length;
  if (n >= ctx.params.maxAttempts) {
    ctx.note(`C: ${why}, and gave up on ${p.id} after ${n} attempts: it cannot know whether the card was charged`, { payment: p.id });
    return { ...p, status: 'unknown', end: ctx.now };
  }
  const wait = backoff(ctx.params, n);
  ctx.setTimer(`retry ${p.id}`, wait);
  ctx.note(`C: ${why}, so it retries ${p.id} in ${Math.round(wait)} ms${p.key ? ` with the same key ${p.key}` : ' (without a key, S cannot tell it is a retry)'}`, { payment: p.id });
  return p;
}

function setAnswer(p: Payment, n: number, answer: Attempt['answer'], at: Time): Payment {
  return { ...p, attempts: p.attempts.map((a) => (a.n === n && (a.answer === null || a.answer === 'timeout') ? { ...a, answer, answeredAt: at } : a)) };
}

function clientReply(s: ClientState, m: Extract<IdemMsg, { type: 'reply' }>, ctx: X): ClientState {
  const p = s.payments.find((x) => x.id === m.payment);
  if (!p) return s;
  const answered = setAnswer(p, m.attempt, m.status, ctx.now);
  if (p.status !== 'pending') {
    if (m.status === 201 && p.charge !== m.charge) ctx.note(`C: received a late 201 for ${p.id} naming ${m.charge}, but had already settled it`, { payment: p.id });
    return updatePayment(s, p.id, () => answered);
  }
  if (m.status === 201) {
    ctx.cancelTimer(`timeout ${p.id}`);
    ctx.cancelTimer(`retry ${p.id}`);
    ctx.note(`C: got 201 for ${p.id}: paid with ${m.charge}${m.replayed ? ' (a replay of the stored outcome)' : ''}`, { payment: p.id });
    return updatePayment(s, p.id, () => ({ ...answered, status: 'ok', charge: m.charge, replayed: m.replayed, end: ctx.now }));
  }
  if (m.status === 422) {
    ctx.cancelTimer(`timeout ${p.id}`);
    ctx.cancelTimer(`retry ${p.id}`);
    ctx.note(`C: got 422 for ${p.id}: key ${p.key} already belongs to a different payment`, { payment: p.id });
    return updatePayment(s, p.id, () => ({ ...answered, status: 'rejected', end: ctx.now }));
  }
  // 409: only the answer to the attempt we are waiting on moves us on.
  const current = p.attempts[p.attempts.length - 1];
  if (!current || current.n !== m.attempt || current.answer !== null || ctx.timerAt(`retry ${p.id}`) !== undefined) return updatePayment(s, p.id, () => answered);
  ctx.cancelTimer(`timeout ${p.id}`);
  return updatePayment(s, p.id, () => retryOrGiveUp(answered, ctx, `got 409 for attempt ${m.attempt} (${p.key} still in progress)`));
}

function clientTimer(s: ClientState, name: string, ctx: X): ClientState {
  const [kind, id] = name.split(' ');
  const p = s.payments.find((x) => x.id === id);
  if (!p || p.status !== 'pending') return s;
  if (kind === 'timeout') {
    const n = p.attempts.length;
    const timedOut = setAnswer(p, n, 'timeout', ctx.now);
    return updatePayment(s, p.id, () => retryOrGiveUp(timedOut, ctx, `heard nothing back for attempt ${n} before its timeout`));
  }
  if (kind === 'retry') return updatePayment(s, p.id, () => sendAttempt(p, p.attempts.length + 1, ctx));
  return s;
}

function clientPay(s: ClientState, cmd: Extract<IdemCmd, { type: 'idem/pay' }>, ctx: X): ClientState {
  const id = `p${s.payments.length + 1}`;
  let key: string | null = null;
  let keysMade = s.keysMade;
  if (ctx.params.keys) {
    const prev = [...s.payments].reverse().find((p) => p.key !== null);
    if (cmd.reuseKey && prev) key = prev.key;
    else key = `k${++keysMade}`;
  }
  const fresh: Payment = { id, amount: cmd.amount, key, attempts: [], status: 'pending', charge: null, replayed: false, start: ctx.now, end: null };
  const p = sendAttempt(fresh, 1, ctx);
  return { ...s, keysMade, payments: [...s.payments, p] };
}

// ---------------------------------------------------------------- server

function liveKey(s: ServerState, key: string, now: Time, retention: Time): KeyRecord | undefined {
  const r = s.keys.find((k) => k.key === key);
  return r && r.createdAt + retention > now ? r : undefined;
}

/** Arm the reaper for the oldest record, unless it is already armed. */
function armReaper(keys: readonly KeyRecord[], ctx: X): void {
  if (keys.length > 0 && ctx.timerAt('reap') === undefined) ctx.setTimer('reap', Math.max(0, keys[0].createdAt + ctx.params.retention - ctx.now));
}

function reply(ctx: X, to: string, payment: string, attempt: number, status: 201 | 409 | 422, charge: string | null, replayed: boolean): void {
  ctx.send(to, { type: 'reply', payment, attempt, status, charge, replayed });
}

function serverPay(s: ServerState, m: Extract<IdemMsg, { type: 'pay' }>, from: string, ctx: X): ServerState {
  const p = ctx.params;
  if (m.key !== null) {
    const rec = liveKey(s, m.key, ctx.now, p.retention);
    if (rec) {
      if (rec.amount !== m.amount) {
        ctx.note(`S: answered 422: key ${m.key} was used for €${rec.amount}, but this request is for €${m.amount}`, { key: m.key });
        reply(ctx, from, m.payment, m.attempt, 422, null, false);
      } else {
        ctx.note(`S: found key ${m.key} complete and replayed its stored outcome ${rec.charge}, without charging again`, { key: m.key });
        reply(ctx, from, m.payment, m.attempt, 201, rec.charge, true);
      }
      return s;
    }
    const running = s.jobs.find((j) => j.key === m.key);
    if (running) {
      if (running.amount !== m.amount) {
        ctx.note(`S: answered 422: key ${m.key} is in use for €${running.amount}, but this request is for €${m.amount}`, { key: m.key });
        reply(ctx, from, m.payment, m.attempt, 422, null, false);
        return s;
      }
      if (p.inFlight === 'reject') {
        ctx.note(`S: found key ${m.key} still in progress and answered 409 Conflict; the retry does not run`, { key: m.key });
        reply(ctx, from, m.payment, m.attempt, 409, null, false);
        return s;
      }
      ctx.note(`S: found key ${m.key} still in progress, so the retry waits for the first attempt's outcome`, { key: m.key });
      const jobs = s.jobs.map((j) => (j === running ? { ...j, waiters: [...j.waiters, { attempt: m.attempt, from }] } : j));
      return { ...s, jobs };
    }
    if (s.keys.some((k) => k.key === m.key)) ctx.note(`S: found key ${m.key} expired, so this request looks new`, { key: m.key });
  }
  const job: Job = {
    id: s.nextJob,
    key: m.key,
    payment: m.payment,
    amount: m.amount,
    attempt: m.attempt,
    from,
    receivedAt: ctx.now,
    phase: 'working',
    charge: null,
    waiters: [],
  };
  ctx.setTimer(`charge ${job.id}`, p.work);
  ctx.note(`S: received a new request${m.key ? ` with key ${m.key}` : ' without a key'} and started on €${m.amount}`, { key: m.key });
  const keys = m.key !== null && s.keys.some((k) => k.key === m.key) ? s.keys.filter((k) => k.key !== m.key) : s.keys;
  return { ...s, keys, jobs: [...s.jobs, job], nextJob: s.nextJob + 1 };
}

function chargeOf(j: Job, id: string, at: Time): Charge {
  return { id, payment: j.payment, amount: j.amount, key: j.key, attempt: j.attempt, at };
}

function serverTimer(s: ServerState, name: string, ctx: X): ServerState {
  const p = ctx.params;
  const sp = name.indexOf(' ');
  const kind = name.slice(0, sp);
  const arg = name.slice(sp + 1);
  if (name === 'reap') {
    let i = 0;
    while (i < s.keys.length && s.keys[i].createdAt + p.retention <= ctx.now) i++;
    const gone = s.keys.slice(0, i);
    const keys = s.keys.slice(i);
    if (gone.length > 0) ctx.note(`S: purged key${gone.length > 1 ? 's' : ''} ${gone.map((k) => k.key).join(', ')}, ${p.retention} ms after ${gone.length > 1 ? 'they were' : 'it was'} recorded`, { keys: gone.map((k) => k.key) });
    armReaper(keys, ctx);
    return { ...s, keys };
  }
  const job = s.jobs.find((j) => String(j.id) === arg);
  if (!job) return s;
  if (kind === 'charge') {
    const seq = s.seq + 1;
    const id = `ch_${seq}`;
    const charged: Job = { ...job, phase: 'charged', charge: id };
    const jobs = s.jobs.map((j) => (j === job ? charged : j));
    ctx.setTimer(`record ${job.id}`, p.recordGap);
    if (p.atomic) {
      ctx.note(`S: wrote charge ${id} inside the open transaction (not committed yet)`, { charge: id });
      return { ...s, seq, jobs };
    }
    ctx.note(`S: committed charge ${id} on its own${job.key ? `; key ${job.key} is not recorded yet` : ''}`, { charge: id });
    return { ...s, seq, jobs, ledger: [...s.ledger, chargeOf(job, id, ctx.now)] };
  }
  if (kind === 'record' && job.charge) {
    let next: ServerState = { ...s, jobs: s.jobs.filter((j) => j !== job) };
    if (p.atomic) next = { ...next, ledger: [...next.ledger, chargeOf(job, job.charge, ctx.now)] };
    if (job.key !== null) {
      next = { ...next, keys: [...next.keys, { key: job.key, amount: job.amount, charge: job.charge, createdAt: ctx.now }] };
      armReaper(next.keys, ctx);
    }
    ctx.note(
      p.atomic
        ? `S: committed ${job.charge}${job.key ? ` and key ${job.key} → ${job.charge} together` : ''} and answered 201`
        : job.key
          ? `S: recorded key ${job.key} → ${job.charge} and answered 201`
          : `S: answered 201 ${job.charge}`,
      { charge: job.charge },
    );
    reply(ctx, job.from, job.payment, job.attempt, 201, job.charge, false);
    for (const w of job.waiters) reply(ctx, w.from, job.payment, w.attempt, 201, job.charge, true);
    return next;
  }
  return s;
}

// ---------------------------------------------------------------- broker and consumer

function brokerDeliver(s: BrokerState, id: string, ctx: X): BrokerState {
  const m = s.messages.find((x) => x.id === id);
  if (!m) return s;
  const deliveries = m.deliveries + 1;
  ctx.send(CONSUMER, { type: 'deliver', msg: id, delivery: deliveries });
  ctx.setTimer(`redeliver ${id}`, ctx.params.ackTimeout);
  return { ...s, messages: s.messages.map((x) => (x === m ? { ...x, deliveries } : x)) };
}

function consumerNext(s: ConsumerState, ctx: X): ConsumerState {
  let inbox = s.inbox;
  while (inbox.length > 0) {
    const [d, ...rest] = inbox;
    inbox = rest;
    if (ctx.params.dedup && s.processed.includes(d.msg)) {
      ctx.note(`Q: found ${d.msg} in its processed table, so it skipped delivery ${d.delivery} and acknowledged again`, { msg: d.msg });
      ctx.send(BROKER, { type: 'ack', msg: d.msg });
      continue;
    }
    ctx.setTimer('work', ctx.params.work);
    return { ...s, inbox, current: { msg: d.msg, delivery: d.delivery, phase: 'working' } };
  }
  return { ...s, inbox, current: null };
}

// ---------------------------------------------------------------- protocol

/** The idempotency protocol (see the file comment). */
export const idemProtocol: Protocol<IdemParams, IdemNode, IdemMsg, IdemCmd> = {
  id: 'idempotency',
  defaults: idemDefaults,
  sanitizeParams: sanitizeIdemParams,
  topology(p) {
    const link = { latency: p.latency, loss: 0, dup: 0, fifo: false };
    return { nodes: p.mode === 'api' ? [CLIENT, SERVER] : [BROKER, CONSUMER], net: { defaults: link } };
  },
  initNode(id) {
    if (id === CLIENT) return { kind: 'client', payments: [], keysMade: 0 };
    if (id === SERVER) return { kind: 'server', ledger: [], keys: [], seq: 0, jobs: [], nextJob: 1, rolledBack: [] };
    if (id === BROKER) return { kind: 'broker', messages: [] };
    return { kind: 'consumer', effects: [], processed: [], inbox: [], current: null };
  },
  onMessage(s, m, from, ctx) {
    if (s.kind === 'client' && m.type === 'reply') return clientReply(s, m, ctx);
    if (s.kind === 'server' && m.type === 'pay') return serverPay(s, m, from, ctx);
    if (s.kind === 'broker' && m.type === 'ack') {
      const msg = s.messages.find((x) => x.id === m.msg);
      if (!msg || msg.acked) return s;
      ctx.cancelTimer(`redeliver ${m.msg}`);
      return { ...s, messages: s.messages.map((x) => (x === msg ? { ...x, acked: true } : x)) };
    }
    if (s.kind === 'consumer' && m.type === 'deliver') {
      const next = { ...s, inbox: [...s.inbox, { msg: m.msg, delivery: m.delivery }] };
      return s.current ? next : consumerNext(next, ctx);
    }
    return s;
  },
  onTimer(s, name, ctx) {
    if (s.kind === 'client') return clientTimer(s, name, ctx);
    if (s.kind === 'server') return serverTimer(s, name, ctx);
    if (s.kind === 'broker') {
      const id = name.slice('redeliver '.length);
      const m = s.messages.find((x) => x.id === id);
      if (!m || m.acked) return s;
      if (m.deliveries >= ctx.params.maxAttempts) {
        ctx.note(`B: moved ${id} to the dead-letter queue after ${m.deliveries} deliveries without an ack`, { msg: id });
        return s;
      }
      ctx.note(`B: heard no ack for ${id} within ${ctx.params.ackTimeout} ms, so it delivers ${id} again`, { msg: id });
      return brokerDeliver(s, id, ctx);
    }
    const cur = s.current;
    if (!cur) return s;
    if (name === 'work') {
      ctx.setTimer('ack', ctx.params.recordGap);
      const effects = [...s.effects, { msg: cur.msg, delivery: cur.delivery, at: ctx.now }];
      const dup = s.effects.some((e) => e.msg === cur.msg);
      ctx.note(
        `Q: applied the effect of ${cur.msg}${ctx.params.dedup ? ' and recorded its id in the same transaction' : ''}${dup ? ' AGAIN: a duplicate effect' : ''}`,
        { msg: cur.msg },
      );
      return { ...s, effects, processed: ctx.params.dedup ? [...s.processed, cur.msg] : s.processed, current: { ...cur, phase: 'applied' } };
    }
    if (name === 'ack') {
      ctx.send(BROKER, { type: 'ack', msg: cur.msg });
      return consumerNext({ ...s, current: null }, ctx);
    }
    return s;
  },
  onCommand(s, cmd, ctx) {
    if (s.kind === 'client' && cmd.type === 'idem/pay') return clientPay(s, cmd, ctx);
    if (s.kind === 'broker' && cmd.type === 'idem/publish') {
      const id = `m${s.messages.length + 1}`;
      return brokerDeliver({ ...s, messages: [...s.messages, { id, deliveries: 0, acked: false }] }, id, ctx);
    }
    return s;
  },
  commandTarget: (cmd, p) => (cmd.type === 'idem/pay' ? (p.mode === 'api' ? CLIENT : null) : p.mode === 'queue' ? BROKER : null),
  parseCommand(raw) {
    if (typeof raw !== 'object' || raw === null) return null;
    const r = raw as Record<string, unknown>;
    if (r.type === 'idem/publish') return { type: 'idem/publish' };
    if (r.type !== 'idem/pay') return null;
    if (typeof r.amount !== 'number' || !Number.isInteger(r.amount) || r.amount < 1 || r.amount > 100_000) return null;
    if (r.reuseKey !== undefined && typeof r.reuseKey !== 'boolean') return null;
    return r.reuseKey ? { type: 'idem/pay', amount: r.amount, reuseKey: true } : { type: 'idem/pay', amount: r.amount };
  },
  onCrash(s) {
    if (s.kind === 'server') {
      // Open transactions roll back; charges written inside them vanish (but the sequence moved on).
      const lost = s.jobs.filter((j) => j.phase === 'charged' && j.charge !== null && !s.ledger.some((c) => c.id === j.charge));
      return { ...s, jobs: [], rolledBack: [...s.rolledBack, ...lost.map((j) => chargeOf(j, j.charge as string, j.receivedAt))] };
    }
    if (s.kind === 'consumer') return { ...s, inbox: [], current: null };
    return s;
  },
  onRestart(s, ctx) {
    if (s.kind === 'server') armReaper(s.keys, ctx);
    if (s.kind === 'broker') for (const m of s.messages) if (!m.acked) ctx.setTimer(`redeliver ${m.id}`, ctx.params.ackTimeout);
    return s;
  },
  describe(m) {
    switch (m.type) {
      case 'pay':
        return `pay €${m.amount}${m.key ? ` key ${m.key}` : ''} (#${m.attempt})`;
      case 'reply':
        return m.status === 201 ? `201 ${m.charge}${m.replayed ? ' (replayed)' : ''}` : m.status === 409 ? '409 in progress' : '422 key reused';
      case 'deliver':
        return `deliver ${m.msg} (#${m.delivery})`;
      case 'ack':
        return `ack ${m.msg}`;
    }
  },
  describeCommand: (c) => (c.type === 'idem/pay' ? `C pays €${c.amount}${c.reuseKey ? ' reusing the last key' : ''}` : 'B publishes a message'),
  describeWorldAction(a) {
    if (a.type === 'node/crash') return a.node === SERVER ? 'S crashed: its open work is lost' : a.node === CONSUMER ? 'Q crashed: its open work is lost' : undefined;
    if (a.type === 'node/restart') return `${a.node} restarted`;
    return undefined;
  },
  scenarios: idemScenarios,
};

const bool = (r: Record<string, unknown>, k: string, d: boolean, problems: string[]): boolean => {
  const v = r[k];
  if (v === undefined) return d;
  if (typeof v === 'boolean') return v;
  problems.push(`${k} must be true or false; using ${d}.`);
  return d;
};

/** Validate and clamp untrusted params (URL, props); never throws. */
export function sanitizeIdemParams(raw: unknown): Sanitized<IdemParams> {
  const d = idemDefaults;
  if (typeof raw !== 'object' || raw === null) return { value: d, problems: raw === undefined ? [] : ['params: not an object; using the defaults.'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const mode = r.mode === undefined ? d.mode : r.mode === 'api' || r.mode === 'queue' ? r.mode : (problems.push(`mode must be api or queue; using ${d.mode}.`), d.mode);
  const inFlight =
    r.inFlight === undefined ? d.inFlight : r.inFlight === 'reject' || r.inFlight === 'wait' ? r.inFlight : (problems.push(`inFlight must be reject or wait; using ${d.inFlight}.`), d.inFlight);
  let latency = d.latency;
  if (r.latency !== undefined) {
    const sd = sanitizeDist(r.latency, d.latency, 'latency');
    latency = sd.value;
    problems.push(...sd.problems);
  }
  return {
    value: {
      mode,
      keys: bool(r, 'keys', d.keys, problems),
      atomic: bool(r, 'atomic', d.atomic, problems),
      inFlight,
      retention: clampNumber(r.retention, 10, 1_000_000, d.retention, 'retention', problems),
      timeout: clampNumber(r.timeout, 10, 60_000, d.timeout, 'timeout', problems),
      retryDelay: clampNumber(r.retryDelay, 0, 60_000, d.retryDelay, 'retryDelay', problems),
      backoffCap: clampNumber(r.backoffCap, 0, 600_000, d.backoffCap, 'backoffCap', problems),
      maxAttempts: clampInteger(r.maxAttempts, 1, 20, d.maxAttempts, 'maxAttempts', problems),
      work: clampNumber(r.work, 0, 60_000, d.work, 'work', problems),
      recordGap: clampNumber(r.recordGap, 0, 60_000, d.recordGap, 'recordGap', problems),
      latency,
      dedup: bool(r, 'dedup', d.dedup, problems),
      ackTimeout: clampNumber(r.ackTimeout, 10, 60_000, d.ackTimeout, 'ackTimeout', problems),
    },
    problems,
  };
}
