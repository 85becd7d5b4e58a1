/**
 * Part 1 of the retry lab: clients contending for one row under optimistic concurrency, backing off
 * on conflict. A model of exactly what Brooker's simulator models (AWS Architecture Blog, 2015,
 * "Exponential Backoff And Jitter"; awslabs/aws-arch-backoff-simulator, `backoff_simulator.py`):
 *
 * - N clients start at time 0. Each reads the row's version, then writes it back; the server
 *   accepts the write only if the version is unchanged (and bumps it), else reports a conflict.
 * - Every message (read, read reply, write, write reply) takes |Normal(10 ms, σ 2 ms)|; the server
 *   handles each message the instant it arrives (no queue, no service time).
 * - On a conflict the client's next read arrives after backoff(n) plus one network delay, with n
 *   counting retries from 1. After one successful write a client stops.
 * - Calls are write attempts; the completion time is when the last client hears its write succeeded
 *   (the simulator's time of its last event).
 *
 * Differences from the original, stated in the lab: each client draws its delays and jitter from its
 * own named stream (the original shares one Python `random`), and simultaneous events break ties by
 * insertion order. Neither changes the distributions, only which sample lands where.
 */
import { cloneRng, createRng, normalMut, type MutRng } from '../core/rng';
import { clampInteger, clampNumber } from '../core/clamp';
import type { Sanitized, Scenario, Tagged, Time } from '../core/types';
import { backoffWait, strategies, strategyLabel, type Strategy } from './backoff';
import { heapPush } from '../core/queue';
import { emptyTrace } from '../core/trace';
import { engineMechanism, record, runInPlace, type EngineModel, type EngineState } from './engine';

/** Parameters of a contention run. */
export interface ContentionParams {
  readonly clients: number;
  readonly strategy: Strategy;
  /** Backoff base and cap (ms): 5 and 2,000 in the blog. */
  readonly base: number;
  readonly cap: number;
  /** Network delay |Normal(mean, sd)| per message (ms): 10 and 2 in the blog. */
  readonly netMean: number;
  readonly netSd: number;
}

/** The blog's set-up, with ten clients. */
export const contentionDefaults: ContentionParams = { clients: 10, strategy: 'exponential', base: 5, cap: 2000, netMean: 10, netSd: 2 };

/** Where a client is in its read–write loop. */
export type ClientPhase = 'reading' | 'writing' | 'backoff' | 'done';

/** One client. */
export interface ContentionClient {
  phase: ClientPhase;
  /** Retries so far (n of the next backoff is retries + 1). */
  retries: number;
  /** Decorrelated jitter's last sleep. */
  sleep: number;
  /** Write attempts (calls) this client made. */
  calls: number;
  /** When the current phase ends at the latest (the next message's arrival, or the end of the backoff). */
  until: Time;
  doneAt: Time | null;
  rng: MutRng;
}

/** A message in flight; `t` is its arrival. */
export interface ContentionEvent {
  readonly t: Time;
  readonly seq: number;
  readonly kind: 'read' | 'readReply' | 'write' | 'writeReply';
  readonly client: number;
  /** When it leaves (a retry's read leaves after the backoff). */
  readonly sent: Time;
  /** The version read (readReply, write) or whether the write succeeded (writeReply). */
  readonly version?: number;
  readonly ok?: boolean;
}

/** The whole run. */
export interface ContentionState extends EngineState<ContentionEvent> {
  readonly params: ContentionParams;
  version: number;
  calls: number;
  conflicts: number;
  clients: ContentionClient[];
  /** Time the last client heard of its success (NaN until every client is done). */
  completedAt: Time;
  /** Recent conflicts (time, client) for the picture's collision flashes; the last 64. */
  collisions: { t: Time; client: number }[];
}

/** Reader actions: none change the run; the lab restarts with new parameters instead. */
export type ContentionAction = Tagged;

/** Client ids as the picture and trace name them (c1, c2, …). */
export const clientName = (i: number): string => `c${i + 1}`;

function delay(s: ContentionState, c: ContentionClient): number {
  return Math.abs(s.params.netMean + s.params.netSd * normalMut(c.rng));
}

function send(s: ContentionState, client: number, kind: ContentionEvent['kind'], at: Time, extra: { version?: number; ok?: boolean } = {}): Time {
  const c = s.clients[client]!;
  const t = at + delay(s, c);
  heapPush(s.queue, { t, seq: s.seq++, kind, client, sent: at, version: extra.version, ok: extra.ok });
  return t;
}

/** Validate untrusted parameters (URL, props, CLI). */
export function sanitizeContention(raw: unknown): Sanitized<ContentionParams> {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = contentionDefaults;
  const strategy = strategies.includes(r.strategy as Strategy) ? (r.strategy as Strategy) : d.strategy;
  if (r.strategy !== undefined && strategy !== r.strategy) problems.push(`strategy must be one of ${strategies.join(', ')}; using ${d.strategy}.`);
  const base = clampNumber(r.base ?? d.base, 0.1, 1000, d.base, 'base', problems);
  return {
    value: {
      clients: clampInteger(r.clients ?? d.clients, 1, 200, d.clients, 'clients', problems),
      strategy,
      base,
      cap: clampNumber(r.cap ?? d.cap, base, 60_000, Math.max(base, d.cap), 'cap', problems),
      netMean: clampNumber(r.netMean ?? d.netMean, 0, 1000, d.netMean, 'netMean', problems),
      netSd: clampNumber(r.netSd ?? d.netSd, 0, 1000, d.netSd, 'netSd', problems),
    },
    problems,
  };
}

