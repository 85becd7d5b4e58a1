/**
 * Optional voice for narration through the Web Speech API. Speech follows the clock, never the
 * reverse: each sentence is spoken when narration time reaches it, one sentence per utterance
 * (long utterances stall in Chromium). The voice's real pace is measured and the speaking rate is
 * nudged so speech keeps up with the words-per-minute timeline. Any failure degrades silently to
 * captions only; the caller shows a note.
 */

/** Why speech is unavailable, shown to the reader as a note. */
export type SpeechProblem = 'unsupported' | 'failed' | 'silent';

/** A minimal, testable view of the controller. */
export interface SpeechController {
  readonly supported: boolean;
  /** Voices known so far (updated on `voiceschanged`). */
  voices(): SpeechSynthesisVoice[];
  /** Subscribe to voice-list changes; returns unsubscribe. */
  onVoices(cb: () => void): () => void;
  /** Speak one sentence at `rate` (the player's rate) with the voice named `voiceURI` (or the default). */
  speak(text: string, rate: number, voiceURI: string | null): void;
  /** Stop speaking now (pause, seek, stop cue). */
  cancel(): void;
  dispose(): void;
}

/** Create the controller; `onProblem` is called once when speech turns out not to work. */
export function createSpeech(wpm: number, onProblem: (p: SpeechProblem) => void): SpeechController {
  // Test harnesses and locked-down browsers may define the property as undefined, so check the value.
  const synth: SpeechSynthesis | undefined = typeof window !== 'undefined' ? (window.speechSynthesis ?? undefined) : undefined;
  const Utterance = typeof window !== 'undefined' ? window.SpeechSynthesisUtterance : undefined;
  const supported = !!synth && typeof Utterance === 'function';
  let voiceList: SpeechSynthesisVoice[] = [];
  const voiceListeners = new Set<() => void>();
  // Ratio applied to the player's rate so the voice matches `wpm`; most engines speak ~170 wpm at 1.
  let calibration = wpm / 170;
  let broken = false;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let current: SpeechSynthesisUtterance | null = null;

  const fail = (p: SpeechProblem) => {
    if (broken) return;
    broken = true;
    synth?.cancel();
    onProblem(p);
  };
  const refreshVoices = () => {
    voiceList = synth?.getVoices() ?? [];
    for (const cb of [...voiceListeners]) cb();
  };
  if (supported) {
    refreshVoices();
    synth!.addEventListener?.('voiceschanged', refreshVoices);
  }

  return {
    supported,
    voices: () => voiceList,
    onVoices(cb) {
      voiceListeners.add(cb);
      return () => voiceListeners.delete(cb);
    },
    speak(text, rate, voiceURI) {
      if (!supported) return fail('unsupported');
      if (broken) return;
      synth!.cancel();
      const u = new Utterance!(text);
      const voice = voiceURI ? voiceList.find((v) => v.voiceURI === voiceURI) : undefined;
      if (voice) {
        u.voice = voice;
        u.lang = voice.lang;
      } else u.lang = document.documentElement.lang || 'en';
      u.rate = Math.min(4, Math.max(0.5, rate * calibration));
      const words = text.split(/\s+/).filter(Boolean).length;
      // A flag, not a zero check: performance.now() can legitimately be 0.
      let started = false;
      let startedAt = 0;
      u.onstart = () => {
        started = true;
        startedAt = performance.now();
        clearTimeout(watchdog);
      };
      u.onend = () => {
        if (current !== u || !started) return;
        const seconds = (performance.now() - startedAt) / 1000;
        // Only whole, reasonably long sentences are a fair sample of the voice's pace.
        if (words >= 6 && seconds > 0.5) {
          const targetSeconds = (words * 60) / (wpm * rate);
          const ratio = Math.min(1.5, Math.max(0.67, seconds / targetSeconds));
          calibration = Math.min(3, Math.max(0.4, calibration * (0.7 + 0.3 * ratio)));
        }
      };
      u.onerror = (e) => {
        // Cancelling (pause, seek, next sentence) reports these; they are not failures.
        if (e.error === 'interrupted' || e.error === 'canceled') return;
        fail('failed');
      };
      current = u;
      clearTimeout(watchdog);
      // Headless and some Linux browsers accept utterances but never start them: treat as no speech.
      watchdog = setTimeout(() => {
        if (current === u && !started) fail('silent');
      }, 3000);
      try {
        synth!.speak(u);
      } catch {
        fail('failed');
      }
    },
    cancel() {
      clearTimeout(watchdog);
      current = null;
      if (supported) synth!.cancel();
    },
    dispose() {
      clearTimeout(watchdog);
      current = null;
      if (supported) {
        synth!.cancel();
        synth!.removeEventListener?.('voiceschanged', refreshVoices);
      }
      voiceListeners.clear();
    },
  };
}
