/**
 * Sentence splitting and word counting for captions and timing.
 * Captions show one sentence at a time and speech speaks one sentence per utterance
 * (long utterances stall in Chromium), so a sentence is the unit of the timeline.
 */

/** Abbreviations that end in a period but do not end a sentence. */
const ABBREVIATIONS = ['e.g.', 'i.e.', 'vs.', 'etc.', 'cf.', 'al.', 'Dr.', 'Mr.', 'Ms.', 'Fig.', 'approx.', 'No.'];

/** Split narrator text into sentences, keeping punctuation; abbreviations and decimals do not split. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  // A sentence ends at . ! ? or … (optionally followed by closing quotes/brackets) before whitespace
  // and an opening capital, digit, quote or bracket.
  const boundary = /[.!?…]["'”’)\]]*(?=\s+["'“‘([]?[A-Z0-9])/g;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const endIdx = m.index + m[0].length;
    const candidate = text.slice(start, endIdx);
    if (ABBREVIATIONS.some((a) => candidate.endsWith(a) || candidate.endsWith(` ${a}`))) continue;
    const s = candidate.trim();
    if (s) out.push(s);
    start = endIdx;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** Words as a reader would count them; hyphenated and numeric tokens count once. */
export function countWords(text: string): number {
  const tokens = text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t));
  return tokens.length;
}

/**
 * Seconds it takes to say `text` at `wpm` words per minute at 1× speed. A short floor keeps
 * one-word sentences readable as captions, and a small gap models the pause between sentences.
 */
export function spokenSeconds(text: string, wpm: number): number {
  const SENTENCE_GAP = 0.3;
  const MIN_SENTENCE = 1.2;
  return Math.max(MIN_SENTENCE, (countWords(text) * 60) / wpm) + SENTENCE_GAP;
}
