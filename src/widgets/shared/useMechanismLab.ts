/**
 * The one hook a lab needs: it creates the lab's store (once per instance), restores a shared
 * link from the URL after hydration, drives playback with requestAnimationFrame (virtual time
 * only moves here, never inside a core), and registers the lab on the narration bus.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { labBus, type LabCue, type LabHandle } from './labBus';
import type { Tagged } from '../../sim/core';
import type { AnyAction, LabDefinition, LabProps } from './definition';
import { createLabStore, cursorTime, defaultScenario, findScenario, runTimeLimit, type LabStore, type LabStoreState } from './store';
import {
  MAX_LINK_LENGTH,
  decodeAnyMoment,
  decodeRunFile,
  encodeMomentCompressed,
  linkWithMoment,
  readMomentParam,
  runFileText,
  type LinkLimits,
  type SharedMoment,
} from './urlState';
import { usePrefersReducedMotion } from './usePrefersReducedMotion';

/** Reader-facing controls: each one also tells the narration player the reader took over. */
export interface ReaderControls {
  togglePlay(): void;
  stepForward(): void;
  stepBack(): void;
  seekTime(t: number): void;
  setSpeed(s: number): void;
  reset(): void;
  setSeed(seed: number): void;
  setParams(raw: unknown): void;
  act(action: Tagged | AnyAction): void;
  loadScenario(id: string): void;
}

/** Everything a lab component gets back from `useMechanismLab` (typed by the definition's `S` and `P`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface LabInstance<S = any, P = any> {
  readonly def: LabDefinition<S, P>;
  readonly store: LabStore<S, P>;
  /** Instance id on the page (also the DOM id of the lab's root). */
  readonly id: string;
  readonly rootRef: React.RefObject<HTMLElement | null>;
  readonly reader: ReaderControls;
  /** True after the first client effect; false on the server and during hydration. */
  readonly hydrated: boolean;
  readonly reducedMotion: boolean;
  /**
   * Build the shareable link for the current moment (client only), compressed. `tooLong` when it is
   * over `MAX_LINK_LENGTH` characters: hosts refuse such request lines, so offer `downloadRun` instead.
   */
  shareLink(): Promise<{ link: string; tooLong: boolean }>;
  /** The current run as a small JSON file's text (the same state a link carries). */
  runFile(): string;
  /** Load a run file's text, validated as a link is; returns an error sentence, or null when it loaded. */
  openRun(text: string): string | null;
}

/** Subscribe to a slice of a lab's store (selectors must return stable values). */
export function useLab<T, S, P>(lab: { readonly store: LabStore<S, P> }, selector: (s: LabStoreState<S, P>) => T): T {
  return useStore(lab.store, selector);
}

/** Apply a narration cue to a store: load from scratch, then commands, then seek/play. Deterministic. */
export function applyCueToStore<S, P>(def: LabDefinition<S, P>, store: LabStore<S, P>, cue: LabCue): string[] {
  const errors: string[] = [];
  const s = () => store.getState();
  s().loadScenario(cue.scenario);
  for (const cmd of cue.commands) {
    if (cmd.name === 'load') s().loadScenario(cmd.args[0] ?? cue.scenario);
    else if (cmd.name === 'play') s().play();
    else if (cmd.name === 'pause') s().pause();
    else if (cmd.name === 'seek') {
      const t = Number(cmd.args[0]);
      if (Number.isFinite(t)) s().seekTime(t);
      else errors.push(`seek needs a time in ms, got "${cmd.args[0]}"`);
    } else {
      const make = def.commands?.[cmd.name];
      const made = make ? make(cmd.args, s().cursor.state) : `unknown command "${cmd.name}"`;
      if (typeof made === 'string') errors.push(made);
      else s().act(made);
    }
  }
  if (cue.at !== undefined) s().seekTime(cue.at);
  // Narration paces the lab: each cue states its speed, so seeking back restores it too.
  const speed = cue.speed ?? 1;
  if (s().speed !== speed) s().setSpeed(speed);
  if (cue.hold !== undefined && cursorTime(s()) >= cue.hold) {
    if (cursorTime(s()) > cue.hold) s().seekTime(cue.hold);
    s().pause();
    return errors;
  }
  if (cue.play) s().play();
  else if (!cue.commands.some((c) => c.name === 'play')) s().pause();
  return errors;
}

/**
 * Enforce a cue's `hold`: once playback reaches `t`, pause exactly there. Ends when the lab stops
 * playing or the reader takes over. Returns the function that stops watching.
 */
export function holdAt(store: LabStore, t: number): () => void {
  const off = store.subscribe((st) => {
    if (st.driver !== 'narration') return off();
    if (!st.playing || cursorTime(st) < t) return;
    off();
    // The last frame may overshoot by a few ms; replaying to t (from the snapshot cache) is exact.
    if (cursorTime(st) > t) st.seekTime(t);
    store.getState().pause();
  });
  return off;
}

/** Wall-clock budget of one restore slice: well inside a frame, so a long link never makes a long task. */
export const RESTORE_SLICE_MS = 8;

/**
 * What a link to this lab may ask for: the same limits its controls allow. Playing stops at the
 * run's time limit (`runTimeLimit`: four times the longest of the lab's duration and its scenarios'
 * own stops and actions), so a link may point (and hold actions) no further.
 */
export function linkLimits<S, P>(def: LabDefinition<S, P>): LinkLimits {
  return {
    maxTime: (mechId, params) => runTimeLimit(def, mechId, params as P),
    maxSteps: 200_000,
  };
}

