/**
 * Long fuzz of the service lab's invariants (run once and report; CI runs the same checks over a
 * few dozen cases in src/sim/service/services.test.ts):
 *
 * - outbox and CDC: no committed order is ever lost, none is invented, none applied twice, under
 *   random crash schedules of the service and the broker and lost publishes or acks (0, 10 or 30%);
 * - queue: every published message is acked, dead-lettered, ready, in flight or still held by the
 *   producer, and the broker's ready list matches its records, under random stops, floods, poison,
 *   consumer and broker crashes and lossy consumer links;
 * - chain with propagated deadlines: no hop starts work at or after its call's deadline.
 *
 * Usage: npx tsx scripts/service-fuzz.ts [cases=2000] [seed=1]
 */
import { cloneRng, createRng, nextFloatMut, replay, type LogEntry } from '../src/sim/core';
import type { WorldAction } from '../src/sim/core/actions';
import {
  chainMechanism, chainParams, outboxCounts, outboxDefaults, outboxMechanism, queueCounts, queueDefaults, queueMechanism,
  type ChainState, type OutboxState, type QueueCmd, type QueueState,
} from '../src/sim/service';

const cases = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 1);
const r = cloneRng(createRng(seed, 'service-fuzz'));
const u = () => nextFloatMut(r);
const int = (lo: number, hi: number) => lo + Math.floor(u() * (hi - lo + 1));
const failures: string[] = [];
const t0 = performance.now();

// Outbox and CDC.
let committed = 0;
for (let c = 0; c < cases; c++) {
  const mode = c % 2 === 0 ? 'outbox' : 'cdc';
  const log: LogEntry<WorldAction | { type: 'ob/order' }>[] = [];
  for (let t = 20; t <= 2000; t += int(10, 60)) log.push({ at: t, action: { type: 'ob/order' } });
  const loss = [0, 0.1, 0.3][int(0, 2)]!;
  log.push({ at: 0, action: { type: 'net/link', from: 'service', to: 'broker', loss, both: true } });
  for (let k = int(0, 8); k > 0; k--) {
    const at = u() * 2000;
    const node = u() < 0.75 ? 'service' : 'broker';
    log.push({ at, action: { type: 'node/crash', node } }, { at: at + 1 + u() * 400, action: { type: 'node/restart', node } });
  }
  log.push({ at: 2600, action: { type: 'node/restart', node: 'service' } }, { at: 2600, action: { type: 'node/restart', node: 'broker' } });
  log.push({ at: 2600, action: { type: 'net/link', from: 'service', to: 'broker', loss: 0, both: true } });
  const s = replay(outboxMechanism, { mechanism: outboxMechanism.id, seed: c, params: { ...outboxDefaults, mode }, log }, 5000) as OutboxState;
  const n = outboxCounts(s);
  committed += n.committed;
  if (n.lost + n.ghosts + n.doubleApplied > 0 || n.delivered !== n.committed) failures.push(`outbox ${mode} case ${c}: ${JSON.stringify(n)}`);
}
const tOutbox = performance.now();

// Queue conservation.
let published = 0;
for (let c = 0; c < cases; c++) {
  const log: LogEntry<WorldAction | QueueCmd>[] = [];
  for (let k = int(0, 14); k > 0; k--) {
    const at = u() * 4000;
    const x = int(0, 5);
    const node = ['C1', 'C2', 'broker'][int(0, 2)]!;
    const action: WorldAction | QueueCmd =
      x === 0 ? { type: 'q/flood', count: int(1, 60) }
      : x === 1 ? { type: 'q/poison' }
      : x === 2 ? { type: u() < 0.5 ? 'q/stop' : 'q/resume', consumer: `C${int(1, 2)}` }
      : x === 3 ? { type: 'node/crash', node }
      : x === 4 ? { type: 'node/restart', node }
      : { type: 'net/link', from: `C${int(1, 2)}`, to: 'broker', loss: [0, 0.3, 1][int(0, 2)]! };
    log.push({ at, action });
  }
  const params = { ...queueDefaults, maxAttempts: int(1, 5), visibilityMs: [100, 400, 1000][int(0, 2)]!, poisonEvery: int(0, 9) };
  for (const t of [1500, 3000, 6000]) {
    const s = replay(queueMechanism, { mechanism: queueMechanism.id, seed: c, params, log }, t) as QueueState;
    const q = queueCounts(s);
    const b = s.nodes.broker.state as Extract<QueueState['nodes'][string]['state'], { role: 'broker' }>;
    const readyIds = [...b.ready].sort((a, z) => a - z).join(',');
    const readyRecs = b.msgs.filter((m) => m?.state === 'ready').map((m) => m!.id).join(',');
    if (q.acked + q.dead + q.ready + q.inflight + q.inTransit !== q.published || readyIds !== readyRecs) failures.push(`queue case ${c} at ${t}: ${JSON.stringify(q)}`);
    if (t === 6000) published += q.published;
  }
}
const tQueue = performance.now();

// Deadlines.
let jobs = 0;
for (let c = 0; c < cases; c++) {
  const hops = int(1, 5);
  const p = chainParams({ hops, mode: 'deadline', slowHop: int(1, hops), slowMs: int(20, 400), slowConcurrency: int(0, 3), callEveryMs: int(20, 300), clientTimeoutMs: int(50, 600) });
  const log: LogEntry<WorldAction>[] = [];
  for (let k = int(0, 4); k > 0; k--) {
    const at = u() * 3000;
    const node = `S${int(1, hops)}`;
    log.push({ at, action: { type: 'node/crash', node } }, { at: at + u() * 500, action: { type: 'node/restart', node } });
  }
  const s = replay(chainMechanism, { mechanism: chainMechanism.id, seed: c, params: p, log }, 4000) as ChainState;
  for (const id of s.nodeIds) {
    const n = s.nodes[id].state;
    if (n.role !== 'hop') continue;
    jobs += n.stats.started;
    if (n.stats.startedAfterDeadline > 0) failures.push(`deadline case ${c}: ${id} started ${n.stats.startedAfterDeadline} jobs after their deadline`);
  }
}
const tEnd = performance.now();

console.log(
  JSON.stringify(
    {
      cases,
      seed,
      outbox: { schedules: cases, committedOrders: committed, seconds: +((tOutbox - t0) / 1000).toFixed(1) },
      queue: { schedules: cases, checkpoints: cases * 3, publishedMessages: published, seconds: +((tQueue - tOutbox) / 1000).toFixed(1) },
      deadline: { schedules: cases, jobsStarted: jobs, seconds: +((tEnd - tQueue) / 1000).toFixed(1) },
      failures: failures.slice(0, 10),
      failureCount: failures.length,
    },
    null,
    2,
  ),
);
process.exit(failures.length > 0 ? 1 : 0);
