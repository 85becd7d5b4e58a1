/**
 * What a lab's polite live region says, derived from the store's state before and after each change
 * (the store subscribes this to itself), so the actions only change state. Actions speak for
 * themselves only when nothing changed that could be described: a rejected action, a step at either
 * end of the run.
 */
import type { TraceEntry } from '../../sim/core';
import type { LabDefinition } from './definition';
import { timeScaleOf } from './pace';

/** How often (real ms) playback may update the live region, so screen readers are not flooded. */
export const ANNOUNCE_EVERY_MS = 3000;
/** Trace kinds worth announcing during playback (not every send and delivery). */
const NOTABLE = new Set(['note', 'action', 'partition', 'heal', 'crash', 'restart', 'timer']);

/** Short sentence listing trace entries for the live region. */
export function describeEntries(entries: readonly TraceEntry[]): string {
  if (entries.length === 0) return '';
  const shown = entries.slice(-3).map((e) => `t=${Math.round(e.t)} ms: ${e.label}`);
  const more = entries.length > 3 ? ` (and ${entries.length - 3} earlier events)` : '';
  return shown.join('. ') + more + '.';
}

/**
 * One thing for the live region to say. `lead` is not null when the sentence reports a move through
 * the run (a step, an action, a seek, playback): a lab with a step caption then says `lead` followed
 * by its caption instead of `text` (LabFrame, `useLiveSentence`), so what is heard is what is shown.
 */
export interface Announced {
  readonly text: string;
  readonly lead: string | null;
}

const say = (text: string): Announced => ({ text, lead: null });
const moved = (text: string, lead: string): Announced => ({ text, lead });

/** The part of a lab store's state the announcer reads. */
export interface AnnouncedState {
  readonly mechanism: { now(s: unknown): number; trace(s: unknown): readonly TraceEntry[]; readonly id: string };
  readonly scenarioId: string;
  readonly loaded: number;
  readonly seed: number;
  readonly params: unknown;
  readonly log: readonly unknown[];
  readonly cursor: { readonly state: unknown; readonly steps: number };
  readonly playing: boolean;
  readonly speed: number;
}

/**
 * An announcer for one lab instance: `(prev, next) → what to say`, or null when nothing worth saying
 * changed. It keeps only playback bookkeeping (real time since the last summary, trace announced).
 */
export function createAnnouncer(def: Pick<LabDefinition, 'mechanisms' | 'hop'>) {
  let sincePlaybackSummary = 0;
  let announcedUpTo = 0;
  const title = (s: AnnouncedState) => {
    for (const m of def.mechanisms) for (const sc of m.scenarios) if (sc.id === s.scenarioId) return sc.title;
    return s.scenarioId;
  };
  const now = (s: AnnouncedState) => s.mechanism.now(s.cursor.state);
  const at = (s: AnnouncedState) => `t=${Math.round(now(s))} ms`;
  /** What happened between two cursors of one run, reader-paced (a step, an action). */
  const events = (prev: AnnouncedState, next: AnnouncedState) => {
    const before = next.cursor.steps >= prev.cursor.steps ? prev.mechanism.trace(prev.cursor.state).length : 0;
    const fresh = next.mechanism.trace(next.cursor.state).slice(before);
    // A step that wrote nothing to the trace (a model's internal event) still moved the run.
    return fresh.length ? moved(describeEntries(fresh), '') : moved(`At ${at(next)}.`, `At ${at(next)}: `);
  };
  const steppedBack = (prev: AnnouncedState, next: AnnouncedState) => {
    const undone = prev.mechanism.trace(prev.cursor.state).slice(next.mechanism.trace(next.cursor.state).length);
    return moved(`Stepped back to ${at(next)}${undone.length ? `, undoing: ${undone.map((e) => e.label).join('; ')}` : ''}.`, `Stepped back to ${at(next)}. `);
  };
  const startPlayback = (s: AnnouncedState) => {
    sincePlaybackSummary = 0;
    announcedUpTo = s.mechanism.trace(s.cursor.state).length;
  };

  const jumped = (s: AnnouncedState) => moved(`At ${at(s)}, after ${s.cursor.steps} events.`, `At ${at(s)}: `);

  return (prev: AnnouncedState, next: AnnouncedState): Announced | null => {
    const cursorMoved = next.cursor !== prev.cursor;
    const dSteps = next.cursor.steps - prev.cursor.steps;
    if (next.loaded !== prev.loaded) {
      if (next.cursor.steps > 0 || now(next) > 0) return jumped(next);
      return say(next.scenarioId !== prev.scenarioId || next.mechanism !== prev.mechanism ? `Loaded scenario: ${title(next)}.` : `Reset to the start of: ${title(next)}.`);
    }
    if (next.seed !== prev.seed) return say(`Seed ${next.seed}; replayed to ${at(next)}.`);
    if (next.params !== prev.params) return say(`Settings changed; replayed to ${at(next)}.`);
    if (next.log !== prev.log) return events(prev, next);
    if (!prev.playing && next.playing) {
      startPlayback(next);
      return say('Playing.');
    }
    if (prev.playing && !next.playing) {
      sincePlaybackSummary = 0;
      if (!cursorMoved) return say(`Paused at ${at(next)}.`);
      if (dSteps === 1) return events(prev, next);
      if (dSteps < 0) return dSteps === -1 ? steppedBack(prev, next) : jumped(next);
      // Playback reached the scenario's stop or the end of the timeline.
      return moved(`Paused at ${at(next)}. ${describeEntries(next.mechanism.trace(next.cursor.state).slice(-1))}`, `Paused at ${at(next)}. `);
    }
    if (next.speed !== prev.speed) return say(`Speed ${next.speed}×.`);
    if (!cursorMoved) return null;
    if (next.playing && dSteps >= 0 && now(next) >= now(prev)) {
      // Playback moving forward: summarise what mattered at most every few real seconds.
      sincePlaybackSummary += (now(next) - now(prev)) / (next.speed * timeScaleOf(def, next.mechanism.id));
      if (sincePlaybackSummary < ANNOUNCE_EVERY_MS) return null;
      sincePlaybackSummary = 0;
      const all = next.mechanism.trace(next.cursor.state);
      const fresh = all.slice(announcedUpTo > all.length ? 0 : announcedUpTo).filter((e) => NOTABLE.has(e.kind));
      announcedUpTo = all.length;
      return fresh.length ? moved(describeEntries(fresh), '') : null;
    }
    if (dSteps === 1) return events(prev, next);
    if (dSteps === -1) return steppedBack(prev, next);
    return jumped(next);
  };
}
