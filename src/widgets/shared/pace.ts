/**
 * How fast a lab plays at 1×: one rule for every lab (issue 12), instead of a hand-picked time scale
 * per lab. Each definition names its typical visible step per core (`LabDefinition.hop`): for a
 * message-passing core, one network hop at the core's default latency; for a model without a
 * network, the unit its picture moves in (a chart sample, a membership change, one operation), with
 * the reason in a comment. At 1× that step takes `HOP_WALL_MS` of wall time; faster speeds are for
 * readers who already know the story (`SPEEDS` in store.ts).
 *
 * Pure (no React, no DOM): the definitions, the store and the tests import it.
 */
import { distMean, type Dist, type Time } from '../../sim/core';

/** Wall-clock milliseconds one typical step (a network hop) takes at 1×: slow enough to follow a message with the eye. */
export const HOP_WALL_MS = 750;

/** The band every lab's step must fall in at 1× (wall ms); `pace.test.ts` checks every registered lab. */
export const HOP_WALL_RANGE: readonly [number, number] = [500, 1000];

/** A lab's typical visible step for one of its cores. */
export interface LabHop {
  /** Virtual milliseconds of one step, derived from the core's defaults (never restated by hand). */
  readonly ms: Time;
  /** What one step is, in a reader's words, e.g. 'message hop' or 'one-second chart sample'. */
  readonly what: string;
}

/** One network hop at a default latency distribution's mean, e.g. `networkHop(quorumDefaults.latency)`. */
export function networkHop(latency: Dist | number, what = 'message hop'): LabHop {
  return { ms: typeof latency === 'number' ? latency : distMean(latency), what };
}

/** Virtual milliseconds per real millisecond at 1× for one of a lab's cores: its step takes `HOP_WALL_MS`. */
export function timeScaleOf(def: { hop(mechanismId: string): LabHop }, mechanismId: string): number {
  const ms = def.hop(mechanismId).ms;
  // A broken definition must not freeze or explode playback: fall back to real time.
  return Number.isFinite(ms) && ms > 0 ? ms / HOP_WALL_MS : 1;
}

/** Wall-clock milliseconds one step of a core takes at `speed` (the test's and the controls' reading of the rule). */
export function wallMsPerHop(def: { hop(mechanismId: string): LabHop }, mechanismId: string, speed = 1): number {
  return def.hop(mechanismId).ms / (timeScaleOf(def, mechanismId) * speed);
}
