import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replay } from '../core/replay';
import type { LogEntry } from '../core/types';
import type { WorldAction } from '../core/actions';
import { chainAvailability, chainMeanLatency, chainParams, chainWaste, type ChainCmd, type ChainNode, type ChainState } from './chain';
import { queueCounts, queueDefaults, sanitizeQueueParams, type QueueCmd, type QueueState } from './broker';
import { outboxCounts, outboxDefaults, sanitizeOutboxParams, type OutboxMode } from './outbox';
import { MIN_PERIOD_MS } from '../core/clamp';
import { chainMechanism, chainScenarios, outboxMechanism, outboxScenarios, queueMechanism, queueScenarios } from './scenarios';
import { crashSchedule, outboxExperiment, runOutboxTrial, type OutboxResult } from './outboxExperiment';
import { parseExperimentParams, runExperiment } from '../core/experiment';

const runScenario = <S,>(mech: { id: string }, sc: { seed: number; params: unknown; log: readonly unknown[]; until?: number }, t?: number): S =>
  replay(mech as never, { mechanism: mech.id, seed: sc.seed, params: sc.params, log: sc.log as never }, t ?? sc.until ?? 3000) as S;

describe('synchronous chain', () => {
  it('availability is the product and latency the sum (2,000 calls)', () => {
    const p = chainParams({ hops: 3, availability: 0.9, callEveryMs: 400, clientTimeoutMs: 5000 });
    const s = replay(chainMechanism, { mechanism: chainMechanism.id, seed: 1, params: p, log: [] }, 800_000) as ChainState;
    const st = (s.nodes.client.state as Extract<ChainNode, { role: 'client' }>).stats;
    const done = st.ok + st.error + st.timeout;
    expect(done).toBeGreaterThan(1900);
    expect(st.timeout).toBe(0);
    const rate = st.ok / done;
    const expected = chainAvailability(p);
    expect(expected).toBeCloseTo(0.729, 3);
    expect(Math.abs(rate - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / done));
    const mean = st.okLatencyMs / st.ok;
    expect(mean / chainMeanLatency(p)).toBeGreaterThan(0.97);
    expect(mean / chainMeanLatency(p)).toBeLessThan(1.03);
  });

  it('fixed timeouts waste work that a propagated deadline avoids, and the deadline run answers more calls', () => {
    const [, fixed, deadline] = chainScenarios;
    const a = runScenario<ChainState>(chainMechanism, fixed);
    const b = runScenario<ChainState>(chainMechanism, deadline);
    const okCount = (s: ChainState) => (s.nodes.client.state as Extract<ChainNode, { role: 'client' }>).stats.ok;
    expect(chainWaste(a).wastedMs).toBeGreaterThan(300);
    expect(chainWaste(a).startedAfterGiveUp).toBeGreaterThan(0);
    expect(chainWaste(b).wastedMs).toBe(0);
    expect(okCount(b)).toBeGreaterThan(okCount(a));
  });

  it('property: with a propagated deadline no hop starts work after the deadline has passed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 20, max: 400 }),
        fc.integer({ min: 50, max: 300 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 5 })), { maxLength: 4 }),
        (seed, hops, conc, slowMs, every, crashes) => {
          const p = chainParams({ hops, mode: 'deadline', slowHop: hops, slowMs, slowConcurrency: conc, callEveryMs: every, clientTimeoutMs: 250 });
          const log: LogEntry<WorldAction | ChainCmd>[] = crashes.flatMap(([at, h]) => [
            { at, action: { type: 'node/crash', node: `S${Math.min(h, hops)}` } as WorldAction },
            { at: at + 200, action: { type: 'node/restart', node: `S${Math.min(h, hops)}` } as WorldAction },
          ]);
          const s = replay(chainMechanism, { mechanism: chainMechanism.id, seed, params: p, log }, 3500) as ChainState;
          for (const id of s.nodeIds) {
            const n = s.nodes[id].state;
            if (n.role !== 'hop') continue;
            expect(n.stats.startedAfterDeadline).toBe(0);
            for (const j of [...n.recent, ...Object.values(n.live)]) {
              expect(j.deadline).not.toBeNull();
              if (j.start !== null) expect(j.start).toBeLessThan(j.deadline!);
            }
          }
          expect(chainWaste(s).startedAfterGiveUp).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('broker queue', () => {
  it('stopping a consumer grows the lag, resuming drains it', () => {
    const sc = queueScenarios[0];
    const lag = (t: number) => queueCounts(runScenario<QueueState>(queueMechanism, sc, t)).lag;
    expect(lag(2500)).toBeGreaterThan(lag(500) + 10);
    expect(lag(5000)).toBeLessThan(lag(2500));
  });

  it('a poison message is delivered maxAttempts times, then dead-lettered', () => {
    const s = runScenario<QueueState>(queueMechanism, queueScenarios[1]);
    const b = s.nodes.broker.state as Extract<typeof s.nodes.broker.state, { role: 'broker' }>;
    expect(b.dlq).toEqual([5]);
    expect(b.msgs[4]!.attempts).toBe(queueDefaults.maxAttempts);
  });

  it('a lost ack makes the message processed twice (at-least-once)', () => {
    const c = queueCounts(runScenario<QueueState>(queueMechanism, queueScenarios[2]));
    expect(c.duplicates).toBe(1);
    expect(c.lag).toBeLessThanOrEqual(2);
  });

  const queueAction = fc.oneof(
    fc.record({ type: fc.constant('q/flood' as const), count: fc.integer({ min: 1, max: 40 }) }),
    fc.constant({ type: 'q/poison' as const }),
    fc.record({ type: fc.constantFrom('q/stop' as const, 'q/resume' as const), consumer: fc.constantFrom('C1', 'C2') }),
    fc.record({ type: fc.constantFrom('node/crash' as const, 'node/restart' as const), node: fc.constantFrom('C1', 'C2', 'broker') }),
    fc.record({ type: fc.constant('net/link' as const), from: fc.constantFrom('C1', 'C2'), to: fc.constant('broker'), loss: fc.constantFrom(0, 0.3, 1) }),
  );

  it('property: every published message is acked, dead-lettered, or still pending; once the faults stop, none stays pending', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), queueAction), { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (seed, acts, attempts) => {
        const log = acts.map(([at, action]) => ({ at, action: action as WorldAction | QueueCmd }));
        const params = { ...queueDefaults, maxAttempts: attempts, poisonEvery: 7 };
        for (const t of [1000, 2500, 4000]) {
          const s = replay(queueMechanism, { mechanism: queueMechanism.id, seed, params, log }, t) as QueueState;
          const c = queueCounts(s);
          expect(c.acked + c.dead + c.ready + c.inflight + c.inTransit).toBe(c.published);
          const b = s.nodes.broker.state as Extract<typeof s.nodes.broker.state, { role: 'broker' }>;
          const processed = new Set<number>();
          for (const id of s.nodeIds) {
            const n = s.nodes[id].state;
            if (n.role === 'consumer') n.processed.forEach((x) => processed.add(x));
          }
          // The ready list holds exactly the ready messages, each once.
          expect([...b.ready].sort((x, y) => x - y)).toEqual(b.msgs.filter((m) => m?.state === 'ready').map((m) => m!.id));
          for (const m of b.msgs) {
            if (!m) continue;
            if (m.state === 'acked') expect(processed.has(m.id)).toBe(true);
            if (m.state === 'dead') expect(m.attempts).toBe(attempts);
          }
        }
        // Liveness: once everything is up, healed and the producer stops, nothing stays pending.
        const settle: { at: number; action: WorldAction | QueueCmd }[] = [
          { at: 4500, action: { type: 'q/rate', everyMs: 0 } },
          ...['C1', 'C2', 'broker'].map((node) => ({ at: 4500, action: { type: 'node/restart', node } as WorldAction })),
          ...['C1', 'C2'].map((c) => ({ at: 4500, action: { type: 'net/link', from: c, to: 'broker', loss: 0 } as WorldAction })),
          ...['C1', 'C2'].map((consumer) => ({ at: 4600, action: { type: 'q/resume', consumer } as QueueCmd })),
        ];
        const end = replay(queueMechanism, { mechanism: queueMechanism.id, seed, params, log: [...log, ...settle] }, 40_000) as QueueState;
        const c = queueCounts(end);
        expect(c.ready + c.inflight + c.inTransit).toBe(0);
        expect(c.acked + c.dead).toBe(c.published);
      }),
      { numRuns: 40 },
    );
  });
});

