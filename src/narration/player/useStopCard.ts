/**
 * Stop cues: narration holds on a key-concept card until the reader resumes. While the session is
 * in `stopCard`, the card is focused and marked, and Enter or Space on it resumes; leaving that
 * status (resume, seek, takeover, close) undoes both.
 */
import { useCallback, useEffect } from 'react';
import type { PageDriver } from './drive.ts';
import type { Session, SessionEvent } from './player-state.ts';
import type { TimelineCue } from '../types.ts';

/** Returns the handler for a fired stop cue. */
export function useStopCard(
  session: Session,
  dispatch: (e: SessionEvent) => void,
  opts: { driver: PageDriver; cancelSpeech(): void; announce(text: string): void; resume(): void },
): (cue: TimelineCue) => void {
  const { driver, cancelSpeech, announce, resume } = opts;
  const onStopCue = useCallback(
    (cue: TimelineCue) => {
      cancelSpeech();
      driver.highlight(cue.target, true);
      const el = document.getElementById(cue.target);
      const title = el?.querySelector('.callout-title')?.textContent?.trim() || cue.target;
      dispatch({ type: 'stopCue', card: { id: cue.target, title } });
      announce(`Paused on the key concept “${title}”. Press Enter or Space to continue.`);
    },
    [announce, cancelSpeech, dispatch, driver],
  );

  const cardId = session.status === 'stopCard' ? session.card.id : null;
  useEffect(() => {
    const el = cardId ? document.getElementById(cardId) : null;
    if (!el) return;
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.setAttribute('data-narration-stop', 'true');
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        resume();
      }
    };
    el.addEventListener('keydown', onKey);
    el.focus({ preventScroll: true });
    return () => {
      el.removeEventListener('keydown', onKey);
      el.removeAttribute('data-narration-stop');
    };
  }, [cardId, resume]);
  return onStopCue;
}