const model: EngineModel<ContentionParams, ContentionState, ContentionEvent, ContentionAction> = {
  id: 'retry-contention',
  defaults: contentionDefaults,
  sanitizeParams: sanitizeContention,
  parseAction: () => null,
  create(seed, p, trace) {
    const s: ContentionState = {
      now: 0, seq: 0, queue: [], trace: trace ? emptyTrace() : null,
      params: p, version: 0, calls: 0, conflicts: 0, completedAt: NaN, collisions: [],
      clients: Array.from({ length: p.clients }, (_, i) => ({
        phase: 'reading' as const, retries: 0, sleep: p.base, calls: 0, until: 0, doneAt: null, rng: cloneRng(createRng(seed, `client:${i}`)),
      })),
    };
    for (let i = 0; i < p.clients; i++) s.clients[i]!.until = send(s, i, 'read', 0);
    return s;
  },
  clone: (s) => ({
    ...s,
    queue: s.queue.slice(),
    clients: s.clients.map((c) => ({ ...c, rng: [c.rng[0], c.rng[1], c.rng[2], c.rng[3]] as MutRng })),
    collisions: s.collisions.slice(),
  }),
  handle(s, e) {
    const c = s.clients[e.client]!;
    const name = clientName(e.client);
    switch (e.kind) {
      case 'read':
        send(s, e.client, 'readReply', s.now, { version: s.version });
        return;
      case 'readReply':
        c.phase = 'writing';
        c.until = send(s, e.client, 'write', s.now, { version: e.version });
        return;
      case 'write': {
        s.calls++;
        c.calls++;
        const ok = e.version === s.version;
        if (ok) s.version++;
        else {
          s.conflicts++;
          s.collisions.push({ t: s.now, client: e.client });
          if (s.collisions.length > 64) s.collisions.shift();
        }
        record(s, {
          kind: 'deliver', node: 'row', from: name,
          label: ok ? `${name} writes version ${e.version}: accepted` : `${name} writes version ${e.version}: conflict, the row is at ${s.version}`,
          data: { ok, client: e.client },
        });
        send(s, e.client, 'writeReply', s.now, { ok });
        return;
      }
      case 'writeReply': {
        if (e.ok) {
          c.phase = 'done';
          c.doneAt = s.now;
          if (s.clients.every((x) => x.phase === 'done')) s.completedAt = s.now;
          return;
        }
        c.retries++;
        const draw = backoffWait(s.params.strategy, c.retries, s.params.base, s.params.cap, c.sleep, c.rng);
        c.sleep = draw.sleep;
        c.phase = 'backoff';
        // The simulator adds the backoff to the next read's network delay: the read leaves after the wait.
        c.until = s.now + draw.wait;
        send(s, e.client, 'read', s.now + draw.wait);
        record(s, { kind: 'timer', node: name, label: `${name} backs off ${draw.wait.toFixed(1)} ms before retry ${c.retries}`, data: { wait: draw.wait, retry: c.retries } });
        return;
      }
    }
  },
  act() {},
  scenarios: [],
};

/** The contention model (for tests, the experiment and the scenarios). */
export const contentionModel = model;

/** Outcome of one run. */
export interface ContentionResult {
  readonly calls: number;
  readonly timeMs: number;
}

/** Run to completion without a trace (the experiment's inner loop). */
export function runContention(p: ContentionParams, seed: number): ContentionResult {
  const s = model.create(seed, p, false);
  runInPlace(model, s, Infinity);
  return { calls: s.calls, timeMs: s.completedAt };
}

const scenario = (id: string, title: string, description: string, strategy: Strategy, clients = 10, seed = 4): Scenario<ContentionParams, ContentionAction> => {
  const params = { ...contentionDefaults, strategy, clients };
  // Stop exactly when the last client hears of its success (a 10-client run costs well under a millisecond).
  return { id, title, description, seed, params, log: [], until: Math.ceil(runContention(params, seed).timeMs) + 1 };
};

/** Named scenarios. */
export const contentionScenarios: readonly Scenario<ContentionParams, ContentionAction>[] = [
  scenario('contention-no-backoff', `${strategyLabel.none}: a retry storm`, 'Ten clients update one row. Every loser retries at once, so the same clients collide again and again; count the calls it takes for all ten to finish.', 'none'),
  scenario('contention-exponential', `${strategyLabel.exponential}: waits in lockstep`, 'The losers wait 10, 20, 40 ms… but all by the same amount, so they come back together and collide again, just later.', 'exponential'),
  scenario('contention-full-jitter', `${strategyLabel.full}: spread out`, 'Each loser waits a random time up to the exponential bound. The retries spread out, most of them find the row free, and the work drops.', 'full'),
  scenario('contention-equal-jitter', `${strategyLabel.equal}: half fixed, half random`, 'Each loser waits at least half the exponential bound, plus a random share of the other half. Retries spread out, but nobody comes back early, so it finishes later than full jitter.', 'equal'),
  scenario('contention-decorrelated', `${strategyLabel.decorrelated}: a random walk`, 'Each wait is drawn between the base and three times the previous wait, so waits wander up and down instead of doubling in step.', 'decorrelated'),
];

/**
 * A generous length for a run with these parameters, to size the lab's timeline without knowing its
 * seed: 1.5 times the slowest of three seeds. Memoised, since the lab asks on every render.
 */
export function contentionEstimate(p: ContentionParams): Time {
  const key = `${p.clients}/${p.strategy}/${p.base}/${p.cap}/${p.netMean}/${p.netSd}`;
  let v = estimates.get(key);
  if (v === undefined) {
    v = 1.5 * Math.max(...[1, 2, 3].map((seed) => runContention(p, seed).timeMs));
    if (estimates.size > 64) estimates.clear();
    estimates.set(key, v);
  }
  return v;
}
const estimates = new Map<string, Time>();

/** The mechanism the lab drives. */
export const contentionMechanism = engineMechanism({ ...model, scenarios: contentionScenarios });
