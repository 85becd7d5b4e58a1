// Copy check: the book must be written in its own words. Any run of RUN consecutive words in a
// chapter (prose and the strings readers see in exercises, figures and cards), after lowercasing and
// stripping punctuation, must not also appear in the seed text. The seed lives beside the repo in
// ../shared/seed; if it is missing the test fails loudly rather than passing on nothing.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadChapters, seedDir } from '../src/book/content/files';
import { attributeTexts, normaliseWords, proseBlocks, wordRuns } from '../src/book/content/mdx';

/** Length of a shared run of words that counts as copying. */
const RUN = 12;

/** Every RUN-word run in the seed files, as normalised strings. */
function seedRuns(): Set<string> {
  if (!existsSync(seedDir)) throw new Error(`seed folder not found at ${seedDir}: the copy check cannot run without it`);
  const files = readdirSync(seedDir).filter((f) => f.endsWith('.txt'));
  if (files.length === 0) throw new Error(`no *.txt seed files in ${seedDir}`);
  const runs = new Set<string>();
  for (const f of files) for (const r of wordRuns(readFileSync(join(seedDir, f), 'utf8'), RUN)) runs.add(r);
  return runs;
}

describe('normaliseWords', () => {
  it('lowercases, drops apostrophes and splits on punctuation', () => {
    expect(normaliseWords("Don't PANIC: it's—fine, 100%!")).toEqual(['dont', 'panic', 'its', 'fine', '100']);
  });
});

describe('copy check against the seed', () => {
  const runs = seedRuns();
  const chapters = loadChapters();

  it('found seed text and chapters to compare', () => {
    expect(runs.size).toBeGreaterThan(1000);
    expect(chapters.length).toBeGreaterThan(0);
  });

  it('detects a copied run (self-test on a seed sentence)', () => {
    // Take any run from the seed and embed it in new words: the detector must find it.
    const sample = runs.values().next().value as string;
    const text = `Some fresh words here. ${sample} and then more.`;
    expect(wordRuns(text, RUN).some((r) => runs.has(r))).toBe(true);
  });

  it.each(chapters.map((c) => [c.file, c] as const))('%s shares no run of 12 words with the seed', (file, ch) => {
    const blocks = [...proseBlocks(ch.tree), ...attributeTexts(ch.tree)];
    const offending = [...new Set(blocks.flatMap((b) => wordRuns(b, RUN)).filter((r) => runs.has(r)))];
    expect(offending, `${file} repeats seed text: ${offending.map((r) => `"${r}"`).join('; ')}`).toEqual([]);
  });
});
