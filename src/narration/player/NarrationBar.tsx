/**
 * The narration player bar: a launcher in the chapter header and, once opened, a sticky bar at the
 * bottom of the viewport with play/pause, a timeline with segment and cue markers, previous/next
 * segment, speed, captions, an optional voice and a clickable transcript. Cues drive the labs through
 * `labBus`; stop cues pause on a key-concept card until the reader presses Enter or Space.
 *
 * Keyboard (only while focus is inside the bar, so screen-reader and browser keys are untouched):
 * K or Space play/pause · J / L back / forward 10 s · [ / ] previous / next segment ·
 * C captions · T transcript · Escape closes the transcript. Anywhere on the page: Alt+Shift+N play/pause.
 */
import { useEffect, useState } from 'react';
import { narrations } from 'virtual:narration';
import { NarrationPlayer } from './NarrationPlayer.tsx';
import type { CompiledNarration } from '../types.ts';

/** Props: the chapter slug whose narration to load. */
export interface NarrationBarProps {
  readonly chapter: string;
}

/** Loads the chapter's compiled timeline and renders the player, or nothing if the chapter has no script. */
export default function NarrationBar({ chapter }: NarrationBarProps) {
  const loader = narrations[chapter];
  const [timeline, setTimeline] = useState<CompiledNarration | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!loader) return;
    let live = true;
    loader().then(
      (tl) => live && setTimeline(tl),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [loader]);
  if (!loader) return null;
  if (error) {
    return (
      <p className="narration-launcher narration-note" data-narration role="status">
        The narrated tour could not load ({error}). The chapter itself is unaffected.
      </p>
    );
  }
  if (!timeline) return null;
  return <NarrationPlayer key={timeline.chapter} timeline={timeline} />;
}

