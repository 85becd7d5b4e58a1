/**
 * The imperative shell around `player-state.ts`: owns one state value, advances it on clock frames,
 * and tells subscribers what happened (cues fired, labs to restore, end reached). The UI subscribes;
 * tests drive it with a manual clock.
 */
import type { PlayerClock } from './clock.ts';
import * as P from './player-state.ts';
import type { LabTimelineCue, CompiledNarration, TimelineCue } from '../types.ts';

/** Something subscribers react to. `state` is sent after every change. */
export type PlayerNotice =
  | { readonly type: 'state'; readonly state: P.PlayerState }
  | { readonly type: 'cue'; readonly cue: TimelineCue }
  | { readonly type: 'restore'; readonly labs: readonly LabTimelineCue[]; readonly focus: TimelineCue | null }
  | { readonly type: 'ended'; readonly next: CompiledNarration['next'] };

/** The player's public API. */
export interface Player {
  readonly timeline: CompiledNarration;
  getState(): P.PlayerState;
  subscribe(listener: (n: PlayerNotice) => void): () => void;
  play(): void;
  pause(): void;
  toggle(): void;
  seek(t: number): void;
  setRate(rate: number): void;
  previousSegment(): void;
  nextSegment(): void;
  /** Stop the frame loop and drop listeners. */
  dispose(): void;
}

/** Create a player over a compiled timeline, driven by `clock`. */
export function createPlayer(timeline: CompiledNarration, clock: PlayerClock, initial: P.PlayerState = P.initialPlayerState()): Player {
  let state = initial;
  let last = 0;
  let cancelFrame: (() => void) | null = null;
  const listeners = new Set<(n: PlayerNotice) => void>();
  const emit = (n: PlayerNotice) => {
    for (const l of [...listeners]) l(n);
  };
  const set = (next: P.PlayerState) => {
    if (next === state) return;
    state = next;
    emit({ type: 'state', state });
  };

  const frame = () => {
    cancelFrame = null;
    if (!state.playing) return;
    const now = clock.now();
    const dt = (now - last) / 1000;
    last = now;
    const result = P.advance(state, timeline, dt);
    // State first, so a cue handler that reads the player sees the position of its own cue.
    set(result.state);
    for (const cue of result.fired) emit({ type: 'cue', cue });
    if (result.ended) emit({ type: 'ended', next: timeline.next });
    if (state.playing) schedule();
  };
  const schedule = () => {
    if (!cancelFrame) cancelFrame = clock.nextFrame(frame);
  };
  const stopLoop = () => {
    cancelFrame?.();
    cancelFrame = null;
  };

  const api: Player = {
    timeline,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    play() {
      if (state.playing) return;
      const restart = state.holdingStop === null && (state.ended || state.position >= timeline.duration);
      set(P.play(state, timeline));
      // Starting over puts every lab back to its scenario's initial state.
      if (restart) emit({ type: 'restore', labs: P.labStateAt(timeline, -1), focus: null });
      last = clock.now();
      // Fire cues sitting exactly at the current position (e.g. at 0) without waiting a frame.
      const result = P.advance(state, timeline, 0);
      set(result.state);
      for (const cue of result.fired) emit({ type: 'cue', cue });
      if (result.ended) emit({ type: 'ended', next: timeline.next });
      if (state.playing) schedule();
    },
    pause() {
      stopLoop();
      set(P.pause(state));
    },
    toggle() {
      if (state.playing) api.pause();
      else api.play();
    },
    seek(t) {
      const result = P.seek(state, timeline, t);
      last = clock.now();
      set(result.state);
      emit({ type: 'restore', labs: result.restore, focus: result.focus });
    },
    setRate(rate) {
      // Account for time elapsed at the old rate before switching.
      if (state.playing) {
        stopLoop();
        frame();
      }
      set(P.setRate(state, rate));
    },
    previousSegment() {
      api.seek(P.previousSegmentStart(timeline, state.position));
    },
    nextSegment() {
      api.seek(P.nextSegmentStart(timeline, state.position));
    },
    dispose() {
      stopLoop();
      listeners.clear();
    },
  };
  return api;
}
