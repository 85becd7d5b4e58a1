/** The reader's narration preferences, remembered across chapters in localStorage. */
import { clampRate } from './player-state.ts';

/** Saved preferences. `voice`: 'off' = captions only, '' = default voice, else a voiceURI. */
export interface NarrationPrefs {
  readonly rate: number;
  readonly captions: boolean;
  readonly voice: string;
  readonly autoContinue: boolean;
}

const KEY = 'uds:narration';
const DEFAULTS: NarrationPrefs = { rate: 1, captions: true, voice: '', autoContinue: true };

/** Read preferences; anything malformed falls back to the defaults field by field. */
export function loadPrefs(): NarrationPrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Record<keyof NarrationPrefs, unknown>>;
    return {
      rate: typeof raw.rate === 'number' ? clampRate(raw.rate) : DEFAULTS.rate,
      captions: typeof raw.captions === 'boolean' ? raw.captions : DEFAULTS.captions,
      voice: typeof raw.voice === 'string' ? raw.voice : DEFAULTS.voice,
      autoContinue: typeof raw.autoContinue === 'boolean' ? raw.autoContinue : DEFAULTS.autoContinue,
    };
  } catch {
    return DEFAULTS;
  }
}

/** Save preferences; storage may be unavailable (private mode), which is fine. */
export function savePrefs(p: NarrationPrefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    /* storage unavailable: preferences last for this page only */
  }
}
