/**
 * The narration player as pure functions over plain state: no clock, no DOM.
 * Time only moves through `advance(state, timeline, realSeconds)`, so a manual clock in tests and
 * `requestAnimationFrame` for readers drive exactly the same logic. Seeking is "restore, don't replay
 * the narration": the labs' state at time t is the latest lab cue at or before t, because each cue
 * rebuilds its lab from its scenario (docs/ARCHITECTURE.md, "Narration ↔ labs contract").
 */
import type { LabTimelineCue, CompiledNarration, TimelineCue } from '../types.ts';

/** Slowest and fastest playback rates offered to readers. */
export const MIN_RATE = 0.75;
/** See `MIN_RATE`. */
export const MAX_RATE = 2;

/** Where the player is and what it is doing. */
export interface PlayerState {
  /** Narration time in seconds (at 1× scale). */
  readonly position: number;
  readonly playing: boolean;
  readonly rate: number;
  /** Index of the first cue that has not fired yet. */
  readonly nextCue: number;
  /** Index of the stop cue holding the player, while it waits for the reader. */
  readonly holdingStop: number | null;
  readonly ended: boolean;
}

/** The state before the reader presses play. */
export function initialPlayerState(rate = 1): PlayerState {
  return { position: 0, playing: false, rate: clampRate(rate), nextCue: 0, holdingStop: null, ended: false };
}

/** Clamp a requested rate into [MIN_RATE, MAX_RATE]; non-numbers become 1×. */
export function clampRate(rate: number): number {
  if (!Number.isFinite(rate)) return 1;
  return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
}

/** Result of moving time forward. */
export interface Advance {
  readonly state: PlayerState;
  /** Cues crossed, in timeline order; a stop cue is always last. */
  readonly fired: readonly TimelineCue[];
  /** True when this step reached the end of the chapter. */
  readonly ended: boolean;
}

/** Move narration time forward by `realSeconds × rate`, firing crossed cues in order and halting on a stop cue. */
export function advance(state: PlayerState, tl: CompiledNarration, realSeconds: number): Advance {
  if (!state.playing || realSeconds < 0) return { state, fired: [], ended: false };
  const target = Math.min(tl.duration, state.position + realSeconds * state.rate);
  const fired: TimelineCue[] = [];
  let next = state.nextCue;
  while (next < tl.cues.length && tl.cues[next].time <= target) {
    const cue = tl.cues[next];
    fired.push(cue);
    next++;
    if (cue.kind === 'stop') {
      return { state: { ...state, position: cue.time, playing: false, nextCue: next, holdingStop: next - 1 }, fired, ended: false };
    }
  }
  if (target >= tl.duration) {
    return { state: { ...state, position: tl.duration, playing: false, nextCue: next, ended: true }, fired, ended: true };
  }
  return { state: { ...state, position: target, nextCue: next }, fired, ended: false };
}

/** Start or resume; from the end, start over. Releases a held stop cue. */
export function play(state: PlayerState, tl: CompiledNarration): PlayerState {
  if (state.playing) return state;
  // A stop cue at the very end holds the player at `duration`; resuming must finish, not restart.
  if (state.holdingStop === null && (state.ended || state.position >= tl.duration)) return { ...initialPlayerState(state.rate), playing: true };
  return { ...state, playing: true, holdingStop: null };
}

/** Pause without losing the place. */
export function pause(state: PlayerState): PlayerState {
  return state.playing ? { ...state, playing: false } : state;
}

/** Change the rate, clamped. */
export function setRate(state: PlayerState, rate: number): PlayerState {
  return { ...state, rate: clampRate(rate) };
}

/** What the page must show after a seek. */
export interface Seek {
  readonly state: PlayerState;
  /** For each lab driven so far, its latest cue at or before t (apply these to restore the labs). */
  readonly restore: readonly LabTimelineCue[];
  /** The latest visual cue at or before t, to scroll into view. */
  readonly focus: TimelineCue | null;
}

