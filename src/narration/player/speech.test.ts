// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSpeech, type SpeechProblem } from './speech.ts';

/** A scriptable speechSynthesis: records utterances; the test decides when they start, end or fail. */
class FakeUtterance {
  text: string;
  rate = 1;
  lang = '';
  voice: unknown = null;
  onstart: (() => void) | null = null;
  onend: (() => void) | null = null;
  onerror: ((e: { error: string }) => void) | null = null;
  constructor(text: string) {
    this.text = text;
  }
}
let spoken: FakeUtterance[];
let cancels: number;
let voiceListeners: (() => void)[];
let voices: { name: string; lang: string; voiceURI: string }[];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  spoken = [];
  cancels = 0;
  voiceListeners = [];
  voices = [];
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true });
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: {
      speak: (u: FakeUtterance) => spoken.push(u),
      cancel: () => void cancels++,
      getVoices: () => voices,
      addEventListener: (_: string, cb: () => void) => voiceListeners.push(cb),
      removeEventListener: () => {},
    },
  });
});
afterEach(() => vi.useRealTimers());

describe('speech', () => {
  it('speaks one utterance per sentence, cancelling the previous one, at a rate scaled to the timeline pace', () => {
    const problems: SpeechProblem[] = [];
    const s = createSpeech(170, (p) => problems.push(p));
    s.speak('First sentence here.', 1, null);
    s.speak('Second sentence.', 2, null);
    expect(spoken.map((u) => u.text)).toEqual(['First sentence here.', 'Second sentence.']);
    expect(cancels).toBe(2);
    expect(spoken[1].rate).toBeCloseTo(2, 5);
    // Cancelling reports "interrupted"; that is not a failure.
    spoken[0].onerror?.({ error: 'interrupted' });
    expect(problems).toEqual([]);
  });

  it('lists voices after voiceschanged and uses the chosen one', () => {
    const s = createSpeech(150, () => {});
    const seen: number[] = [];
    s.onVoices(() => seen.push(s.voices().length));
    voices = [{ name: 'Ada', lang: 'en-GB', voiceURI: 'ada' }];
    voiceListeners.forEach((cb) => cb());
    expect(seen).toEqual([1]);
    s.speak('Hello there.', 1, 'ada');
    expect(spoken[0].voice).toEqual(voices[0]);
    expect(spoken[0].lang).toBe('en-GB');
  });

  it('falls back once when an utterance fails or never starts, and then stays quiet', () => {
    const problems: SpeechProblem[] = [];
    const s = createSpeech(150, (p) => problems.push(p));
    s.speak('One.', 1, null);
    vi.advanceTimersByTime(3100);
    expect(problems).toEqual(['silent']);
    s.speak('Two.', 1, null);
    expect(spoken).toHaveLength(1);

    const failing: SpeechProblem[] = [];
    const t = createSpeech(150, (p) => failing.push(p));
    t.speak('Three.', 1, null);
    spoken.at(-1)!.onstart?.();
    spoken.at(-1)!.onerror?.({ error: 'synthesis-failed' });
    expect(failing).toEqual(['failed']);
  });

  it('measures a slow voice and speeds the next utterance up (speech never moves the clock)', () => {
    const s = createSpeech(150, () => {});
    const text = 'one two three four five six seven eight nine ten';
    s.speak(text, 1, null);
    const first = spoken[0];
    first.onstart?.();
    // Ten words at 150 wpm should take 4 s; this voice needs 6 s.
    vi.advanceTimersByTime(6000);
    first.onend?.();
    s.speak(text, 1, null);
    expect(spoken[1].rate).toBeGreaterThan(first.rate);
  });

  it('reports unsupported when the browser has no speech synthesis', () => {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    const problems: SpeechProblem[] = [];
    const s = createSpeech(150, (p) => problems.push(p));
    expect(s.supported).toBe(false);
    s.speak('Anything.', 1, null);
    expect(problems).toEqual(['unsupported']);
  });
});
