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
