/**
 * `useStepState(lab)`: the cursor's state, but a new value only when a step happens (an event or an
 * action), not on every animation frame in between. While a lab plays, the store's cursor moves
 * every frame, yet most of a picture (logs, tables, action buttons, verdicts) only changes at
 * events; reading it through this hook lets React skip those parts between events, which is most
 * of the frame budget (issue 12: at most 4 ms of script per frame).
 *
 * The state returned between two steps is the one at the earlier step's frame: identical except
 * for the clock. Anything drawn from simulation time (messages in flight, timers, cursors) must
 * keep reading `s.cursor.state` and `cursorTime`.
 */
import type { LabStore, LabStoreState } from './store';
import { useLab } from './useMechanismLab';

interface Seen {
  steps: number;
  logIdx: number;
  run: readonly unknown[];
  state: unknown;
}

// One entry per store: the selector must return the same reference until the step changes.
const last = new WeakMap<object, Seen>();

/** The store fields that, with the step count, identify a state (a new run restarts the count). */
const runOf = <S, P>(s: LabStoreState<S, P>): readonly unknown[] => [s.mechanism, s.seed, s.params, s.log, s.scenarioId];

/** Select the step state from a store's state (exported for tests; components use the hook). */
export function selectStepState<S, P>(store: object, s: LabStoreState<S, P>): S {
  const seen = last.get(store);
  const run = runOf(s);
  if (seen && seen.steps === s.cursor.steps && seen.logIdx === s.cursor.logIdx && seen.run.every((v, i) => v === run[i])) return seen.state as S;
  last.set(store, { steps: s.cursor.steps, logIdx: s.cursor.logIdx, run, state: s.cursor.state });
  return s.cursor.state;
}

/** The cursor's state, changing identity only when the run takes a step (see the file comment). */
export function useStepState<S, P>(lab: { readonly store: LabStore<S, P> }): S {
  return useLab(lab, (s) => selectStepState(lab.store, s));
}
