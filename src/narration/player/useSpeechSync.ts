/**
 * The optional voice, following the narration clock: one controller per chapter, the voices the
 * browser offers, whether speech failed, and each sentence spoken as narration time reaches it.
 * Speech never drives the clock (see `clock.ts`), so captions, cues and deep links agree whatever
 * the voice does.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createSpeech, type SpeechController, type SpeechProblem } from './speech.ts';
import type { CompiledNarration } from '../types.ts';

/** What the bar needs from speech. */
export interface SpeechSync {
  readonly speech: SpeechController;
  readonly voices: SpeechSynthesisVoice[];
  /** Set once speech turned out not to work; the bar shows a note and plays captions only. */
  readonly problem: SpeechProblem | null;
  /** Record a user gesture: browsers only allow speech that a gesture started. */
  markGesture(): void;
}

/** Options: what is being said now, and whether the voice should be speaking it. */
export interface SpeechSyncOptions {
  /** Index of the sentence at the current position (-1 before the first). */
  readonly sentence: number;
  /** Bar open and playing. */
  readonly active: boolean;
  readonly rate: number;
  /** Saved voice preference: 'off' = captions only, '' = default voice, else a voiceURI. */
  readonly voice: string;
}

/** Create the speech controller for a narration and speak its sentences while `active`. */
export function useSpeechSync(narration: CompiledNarration, { sentence, active, rate, voice }: SpeechSyncOptions): SpeechSync {
  const [problem, setProblem] = useState<SpeechProblem | null>(null);
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>([]);
  const [gesture, setGesture] = useState(false);
  const speech = useMemo(() => createSpeech(narration.wpm, (p) => setProblem(p)), [narration.wpm]);
  useEffect(() => {
    setVoices(speech.voices());
    const off = speech.onVoices(() => setVoices(speech.voices()));
    return () => {
      off();
      speech.dispose();
    };
  }, [speech]);

  const speaking = active && voice !== 'off' && !problem && gesture;
  useEffect(() => {
    if (!speaking || sentence < 0) return;
    // Starting mid-sentence (after a seek) still speaks the whole sentence: captions and voice agree.
    speech.speak(narration.sentences[sentence].text, rate, voice || null);
    // Only a new sentence (or speech switching on) speaks; a rate change applies from the next one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sentence, speaking, speech, narration]);

  const markGesture = useCallback(() => setGesture(true), []);
  return { speech, voices, problem, markGesture };
}