/** Create and wire one lab instance. Call once at the top of a lab component. */
export function useMechanismLab<S, P>(def: LabDefinition<S, P>, props: LabProps): LabInstance<S, P> {
  const [store] = useState(() => createLabStore(def, props.scenario));
  const id = props.id ?? (findScenario(def, props.scenario) ? props.scenario! : defaultScenario(def).scenario.id);
  const rootRef = useRef<HTMLElement | null>(null);
  const [hydrated, setHydrated] = useState(false);
  const reducedMotion = usePrefersReducedMotion();
  const playing = useStore(store, (s) => s.playing);
  const restoring = useStore(store, (s) => s.restoring !== null);

  // Restore a shared link only after hydration: the first render must match the server's poster.
  useEffect(() => {
    setHydrated(true);
    const firstLog = store.getState().log;
    const raw = readMomentParam(window.location.search, id);
    if (raw === null) return;
    let live = true;
    void decodeAnyMoment(raw, def.mechanisms, linkLimits(def)).then((decoded) => {
      // The reader may have acted (or the lab unmounted) while a compressed link was inflating.
      if (!live || store.getState().loaded > 0 || store.getState().log !== firstLog) return;
      if (decoded.ok) store.getState().beginMoment(decoded.moment, decoded.problems);
      else {
        store.getState().loadScenario(props.scenario ?? defaultScenario(def).scenario.id);
        store.getState().setProblems([`${decoded.error} Showing the default scenario instead.`]);
      }
    });
    return () => {
      live = false;
    };
    // Mount-only: the URL is read once; later changes come from the reader.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A shared moment far into a run is replayed a slice per frame (progress and cancel in LabFrame).
  useEffect(() => {
    if (!restoring) return;
    let raf = requestAnimationFrame(function frame() {
      if (!store.getState().continueRestore(RESTORE_SLICE_MS)) raf = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(raf);
  }, [restoring, store]);

  // Playback: requestAnimationFrame moves the cursor in virtual time. With reduced motion the
  // cursor jumps twice a second instead of gliding.
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let acc = 0;
    let raf = requestAnimationFrame(function frame(now) {
      const dt = Math.min(100, Math.max(0, now - last));
      last = now;
      acc += dt;
      if (!reducedMotion || acc >= 500) {
        store.getState().tick(acc);
        acc = 0;
      }
      if (store.getState().playing) raf = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(raf);
  }, [playing, reducedMotion, store]);

  const takeover = useCallback(() => {
    if (store.getState().driver === 'narration') store.getState().setDriver('reader');
    labBus.notifyReaderTakeover(id);
  }, [id, store]);

  const reader = useMemo<ReaderControls>(() => {
    const wrap =
      <Args extends unknown[]>(f: (s: LabStoreState<S, P>) => (...a: Args) => void) =>
      (...a: Args) => {
        takeover();
        // The reader took the controls before a shared run finished replaying: drop it rather than finish it at once.
        if (store.getState().restoring) store.getState().cancelRestore();
        f(store.getState())(...a);
      };
    return {
      togglePlay: wrap((s) => s.togglePlay),
      stepForward: wrap((s) => s.stepForward),
      stepBack: wrap((s) => s.stepBack),
      seekTime: wrap((s) => s.seekTime),
      setSpeed: wrap((s) => s.setSpeed),
      reset: wrap((s) => s.reset),
      setSeed: wrap((s) => s.setSeed),
      setParams: wrap((s) => s.setParams),
      act: wrap((s) => s.act),
      loadScenario: wrap((s) => s.loadScenario),
    };
  }, [store, takeover]);

  // Register on the narration bus: every lab built on the toolkit is drivable automatically.
  useEffect(() => {
    let stopHold: (() => void) | undefined;
    const handle: LabHandle = {
      id,
      widget: def.widget,
      element: () => rootRef.current,
      applyCue: (cue) => {
        store.getState().setDriver('narration');
        stopHold?.();
        stopHold = undefined;
        const errors = applyCueToStore(def, store, cue);
        if (errors.length) console.warn(`[${def.widget}#${id}] cue problems: ${errors.join('; ')}`);
        if (cue.hold !== undefined && store.getState().playing) stopHold = holdAt(store, cue.hold);
      },
      release: () => store.getState().setDriver('reader'),
    };
    const unregister = labBus.register(handle);
    return () => {
      stopHold?.();
      unregister();
    };
  }, [def, id, store]);

  const moment = useCallback((): SharedMoment => {
    const s = store.getState();
    return {
      mechanism: s.mechanism.id,
      scenario: s.scenarioId,
      seed: s.seed,
      params: s.params,
      log: s.log,
      steps: s.cursor.steps,
      t: s.mechanism.now(s.cursor.state),
    };
  }, [store]);

  const shareLink = useCallback(async () => {
    const link = linkWithMoment(window.location.href, id, await encodeMomentCompressed(moment()));
    return { link, tooLong: link.length > MAX_LINK_LENGTH };
  }, [id, moment]);

  const runFile = useCallback(() => runFileText(def.widget, moment()), [def, moment]);

  const openRun = useCallback(
    (text: string) => {
      const decoded = decodeRunFile(text, def.widget, def.mechanisms, linkLimits(def));
      if (!decoded.ok) return decoded.error;
      takeover();
      store.getState().beginMoment(decoded.moment, decoded.problems);
      return null;
    },
    [def, store, takeover],
  );

  return { def, store, id, rootRef, reader, hydrated, reducedMotion, shareLink, runFile, openRun };
}
