/**
 * The step caption under a lab's picture: "what just happened, and why" (the sentence a lab's
 * `caption.ts` selector derives from its run; the contract is in `stepCaption.ts`). It is not a live
 * region itself: LabFrame's one polite region speaks the same sentence when the run moves, so the
 * reader never hears it twice.
 */
import { useState } from 'react';

/** Props for the step caption. */
export interface StepCaptionProps {
  /** The sentence. */
  text: string;
  /** `data-testid` for specs (default `step-caption`). */
  testId?: string;
}

/** One sentence, set off from the picture by the accent rule; its height is kept so the page does not jump. */
export function StepCaption({ text, testId = 'step-caption' }: StepCaptionProps) {
  return (
    <p className="lab-step" data-testid={testId} data-lab-step="">
      {text}
    </p>
  );
}

/**
 * What the live region says: the store's announcement, except that when it reports a move through
 * the run (`lead` not null) and the lab has a step caption, it says the lead and the caption instead
 * of the raw trace labels. The text is fixed when the announcement changes, so playback, which
 * changes the caption every frame, does not flood the region.
 */
export function useLiveSentence(announcement: string, lead: string | null, caption: string | undefined): string {
  const pick = () => (lead !== null && caption ? `${lead}${caption}` : announcement);
  const [live, setLive] = useState(() => ({ key: announcement, lead, text: pick() }));
  if (live.key !== announcement || live.lead !== lead) {
    const next = { key: announcement, lead, text: pick() };
    setLive(next);
    return next.text;
  }
  return live.text;
}
