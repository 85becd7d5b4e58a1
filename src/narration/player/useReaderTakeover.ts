/**
 * The reader took a lab's controls while narration drives it: narration pauses, and the session
 * offers to put the lab back on script (docs/ARCHITECTURE.md, "Narration ↔ labs contract").
 */
import { useEffect } from 'react';
import { labBus } from '../../widgets/shared/labBus';
import type { Player } from './player.ts';
import type { SessionEvent } from './player-state.ts';

/** Listen for takeovers of the labs this narration drives. */
export function useReaderTakeover(player: Player, dispatch: (e: SessionEvent) => void, announce: (text: string) => void): void {
  useEffect(
    () =>
      labBus.onReaderTakeover((id) => {
        if (!player.timeline.cues.some((c) => c.kind === 'lab' && c.target === id)) return;
        // Before pausing, so the pause does not read as a plain "paused".
        dispatch({ type: 'takeover', lab: id });
        if (player.getState().playing) {
          player.pause();
          announce('Narration paused while you use the lab. Choose “Resume narration” to put the lab back on script.');
        }
      }),
    [announce, dispatch, player],
  );
}
