/**
 * `LivePicture`: the part of a lab that moves every frame (messages in flight, timers, the clock),
 * subscribed to the cursor on its own. The rest of the lab reads `useStepState` and re-renders only
 * when a step happens; this component re-renders every frame, and only it (issue 12's frame budget).
 */
import type { ReactNode } from 'react';
import { cursorTime, type LabStore } from './store';
import { useLab } from './useMechanismLab';

/** Props for `LivePicture`. */
export interface LivePictureProps<S, P> {
  lab: { readonly store: LabStore<S, P> };
  /** Draw the picture from the cursor's current state and virtual time (ms). */
  render(state: S, now: number): ReactNode;
}

/** Renders `render(state, now)` from the moving cursor. */
export function LivePicture<S, P>({ lab, render }: LivePictureProps<S, P>) {
  const state = useLab(lab, (s) => s.cursor.state);
  const now = useLab(lab, cursorTime);
  return <>{render(state, now)}</>;
}
