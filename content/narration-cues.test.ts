// @vitest-environment jsdom
/**
 * Every lab cue in every narration script, applied to the real lab definition: the commands must be
 * accepted (no cue problems), deterministic (same cue twice ⇒ same log and trace), and leave the
 * lab in the state the narration describes (checked per cue below by the trace it produces).
 * Run with DUMP=1 to print each cue's trace while writing scripts.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNarration, listScripts } from '../src/narration/compile/build';
import { labDefinitions, widgetManifests } from '../src/widgets/manifest';
import { applyCueToStore } from '../src/widgets/shared/useMechanismLab';
import { createLabStore, type LabDefinition } from '../src/widgets/shared/store';
import { allOps, checkHistory, fencingCounts, historyOf, lostAckedWrites } from '../src/sim/replication';
import { crdtAgreement, crdtRows } from '../src/widgets/replication/selectors';
import { chainModel, fanoutModel, outboxModel, queueModel } from '../src/widgets/service/selectors';

const defs: Record<string, LabDefinition> = Object.fromEntries(labDefinitions.map((d) => [d.widget, d]));

const root = resolve(import.meta.dirname, '..');
const content = resolve(root, 'content');

/** Apply a cue, then run the lab to `until` ms as the reader would by pressing play. */
function run(widget: string, cue: Parameters<typeof applyCueToStore>[2], until: number) {
  const def = defs[widget];
  const store = createLabStore(def, cue.scenario);
  const errors = applyCueToStore(def, store, cue);
  const log = store.getState().log;
  if (until > 0) store.getState().seekTime(until);
  const s = store.getState();
  return { errors, log, trace: s.mechanism.trace(s.cursor.state).map((e) => `${Math.round(e.t)} ${e.label}`), state: s.cursor.state };
}

/**
 * What each script says the lab shows, as trace lines the cue must produce (run to the end of the
 * lab's timeline). Keyed by chapter and the cue's label prefix (instance id and first commands).
 */