describe('dual write and the outbox', () => {
  it('each scenario shows its failure: lost, ghost, or duplicate-and-deduplicated', () => {
    const [lost, ghost, outbox, cdc] = outboxScenarios.map((sc) => outboxCounts(runScenario(outboxMechanism, sc)));
    expect(lost.lostIds).toEqual([2]);
    expect(ghost.ghostIds).toEqual([2]);
    expect(outbox.lost + outbox.ghosts).toBe(0);
    expect(outbox.duplicates).toBe(1);
    expect(outbox.doubleApplied).toBe(0);
    expect(cdc.lost + cdc.ghosts).toBe(0);
    expect(cdc.duplicates).toBeGreaterThan(0);
  });

  it('without deduplication the duplicate is applied twice', () => {
    const sc = outboxScenarios[2];
    const c = outboxCounts(runScenario(outboxMechanism, { ...sc, params: { ...outboxDefaults, dedup: false } }));
    expect(c.doubleApplied).toBe(1);
  });

  it('property: with the outbox (or CDC) no committed change is ever lost, under any crash schedule and lost publishes or acks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom<OutboxMode>('outbox', 'cdc'),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1500, noNaN: true }), fc.double({ min: 1, max: 400, noNaN: true }), fc.constantFrom('service', 'broker')), { maxLength: 6 }),
        fc.constantFrom(0, 0.2, 0.5),
        (seed, mode, crashes, loss) => {
          const log: LogEntry<WorldAction | { type: 'ob/order' }>[] = [];
          for (let t = 25; t <= 1500; t += 25) log.push({ at: t, action: { type: 'ob/order' } });
          // Publishes and their acks may be lost; crashes hit the service (its relay) or the broker.
          log.push({ at: 0, action: { type: 'net/link', from: 'service', to: 'broker', loss, both: true } });
          for (const [at, down, node] of crashes) log.push({ at, action: { type: 'node/crash', node } }, { at: at + down, action: { type: 'node/restart', node } });
          // Final restarts and a healed link make sure everything can drain, as any operator would.
          log.push({ at: 2000, action: { type: 'node/restart', node: 'service' } }, { at: 2000, action: { type: 'node/restart', node: 'broker' } });
          log.push({ at: 2000, action: { type: 'net/link', from: 'service', to: 'broker', loss: 0, both: true } });
          const s = replay(outboxMechanism, { mechanism: outboxMechanism.id, seed, params: { ...outboxDefaults, mode }, log }, 4000);
          const c = outboxCounts(s);
          const svc = s.nodes.service.state as unknown as { orders: number[] };
          const received = new Set((s.nodes.consumer.state as unknown as { received: number[] }).received);
          for (const id of svc.orders) expect(received.has(id)).toBe(true);
          expect(c.lost).toBe(0);
          expect(c.ghosts).toBe(0);
          expect(c.doubleApplied).toBe(0);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('the experiment: dual writes lose or invent events under random crashes; the outbox and CDC lose none', () => {
    const out = runExperiment(outboxExperiment, parseExperimentParams(outboxExperiment, { trials: '30', crashes: '4' }).params)!.results as OutboxResult;
    const by = Object.fromEntries(out.modes.map((m) => [m.mode, m]));
    expect(by['db-first'].lost).toBeGreaterThan(0);
    expect(by['publish-first'].ghosts).toBeGreaterThan(0);
    expect(by.outbox.lost).toBe(0);
    expect(by.cdc.lost).toBe(0);
    expect(by.outbox.delivered).toBe(by.outbox.committed);
  });

  it('a crash schedule is a pure function of (seed, trial)', () => {
    expect(crashSchedule(1, 2, 1000, 50, 3)).toEqual(crashSchedule(1, 2, 1000, 50, 3));
    expect(runOutboxTrial('outbox', 1, crashSchedule(1, 2, 1000, 50, 3))).toEqual(runOutboxTrial('outbox', 1, crashSchedule(1, 2, 1000, 50, 3)));
  });
});

// url-fuzz seed 202612051700 #947: a queue link with publishEveryMs = 5e-324 re-armed the producer's
// tick at t = 0 forever (now + 5e-324 is now), so the link's restore never got past its first moment.
describe('regression: a vanishing timer period', () => {
  it('a positive period below 1 ms is raised to 1 ms, in params and in the rate action, so time moves on', () => {
    const r = sanitizeQueueParams({ ...queueDefaults, publishEveryMs: 5e-324 });
    expect(r.value.publishEveryMs).toBe(MIN_PERIOD_MS);
    expect(r.problems.join(' ')).toMatch(/publishEveryMs 5e-324 is below 1 ms; using 1 ms/);
    const s = queueMechanism.runUntil(queueMechanism.init(22, r.value), 100, 100_000);
    expect(s.now).toBe(100);
    expect(s.events).toBeLessThan(5_000);
    expect(queueMechanism.parseAction({ type: 'q/rate', everyMs: 5e-324 })).toBeNull();
    expect(queueMechanism.parseAction({ type: 'q/rate', everyMs: 0 })).toEqual({ type: 'q/rate', everyMs: 0 });
    expect(sanitizeOutboxParams({ ...outboxDefaults, orderEveryMs: 1e-300 }).value.orderEveryMs).toBe(MIN_PERIOD_MS);
    expect(sanitizeOutboxParams({ ...outboxDefaults, orderEveryMs: 0 }).value.orderEveryMs).toBe(0);
  });
});
