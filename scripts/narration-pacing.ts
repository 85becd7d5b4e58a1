/**
 * Narration pacing report: for every lab cue that plays a lab, what the lab shows while each of the
 * following sentences is spoken. The cue is applied to the lab's real store (as the page does), then
 * the store is ticked in wall-clock steps at the cue's speed and the lab's pace (shared/pace.ts),
 * honouring the cue's hold; each sentence lists the lab's virtual time when it starts and ends and
 * the trace entries that appear meanwhile. Read it to check that the picture neither runs ahead of
 * the sentence nor lags behind it (issue 12). Not a test: it prints, you judge.
 *
 * Usage: npx tsx scripts/narration-pacing.ts [chapter-slug…] [--entries=6]
 */
import { resolve } from 'node:path';
import { buildNarration, listScripts } from '../src/narration/compile/build.ts';
import type { LabTimelineCue, TimelineCue } from '../src/narration/types.ts';
import { labDefinitions, widgetManifests } from '../src/widgets/manifest.ts';
import { timeScaleOf } from '../src/widgets/shared/pace.ts';
import { createLabStore, cursorTime, type LabDefinition } from '../src/widgets/shared/store.ts';
import { applyCueToStore } from '../src/widgets/shared/useMechanismLab.ts';

const root = resolve(import.meta.dirname, '..');
const content = resolve(root, 'content');
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const maxEntries = Number(args.find((a) => a.startsWith('--entries='))?.split('=')[1] ?? 6);
const defs = new Map<string, LabDefinition>(labDefinitions.map((d) => [d.widget, d]));
const FRAME_MS = 50;

/** The lab's store after the cue, and a function that plays it forward to a wall-clock offset (seconds). */
function playCue(cue: LabTimelineCue) {
  const def = defs.get(cue.widget)!;
  const store = createLabStore(def, cue.cue.scenario);
  store.getState().setDriver('narration');
  applyCueToStore(def, store, cue.cue);
  let wall = 0;
  return {
    def,
    store,
    /** Advance to `seconds` after the cue fired; returns the virtual time reached. */
    to(seconds: number): number {
      while (wall < seconds * 1000 && store.getState().playing) {
        const step = Math.min(FRAME_MS, seconds * 1000 - wall);
        store.getState().tick(step);
        wall += step;
        const hold = cue.cue.hold;
        if (hold !== undefined && cursorTime(store.getState()) >= hold) {
          store.getState().seekTime(hold);
          store.getState().pause();
        }
      }
      wall = Math.max(wall, seconds * 1000);
      return cursorTime(store.getState());
    },
  };
}

const fmt = (ms: number) => `${Math.round(ms)}`;

for (const file of listScripts(content)) {
  const tl = buildNarration(file, { manifests: widgetManifests, cwd: root, contentRoot: content });
  if (only.length && !only.includes(tl.chapter)) continue;
  console.log(`\n=== ${tl.chapter}`);
  const cues: readonly TimelineCue[] = tl.cues;
  cues.forEach((c, i) => {
    if (c.kind !== 'lab' || !c.cue.play) return;
    const next = cues.slice(i + 1).find((d) => d.time > c.time);
    const seg = tl.segments.find((s) => s.start <= c.time && c.time < s.end);
    const until = Math.min(next?.time ?? Infinity, seg?.end ?? Infinity, tl.duration);
    const sentences = tl.sentences.filter((s) => s.start >= c.time - 1e-6 && s.start < until);
    const lab = playCue(c);
    const mech = lab.store.getState().mechanism;
    const rate = (c.cue.speed ?? 1) * timeScaleOf(lab.def, mech.id);
    console.log(`\n-- line ${c.line} ${c.target}: ${c.label}`);
    console.log(`   speed ${c.cue.speed ?? 1}× → ${(rate * 1000).toFixed(1)} virtual ms per wall s${c.cue.hold !== undefined ? `, hold ${c.cue.hold}` : ''}; starts at ${fmt(cursorTime(lab.store.getState()))} ms`);
    let seen = mech.trace(lab.store.getState().cursor.state).length;
    for (const s of sentences) {
      const a = lab.to(s.start - c.time);
      const b = lab.to(s.end - c.time);
      const trace = mech.trace(lab.store.getState().cursor.state);
      const fresh = trace.slice(seen).map((e) => `${fmt(e.t)} ${e.label}`);
      seen = trace.length;
      console.log(`   [${s.start.toFixed(1)}–${s.end.toFixed(1)} s] lab ${fmt(a)}→${fmt(b)} ms  "${s.text.length > 110 ? `${s.text.slice(0, 107)}…` : s.text}"`);
      for (const line of fresh.slice(0, maxEntries)) console.log(`        · ${line}`);
      if (fresh.length > maxEntries) console.log(`        · … ${fresh.length - maxEntries} more`);
    }
  });
}
