/** The bar's one notice about the session: a held key-concept card, a lab the reader took, or the end. */
import type { CompiledNarration } from '../types.ts';
import type { Session } from './player-state.ts';
import { navigateTo } from './url.ts';

/** Props: the session, and what its buttons do. */
export interface SessionNoticeProps {
  readonly session: Session;
  readonly narration: CompiledNarration;
  resume(): void;
  /** Stop the countdown and stop continuing automatically. */
  stay(): void;
}

/** Renders nothing while idle, playing or paused. */
export function SessionNotice({ session, narration, resume, stay }: SessionNoticeProps) {
  const next = narration.next;
  switch (session.status) {
    case 'stopCard':
      return (
        <p className="narration-stop" data-testid="narration-stop">
          Key concept: <a href={`#${session.card.id}`}>{session.card.title}</a>. Press Enter or Space on the card, or Resume, to continue.
        </p>
      );
    case 'takenOver':
      return (
        <p className="narration-stop">
          You are driving the lab “{session.lab}”.{' '}
          <button type="button" className="narration-btn narration-text-btn" onClick={resume}>
            Resume narration
          </button>
        </p>
      );
    case 'ended':
    case 'autoNext':
      if (!next) return null;
      return (
        <p className="narration-stop" data-testid="narration-next">
          <button type="button" className="narration-btn narration-text-btn" onClick={() => navigateTo(next.slug, true)}>
            Continue: {next.title}
          </button>
          {session.status === 'autoNext' && session.secondsLeft > 0 && (
            <>
              {' '}
              <span>Continuing in {session.secondsLeft} s.</span>{' '}
              <button type="button" className="narration-btn narration-text-btn" onClick={stay}>
                Stay here
              </button>
            </>
          )}
        </p>
      );
    default:
      return null;
  }
}