/** First cue index with time strictly after t (binary search; cues are sorted). */
function firstCueAfter(tl: CompiledNarration, t: number): number {
  let lo = 0;
  let hi = tl.cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tl.cues[mid].time <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A cue that shows a lab's initial scenario, for labs whose first cue lies after the seek target. */
export function initialLabCue(lab: CompiledNarration['labs'][number]): LabTimelineCue {
  return { kind: 'lab', time: 0, line: 0, target: lab.id, widget: lab.widget, cue: { scenario: lab.scenario, commands: [] }, label: `${lab.id}: load ${lab.scenario}` };
}

/**
 * The state every driven lab must show at time t: its latest cue at or before t, or its initial
 * scenario if its first cue comes later. Labs without cues are left alone.
 */
export function labStateAt(tl: CompiledNarration, t: number): LabTimelineCue[] {
  const latest = new Map<string, LabTimelineCue>();
  for (const lab of tl.labs ?? []) latest.set(lab.id, initialLabCue(lab));
  const end = firstCueAfter(tl, t);
  for (let i = 0; i < end; i++) {
    const c = tl.cues[i];
    if (c.kind === 'lab') {
      latest.delete(c.target);
      latest.set(c.target, c);
    }
  }
  return [...latest.values()];
}

/**
 * Jump to time t (clamped). Cues at or before t count as done: labs are restored from their latest cue
 * instead of replaying every cue, and stop cues already passed do not interrupt again.
 */
export function seek(state: PlayerState, tl: CompiledNarration, t: number): Seek {
  const position = Number.isFinite(t) ? Math.min(tl.duration, Math.max(0, t)) : 0;
  const nextCue = firstCueAfter(tl, position);
  let focus: TimelineCue | null = null;
  for (let i = nextCue - 1; i >= 0; i--) {
    if (tl.cues[i].kind !== 'stop') {
      focus = tl.cues[i];
      break;
    }
  }
  return {
    state: { ...state, position, nextCue, holdingStop: null, ended: false },
    restore: labStateAt(tl, position),
    focus,
  };
}

function lastIndexAtOrBefore<T extends { start: number }>(items: readonly T[], t: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Index of the sentence being said at t (the last one that started), or -1 before the first. */
export function sentenceAt(tl: CompiledNarration, t: number): number {
  const i = lastIndexAtOrBefore(tl.sentences, t);
  return i >= 0 && t >= tl.duration && tl.sentences.length ? tl.sentences.length - 1 : i;
}

/** Index of the segment containing t (clamped to the last one at the end). */
export function segmentAt(tl: CompiledNarration, t: number): number {
  return Math.max(0, lastIndexAtOrBefore(tl.segments, Math.min(t, tl.duration)));
}

/**
 * Where "previous segment" goes: the start of the current segment, unless we are within its first
 * two seconds, in which case the start of the one before (the convention of media players).
 */
export function previousSegmentStart(tl: CompiledNarration, t: number): number {
  const i = segmentAt(tl, t);
  if (i < 0 || tl.segments.length === 0) return 0;
  if (t - tl.segments[i].start > 2 || i === 0) return tl.segments[i].start;
  return tl.segments[i - 1].start;
}

/** Where "next segment" goes: the start of the following segment, or the end. */
export function nextSegmentStart(tl: CompiledNarration, t: number): number {
  const i = segmentAt(tl, t);
  return i + 1 < tl.segments.length ? tl.segments[i + 1].start : tl.duration;
}

/** A key-concept card a stop cue is holding on. */
export interface StopCard {
  readonly id: string;
  /** The card's visible title (its id when the card is missing from the page). */
  readonly title: string;
}

/**
 * What the narration session is doing, as the bar shows it. Exactly one at a time, so the bar never
 * shows two contradictory notices (a stop card and an end-of-chapter countdown, say).
 * - `idle`: opened or positioned, never played;
 * - `playing` / `paused`: the reader's play/pause;
 * - `stopCard`: a stop cue holds the player on a key-concept card until the reader resumes;
 * - `takenOver`: the reader used a lab's controls; resuming puts that lab back on script;
 * - `ended`: the chapter's narration finished;
 * - `autoNext`: finished, and counting down to continue into the next chapter.
 */
export type Session =
  | { readonly status: 'idle' }
  | { readonly status: 'playing' }
  | { readonly status: 'paused' }
  | { readonly status: 'stopCard'; readonly card: StopCard }
  | { readonly status: 'takenOver'; readonly lab: string }
  | { readonly status: 'ended' }
  | { readonly status: 'autoNext'; readonly secondsLeft: number };

/** Things that happen to a session: player notices, lab takeovers and the countdown's ticks. */
export type SessionEvent =
  | { readonly type: 'played' }
  | { readonly type: 'paused' }
  /** A seek restored the labs: a held card or the end-of-chapter notice no longer applies. */
  | { readonly type: 'restored' }
  | { readonly type: 'stopCue'; readonly card: StopCard }
  | { readonly type: 'takeover'; readonly lab: string }
  | { readonly type: 'ended' }
  | { readonly type: 'countdown'; readonly seconds: number }
  | { readonly type: 'tick' }
  /** The reader chose to stay on this chapter: the countdown stops. */
  | { readonly type: 'stay' }
  /** The bar was closed: nothing is held or counting down any more (a takeover is remembered). */
  | { readonly type: 'closed' };

/** The session before anything happened. */
export const IDLE: Session = { status: 'idle' };

/** The next session after an event (pure; unknown transitions leave the session as it is). */
export function sessionReducer(s: Session, e: SessionEvent): Session {
  switch (e.type) {
    case 'played':
      return s.status === 'playing' ? s : { status: 'playing' };
    case 'paused':
      // A stop cue, a takeover or the end explain the pause better than a plain "paused".
      return s.status === 'playing' ? { status: 'paused' } : s;
    case 'restored':
      return s.status === 'stopCard' || s.status === 'ended' || s.status === 'autoNext' ? { status: 'paused' } : s;
    case 'stopCue':
      return { status: 'stopCard', card: e.card };
    case 'takeover':
      return { status: 'takenOver', lab: e.lab };
    case 'ended':
      return { status: 'ended' };
    case 'countdown':
      return s.status === 'ended' ? { status: 'autoNext', secondsLeft: e.seconds } : s;
    case 'tick':
      return s.status === 'autoNext' ? { status: 'autoNext', secondsLeft: Math.max(0, s.secondsLeft - 1) } : s;
    case 'stay':
      return s.status === 'autoNext' ? { status: 'ended' } : s;
    case 'closed':
      return s.status === 'idle' || s.status === 'paused' || s.status === 'takenOver' ? s : { status: 'paused' };
  }
}

/** The bar's `data-status` (a stable attribute that tests and styles read). */
export function barStatus(s: Session): 'playing' | 'paused' | 'stopped' | 'ended' {
  switch (s.status) {
    case 'playing':
      return 'playing';
    case 'stopCard':
      return 'stopped';
    case 'ended':
    case 'autoNext':
      return 'ended';
    default:
      return 'paused';
  }
}