const expected: Record<string, readonly RegExp[]> = {
  'networks: timeout-ambiguity: load timeout-ambiguity; loss 1 reply': [/server did the work for #1/, /reply #1 dropped/, /no reply to #1 within 300 ms/],
  'networks: timeout-ambiguity: load timeout-ambiguity; latency 400': [/no reply to #1 within 300 ms/, /late reply to #1 .*alive, only slow/],
  'networks: cp-minority-refuses-write': [/c1: write "x" acknowledged/, /c2: write "y" failed — no majority/],
  'networks: ap: load ap-divergent-writes': [/c1: write "x" acknowledged/, /c2: write "y" acknowledged/, /c1: read returned x/, /c2: read returned y/],
  'networks: ap: load ap-heal-converges': [/Network healed/, /write "y" \(c2\) lost/, /c2: read returned x/],
  'networks: flp: load flp-adversary; scheduler adversary': [/scheduler: adversary/],
  'networks: flp: load flp-adversary; seek 1500; scheduler fair': [/scheduler: fair/, /DECIDES/],
  'clocks: lww-loses-write': [/A: write x = Ana as w0, timestamp 250/, /B: write x = AnaB as w1, timestamp 200/, /keeps w0 .* w1 is lost/],
  'clocks: ntp': [/NTP step: 450 → 150 ms — backwards/],
  'clocks: lamport': [/B: local event e3/],
  'clocks: vc': [/C: write x = c/, /B: write x = b/],
  'clocks: hlc': [/B receives m1 from A/, /C receives m2 from B/],
  'ordering: stale-read-not-linearizable': [/Added c2: read\(x\) → 0\. The history is sequentially consistent/],
  'ordering: seq': [/Added c2: read\(x\) → 2\. The history is sequentially consistent/],
  'ordering: causal': [/Added c4: read\(x\) → 1\. The history is causally consistent/],
  'ordering: overlap-reads-latest': [/crash C/, /c1 write v1 committed \(W = 2 acks: B, A\)/, /c2 read returns v1/],
  'ordering: qdisagree': [/c2 read returns v1/, /c3 read returns v0/],
  'ordering: leader-election': [/S3 forced to time out/, /S3 won the election: leader of term 1/],
  'ordering: raft-crash: load leader-crash-reelection; seek 250; request S2 x1; seek 400; crash leader; at': [/S2 committed up to index 1/, /S2 crashed/, /won the election: leader of term 2/],
  'ordering: raft-crash: load leader-crash-reelection; seek 250; request S2 x1; seek 400; crash leader; seek 1000': [/S2 restarted/, /S2 is a follower in term 2/],
  'ordering: fig8': [/S1 won the election: leader of term 3/, /S1 crashed/, /S5 won the election: leader of term 4/],
  'replication: repl-quorum-overlap': [/committed \(W = 2 acks: B, A\)/, /partition A \| B,C,c1,c2/, /c2 read returns v1 \(R = 2 replies: C v0, B v1\)/],
  'replication: repl-quorum-race': [/c2 read returns v1/, /c3 read returns v0/],
  'replication: repl-quorum': [/heal all links/, /c2 read returns v1/, /C repaired to v1/],
  'retries: amplification: load amplification-database-down': [/The database starts failing/],
  'retries: amplification: load amplification-flaky-database': [/The database starts failing/],
  'retries: contention: load contention-exponential': [/c\d+ writes version 0: accepted/, /writes version 0: conflict, the row is at 1/, /backs off 10\.0 ms before retry 1/],
  'retries: contention: load contention-full-jitter': [/c\d+ writes version 0: accepted/, /writes version 0: conflict/, /before retry 1/],
  'retries: metastable: load metastable-': [/Trigger: capacity drops to 50% for 3000 ms/],
  'circuit-breakers: cascade': [/Reader: the dependency turns slow/, /All 20 workers busy; requests now queue/],
  'circuit-breakers: defaults': [/Reader: the dependency turns slow/],
  'circuit-breakers: recovery': [/turns failing/, /Breaker CLOSED → OPEN: failure rate/],
  'circuit-breakers: flapping': [/turns flaky/, /Breaker CLOSED → OPEN/],
  'circuit-breakers: fallback': [/turns failing/, /Breaker CLOSED → OPEN/],
  'circuit-breakers: hosts': [/dep-2 turns failing/, /Breaker for dep-2 CLOSED → OPEN/],
  'bulkheads: pools: load shared-pool-starves': [/8 workers; cheap requests: 200\/s at 5 ms/, /expensive requests now take 1000 ms each/],
  'bulkheads: pools: load bulkheads': [/8 workers in two pools \(4 \+ 4\)/, /expensive requests now take 1000 ms each/],
  'bulkheads: queue': [/1 worker; requests: 80\/s at 10 ms; offered load 80% of capacity/],
  'bulkheads: collapse': [/requests arrive at 600 per second/],
  'bulkheads: limits': [/Fixed window let 11 of client A's requests through/],
  'two-phase-commit: 2pc-clean-commit': [/P1 locks its rows and forces a prepared record before voting YES/, /C decides commit; forcing the commit record before telling anyone/, /P3 commits and releases its locks after 26 ms/],
  'two-phase-commit: 2pc-coordinator-blocks': [/C crashed \(its forced log survives\)/, /P1 is in doubt: it voted YES, holds its locks, and asks the coordinator/, /C recovers: begin but no decision in its log, so it aborts/],
  'two-phase-commit: 2pc-heuristic-mixed': [/An operator forces P2 to abort without the coordinator/, /C recovers: its log holds commit; re-sending it/, /P2 was told commit, but an operator already aborted it: heuristic damage/],
  'three-phase-commit-and-sagas: 3pc-coordinator-crash': [/C crashed/, /P1 has no decision: it runs the termination protocol as backup coordinator/, /P1 \(backup\) heard .*all uncertain, so abort/],
  'three-phase-commit-and-sagas: 3pc-partition-splits': [/partition C,P1 \| P2,P3/, /C: no pre-commit ack from P2, P3; taking them for crashed and committing/, /P2 \(backup\) heard P3 prepared: all uncertain, so abort/],
  'three-phase-commit-and-sagas: saga-unwinds': [/SHIP: book shipping fails for s1/, /O: book failed for s1; compensating/, /O: saga s1 is fully compensated/],
  'three-phase-commit-and-sagas: dirty-read': [/INV: s2 wants 2, only 1 free: out of stock/, /O: saga s1 is fully compensated/],
  'idempotency: no-key-double-charge': [/S: committed ch_1 and answered 201\n\d+ 201 ch_1\n\d+ message #1 dropped/, /retries p1 in 50 ms \(without a key, S cannot tell it is a retry\)/, /S: received a new request without a key[\s\S]*S: committed ch_2 and answered 201/],
  'idempotency: key-replays-outcome': [/S: committed ch_1 and key k1 → ch_1 together/, /message #1 dropped/, /found key k1 complete and replayed its stored outcome ch_1, without charging again/, /C: got 201 for p1: paid with ch_1/, absent('ch_2')],
  'idempotency: crash-before-key-recorded: load crash-before-key-recorded; hold 120': [/95 S: committed charge ch_1 on its own; key k1 is not recorded yet\n110 S crashed/],
  'idempotency: crash-before-key-recorded: load crash-before-key-recorded; at 120': [/S restarted[\s\S]*pay €80 key k1 \(#2\)[\s\S]*S: received a new request with key k1[\s\S]*committed charge ch_2/],
  'idempotency: crash-atomic-rolls-back': [/wrote charge ch_1 inside the open transaction \(not committed yet\)\n\d+ S crashed: its open work is lost/, /S: committed ch_2 and key k1 → ch_2 together/, absent('committed ch_1'), absent('committed charge')],
  'idempotency: retry-while-in-progress': [/pay €80 key k1 \(#2\)[\s\S]*found key k1 still in progress and answered 409 Conflict; the retry does not run/, /got 409 .* retries p1 in 100 ms/, /C: got 201 for p1: paid with ch_1/, absent('ch_2')],
  'idempotency: same-key-different-payload': [/C pays €25 reusing the last key/, /answered 422: key k1 was used for €80, but this request is for €25/, /C: got 422 for p2/, absent('ch_2')],
  'idempotency: key-expires-too-soon': [/message #1 dropped/, /purged key k1, 100 ms after it was recorded[\s\S]*pay €80 key k1 \(#2\)[\s\S]*received a new request with key k1[\s\S]*committed ch_2/],
  'idempotency: redelivery-duplicates-effect': [/Q: applied the effect of m1\n\d+ Q crashed/, /heard no ack for m1 within 250 ms, so it delivers m1 again/, /applied the effect of m1 AGAIN: a duplicate effect/],
  'idempotency: dedup-consumer-effectively-once': [/applied the effect of m1 and recorded its id in the same transaction\n\d+ Q crashed/, /delivers m1 again/, /found m1 in its processed table, so it skipped delivery 2/, absent('AGAIN')],
  'sharding: shard-modn': [/E joins: 3[0-3]\d of 400 keys move \(8\d\.\d%/, /move [^\n]*: (?:\d+ to [A-D], ){2}/],
  'sharding: shard-ring': [/E joins: (\d+) of 400 keys move \((?:1[89]|2[0-2])\.\d%; ideal 20\.0%\): \1 to E$/m],
  'sharding: shard-vnodes': [/keys per node: [^\n]*\(busiest (?:[2-9]|1\.[89])\.\d+× the mean\)/],
  'sharding: shard-hrw': [/B leaves: (\d+) of 400 keys move[^\n]*: \d+ to [ACD], \d+ to [ACD], \d+ to [ACD]$/m],
  // The hottest keys' two nodes each take over a third of the requests with ordinary key counts.
  'sharding: shard-hot: load zipf-hot-key': [/keys per node: [^\n]*\(busiest 1\.0\d× the mean\); requests per node: [^\n]*(?:3[3-9]|[4-9]\d)\.\d%[^\n]*(?:3[3-9]|[4-9]\d)\.\d%/],
  'sharding: shard-hot: load salted-hot-key': [/requests per node: (?:[A-D] (?:[0-2]\d|3[0-2])\.\d%(?:, | ))+\(busiest/],
  'sharding: shard-time': [/requests per node: [^\n]*100\.0%/],
  'sharding: shard-fixed': [/E joins: (\d+) of 400 keys move \([^)]*\): \1 to E$/m],
  'replication: repl-failover: load failover-async-loses-writes; at 0': [/^125 #1 x=v1 \(e1\)\n125 have 1$/m, /ok #14/],
  'replication: repl-failover: load failover-async-loses-writes; at 290': [/crash A/, /B promoted to leader, epoch 2, with 9 entries/, /ok #15/],
  'replication: repl-failover: load failover-semisync-keeps-writes': [/ok #4/, absent('ok #5'), /B promoted to leader, epoch 2, with 9 entries/],
  'replication: repl-split: load split-brain': [/A pauses for 400 ms/, /B promoted to leader, epoch 2/, /ok #2[\s\S]*A wakes from its pause, unaware that time has passed[\s\S]*C accepts a write from A of old epoch 1 \(no fencing\)[\s\S]*ok #2/],
  'replication: repl-split: load fencing': [/C refuses 1 entry from A: epoch 1 < 2 \(fenced\)/, /A steps down: fenced by C \(epoch 2\)/, /write refused/],
  'replication: repl-lag: load read-your-writes': [/ok #1[\s\S]*c1 reads x[\s\S]*x=∅/],
  'replication: repl-lag: load monotonic-reads': [/c2 reads x[\s\S]*x=hello[\s\S]*c2 reads x[\s\S]*x=∅/],
  'replication: repl-lag: load session-token': [/read x \(≥ #1\)[\s\S]*x=hello/, absent('x=∅')],
  'replication: repl-crdt: load lww-loses-update; at 0': [/partition A \| B,C/, /A: like/, /B: like/, /A: add milk/, /B: add eggs/],
  'replication: repl-crdt: load lww-loses-update; at 200': [/heal all links/],
  'microservices: chain-lab: load sync-chain': [/S\d fails #(\d+)[\s\S]*client gets an error for #\1: S\d failed/],
  'microservices: deadline-lab: load fixed-timeouts-waste': [/client gives up on #(\d+) after 300 ms[\s\S]*client ignores a late answer for #\1: it had already given up/, absent('deadline')],
  'microservices: deadline-lab: load deadline-propagation': [/client calls S1 \(#\d+\), deadline t = \d+ ms/, /S1 stops #(\d+): deadline passed[\s\S]*S2 stops #\1: deadline passed[\s\S]*S3 stops #\1: deadline passed/],
  'microservices: fanout-lab': [/slowest of 100 leaves took/],
  'microservices: queue-lab: load queue-lag-drains': [/500 C2 stops taking messages/, /C2 resumes/],
  'microservices: queue-lab: load poison-to-dlq': [/producer publishes a poison message \((m\d+)\)[\s\S]*\1 is poison; the handler throws, no ack[\s\S]*visible again \(attempt 1 of 3\)[\s\S]*visible again \(attempt 2 of 3\)[\s\S]*\1 dead-lettered after 3 deliveries without an ack/],
  'microservices: outbox-lab: load dual-write-loses-event': [/order 2 committed; publishing next\n[\s\S]*crash service/, absent('publish e2')],
  'microservices: outbox-lab: load publish-first-ghost': [/service takes order 2: publishes first[\s\S]*event e2[\s\S]*crash service/, absent('order 2 committed')],
  'microservices: outbox-lab: load outbox-no-loss': [/order 2 and outbox row e2 committed together/, /relay publishes e2 from the outbox[\s\S]*ack e2 dropped \(node down\)[\s\S]*service restarts; the relay resumes from the database[\s\S]*relay publishes e2 from the outbox/, /consumer has already applied e2: duplicate skipped/],
};

/** What a trace must not contain anywhere (e.g. a second charge). */
function absent(text: string): RegExp {
  return new RegExp(`^(?![\\s\\S]*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`);
}

/** Run a widget's scenario (no cue) to `until` ms and return its state. */
function scenarioState(widget: string, scenario: string, until = 4000): any {
  const store = createLabStore(defs[widget], scenario);
  store.getState().seekTime(until);
  return store.getState().cursor.state;
}

/**
 * What the narration says a lab's results show that the trace does not spell out (a checker's
 * verdict, counts under the picture): checked on the cue's state with the lab's own functions.
 * `at(t)` is the cue's state at t ms; `scenario(id)` another scenario of the same lab at 4 s.
 */
type StateCheck = (at: (t: number) => any, scenario: (id: string, until?: number) => any) => void;
const expectedState: Record<string, StateCheck> = {
  'replication: repl-failover: load failover-async-loses-writes; at 290': (at) => expect(lostAckedWrites(at(4000))).toHaveLength(6),
  'replication: repl-failover: load failover-semisync-keeps-writes': (at, sc) => {
    expect(lostAckedWrites(at(4000))).toEqual([]);
    const acked = (s: any) => allOps(s).filter((o) => o.kind === 'write' && o.status === 'ok').length;
    expect(acked(at(4000))).toBeLessThan(acked(sc('failover-async-loses-writes')));
  },
  'replication: repl-split: load split-brain': (at) => expect(fencingCounts(at(4000)).staleAccepted).toBeGreaterThan(0),
  'replication: repl-split: load fencing': (at) => expect(fencingCounts(at(4000))).toEqual({ staleAccepted: 0, refused: 1 }),
  'replication: repl-lag: load read-your-writes': (at) => expect(checkHistory(historyOf(at(4000))).map((v) => v.kind)).toContain('read-your-writes'),
  'replication: repl-lag: load monotonic-reads': (at) => expect(checkHistory(historyOf(at(4000))).map((v) => v.kind)).toContain('monotonic-reads'),
  'replication: repl-lag: load session-token': (at) => expect(checkHistory(historyOf(at(4000)))).toEqual([]),
  'replication: repl-crdt: load lww-loses-update; at 200': (at) => {
    const s = at(4000);
    expect(crdtAgreement(s)).toEqual({ lww: true, crdt: true });
    for (const r of crdtRows(s)) expect([r.lww, r.cartLww.split(', ').length, r.g, r.cartOr]).toEqual([1, 1, 2, 'eggs, milk']);
  },
  'microservices: chain-lab: load sync-chain': (at) => {
    const m = chainModel(at(4000));
    expect(m.expectedAvailability).toBeCloseTo(0.95 ** 3);
    expect(m.failed).toBeGreaterThan(0);
  },
  'microservices: deadline-lab: load fixed-timeouts-waste': (at) => {
    const m = chainModel(at(4000));
    expect(m.startedAfterGiveUp).toBeGreaterThan(0);
    expect(m.wastedMs).toBeGreaterThan(0);
  },
  'microservices: deadline-lab: load deadline-propagation': (at, sc) => {
    const m = chainModel(at(4000));
    expect([m.startedAfterGiveUp, m.wastedMs]).toEqual([0, 0]);
    expect(m.ok).toBeGreaterThan(chainModel(sc('fixed-timeouts-waste')).ok);
  },
  'microservices: fanout-lab: load fanout-tail': (at) => {
    const m = fanoutModel(at(4000));
    expect(m.closedForm).toBeCloseTo(1 - 0.99 ** 100);
    expect(m.slowShare).toBeGreaterThan(0.55);
    expect(m.slowShare).toBeLessThan(0.75);
  },
  'microservices: fanout-lab: load hedged-requests': (at) => {
    const m = fanoutModel(at(4000));
    expect(m.extraRequestFraction).toBeGreaterThan(0.04);
    expect(m.extraRequestFraction).toBeLessThan(0.06);
    expect(m.slowShare).toBeLessThan(0.05);
  },
  'microservices: fanout-lab: load tied-requests': (at) => {
    const m = fanoutModel(at(4000));
    expect(m.extraRequestFraction).toBe(1);
    expect(m.extraWorkFraction).toBeLessThan(0.01);
  },
  'microservices: queue-lab: load queue-lag-drains': (at) => {
    const lag = (t: number) => queueModel(at(t)).counts.lag;
    expect(lag(2500)).toBeGreaterThan(3 * lag(500));
    expect(lag(4000)).toBeLessThan(lag(2500));
  },
  'microservices: queue-lab: load poison-to-dlq': (at) => expect(queueModel(at(4000)).dlq).toHaveLength(1),
  'microservices: outbox-lab: load dual-write-loses-event': (at) => expect(outboxModel(at(4000)).counts.lostIds).toEqual([2]),
  'microservices: outbox-lab: load publish-first-ghost': (at) => expect(outboxModel(at(4000)).counts.ghostIds).toEqual([2]),
  'microservices: outbox-lab: load outbox-no-loss': (at) => {
    const c = outboxModel(at(4000)).counts;
    expect([c.lost, c.ghosts, c.duplicates, c.doubleApplied]).toEqual([0, 0, 1, 0]);
  },
};

describe('narration lab cues', () => {
  for (const file of listScripts(content)) {
    const tl = buildNarration(file, { manifests: widgetManifests, cwd: root, contentRoot: content });
    for (const cue of tl.cues) {
      if (cue.kind !== 'lab') continue;
      it(`${tl.chapter}: ${cue.label}`, () => {
        const a = run(cue.widget, cue.cue, 0);
        const b = run(cue.widget, cue.cue, 0);
        expect(a.errors).toEqual([]);
        expect(b.log).toEqual(a.log);
        expect(b.trace).toEqual(a.trace);
        const key = Object.keys(expected).find((k) => `${tl.chapter}: ${cue.label}`.startsWith(k));
        expect(key, 'add what this cue must show to `expected`').toBeDefined();
        const end = run(cue.widget, cue.cue, 4000).trace.join('\n');
        for (const re of expected[key!]) expect(end).toMatch(re);
        const stateKey = Object.keys(expectedState).find((k) => `${tl.chapter}: ${cue.label}`.startsWith(k));
        if (stateKey) expectedState[stateKey]((t) => run(cue.widget, cue.cue, t).state, (id, until) => scenarioState(cue.widget, id, until));
        if (process.env.DUMP) {
          const r = run(cue.widget, cue.cue, Number(process.env.DUMP) || 3000);
          const raw = (r.state as { events?: unknown }).events;
          const events = Array.isArray(raw) ? raw : [];
          console.log(`\n### ${cue.label}\n${r.trace.join('\n')}\n${events.map((e) => JSON.stringify(e)).join('\n')}`);
        }
      });
    }
  }
});
