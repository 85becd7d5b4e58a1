/**
 * The narration keyboard map. Inside the bar only (so screen-reader and browser keys are untouched):
 * K or Space play/pause · J / L back / forward 10 s · [ / ] previous / next segment · C captions ·
 * T transcript · Escape closes the transcript. Anywhere on the page: Alt+Shift+N play/pause.
 */
import { useEffect } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Player } from './player.ts';

/** What the keys act on. */
export interface NarrationKeyActions {
  readonly player: Player;
  /** Play or pause (resuming clears a stop card or a takeover). */
  toggle(): void;
  /** Open the bar (the global shortcut works while it is closed). */
  open(): void;
  toggleCaptions(): void;
  toggleTranscript(): void;
  /** Close the transcript if it is open; returns whether it was. */
  closeTranscript(): boolean;
}

/** Install the global shortcut; returns the bar's keydown handler. */
export function useNarrationKeys(actions: NarrationKeyActions): (e: ReactKeyboardEvent) => void {
  const { player, toggle, open } = actions;
  // One page-wide shortcut with a modifier that browsers and screen readers leave free.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN') {
        e.preventDefault();
        open();
        toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, toggle]);

  return (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const tag = (e.target as HTMLElement).tagName;
    const native = tag === 'SELECT' || tag === 'INPUT' || tag === 'BUTTON';
    const k = e.key.toLowerCase();
    if (k === 'k' || (k === ' ' && !native)) toggle();
    else if (k === 'j') player.seek(player.getState().position - 10);
    else if (k === 'l') player.seek(player.getState().position + 10);
    else if (k === '[') player.previousSegment();
    else if (k === ']') player.nextSegment();
    else if (k === 'c') actions.toggleCaptions();
    else if (k === 't') actions.toggleTranscript();
    else if (k === 'escape' && actions.closeTranscript()) {
      /* handled */
    } else return;
    e.preventDefault();
  };
}
