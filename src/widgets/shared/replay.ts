/**
 * Deterministic replay over any `Mechanism`: a run is (seed, params, log) and a position in
 * it is (steps, t) — the number of events processed (internal events and logged actions)
 * plus the virtual time reached. Seeking replays from the nearest cached snapshot, so a
 * short seek costs O(distance), not O(run length) (motion-canvas' PlaybackManager idea).
 *
 * Tie rule: internal events due at time t are processed before a logged action at the same
 * t. This matches what the reader sees live: at cursor t every event ≤ t has happened
 * before their click is recorded at t.
 *
 * Pure: no React, DOM or clocks. Single steps delegate to the kernel's `stepCursor` and
 * `nextStepTime` (src/sim/core/replay.ts), so the toolkit and the kernel share one ordering
 * rule; this file adds the snapshot cache and the seek-by-steps the controls need.
 */
import { nextStepTime, stepCursor } from '../../sim/core/replay';
import type { LogEntry, Mechanism, Tagged, Time } from '../../sim/core/types';

/** A mechanism of unknown params/state/action types, as the toolkit handles them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMechanism = Mechanism<any, any, any>;

/** A point in a run: the state after `steps` events, plus how many log entries it has applied. */
export interface Cursor<S = unknown> {
  readonly state: S;
  readonly logIdx: number;
  readonly steps: number;
}

/** Guard against a core that schedules events forever at one instant. */
export const MAX_STEPS_PER_CALL = 2_000_000;

/** The cursor at the very start of a run. */
export function startCursor<S>(mech: AnyMechanism, seed: number, params: unknown): Cursor<S> {
  return { state: mech.init(seed, params) as S, logIdx: 0, steps: 0 };
}

/** Time of the next event (internal or logged) after `cur`, or Infinity. */
export function nextEventTime(mech: AnyMechanism, log: readonly LogEntry<Tagged>[], cur: Cursor): Time {
  return nextStepTime(mech, log, { state: cur.state, logIdx: cur.logIdx, step: cur.steps });
}

/** Process exactly one event (internal first on ties); returns `cur` itself when nothing is left. */
export function stepOne<S>(mech: AnyMechanism, log: readonly LogEntry<Tagged>[], cur: Cursor<S>): Cursor<S> {
  const n = stepCursor<unknown, S, Tagged>(mech, log, { state: cur.state, logIdx: cur.logIdx, step: cur.steps });
  return n ? { state: n.state, logIdx: n.logIdx, steps: n.step } : cur;
}

/** Process every event due at or before `t`, then move virtual time to `t`. */
export function advanceTo<S>(
  mech: AnyMechanism,
  log: readonly LogEntry<Tagged>[],
  cur: Cursor<S>,
  t: Time,
  onStep?: (c: Cursor<S>) => void,
): Cursor<S> {
  let c = cur;
  for (let i = 0; i < MAX_STEPS_PER_CALL; i++) {
    if (nextEventTime(mech, log, c) > t) {
      if (Number.isFinite(t) && t > mech.now(c.state)) c = { ...c, state: mech.advanceTo(c.state, t) as S };
      return c;
    }
    c = stepOne(mech, log, c);
    onStep?.(c);
  }
  throw new Error(`${mech.id}: more than ${MAX_STEPS_PER_CALL} events before t=${t}; the run does not settle`);
}

/** Process events until `steps` events have been processed (or nothing is left). */
export function advanceSteps<S>(
  mech: AnyMechanism,
  log: readonly LogEntry<Tagged>[],
  cur: Cursor<S>,
  steps: number,
  onStep?: (c: Cursor<S>) => void,
): Cursor<S> {
  let c = cur;
  while (c.steps < steps) {
    const n = stepOne(mech, log, c);
    if (n === c) break;
    c = n;
    onStep?.(c);
  }
  return c;
}

/**
 * A cache of cursors every `every` steps for one run. It is only a cache: dropping it never
 * changes a result, only the cost of the next seek.
 */
export class SnapshotCache<S> {
  private snaps: Cursor<S>[] = [];
  /** @param every how many steps apart snapshots are kept. */
  constructor(private readonly every = 128) {}

  /** Remember `c` if it sits on a snapshot boundary. */
  offer(c: Cursor<S>): void {
    if (c.steps % this.every !== 0) return;
    const last = this.snaps[this.snaps.length - 1];
    if (!last || c.steps > last.steps) this.snaps.push(c);
  }

  /** Forget every snapshot after `steps` (the run changed from there on). */
  truncateAfter(steps: number): void {
    while (this.snaps.length && this.snaps[this.snaps.length - 1].steps > steps) this.snaps.pop();
  }

  /** Forget everything (seed, params or mechanism changed). */
  clear(): void {
    this.snaps = [];
  }

  /** The latest snapshot at or before `steps` events. */
  beforeSteps(steps: number): Cursor<S> | undefined {
    let best: Cursor<S> | undefined;
    for (const s of this.snaps) if (s.steps <= steps) best = s;
    return best;
  }

  /** The latest snapshot whose virtual time is ≤ t. */
  beforeTime(mech: AnyMechanism, t: Time): Cursor<S> | undefined {
    let best: Cursor<S> | undefined;
    for (const s of this.snaps) if (mech.now(s.state) <= t) best = s;
    return best;
  }

  /** Number of snapshots held (for tests). */
  get size(): number {
    return this.snaps.length;
  }
}

/** Everything needed to replay one run. */
export interface RunInput {
  readonly mech: AnyMechanism;
  readonly seed: number;
  readonly params: unknown;
  readonly log: readonly LogEntry<Tagged>[];
}

/** Cursor at time `t` (all events ≤ t processed), starting from the best snapshot. */
export function seekTime<S>(run: RunInput, t: Time, cache?: SnapshotCache<S>): Cursor<S> {
  const from = cache?.beforeTime(run.mech, t) ?? startCursor<S>(run.mech, run.seed, run.params);
  return advanceTo(run.mech, run.log, from, t, cache ? (c) => cache.offer(c) : undefined);
}

/** Cursor after exactly `steps` events, at the time of the last one (or later `t` if given). */
export function seekSteps<S>(run: RunInput, steps: number, cache?: SnapshotCache<S>, t?: Time): Cursor<S> {
  const from = cache?.beforeSteps(steps) ?? startCursor<S>(run.mech, run.seed, run.params);
  const c = advanceSteps(run.mech, run.log, from, steps, cache ? (x) => cache.offer(x) : undefined);
  if (t !== undefined && t > run.mech.now(c.state) && t <= nextEventTime(run.mech, run.log, c)) {
    return { ...c, state: run.mech.advanceTo(c.state, t) as S };
  }
  return c;
}
