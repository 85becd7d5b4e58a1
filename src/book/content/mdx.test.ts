// Unit tests for the chapter reader: each check in content-check.test.ts relies on these
// functions finding problems, so they are exercised here on small fixtures with known defects.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attr, attributeTexts, countWords, headings, isNonLiteral, jsxElements, parseMdx, proseWordCount, wordRuns } from './mdx';

const fixture = `---
title: T
---

## Has an id {/*has-an-id*/}

Five words of real prose.

### No id here

<Figure id="f" caption="Cap words" alt="Alt words">
<svg viewBox="0 0 10 10"><text>ignored svg words</text></svg>
</Figure>

<Exercise id="ch1-ex1" question="Q?" options={[{ text: "a", correct: true, feedback: "why a" }, { text: 'b', correct: false, feedback: \`why b\` }]} />

<Exercise id="ch1-ex2" question="Q?" options={makeOptions()} />

<KeyConcept id="kc" title="Card">Two words.</KeyConcept>
`;

describe('the chapter reader on a fixture', () => {
  const tree = parseMdx(fixture, 'fixture.mdx');

  it('reads explicit heading ids and reports missing ones as null', () => {
    expect(headings(tree).map((h) => [h.depth, h.id])).toEqual([
      [2, 'has-an-id'],
      [3, null],
    ]);
  });

  it('evaluates literal attribute expressions, including nested objects and template strings', () => {
    const [ex] = jsxElements(tree, 'Exercise');
    expect(attr(ex, 'options')).toEqual([
      { text: 'a', correct: true, feedback: 'why a' },
      { text: 'b', correct: false, feedback: 'why b' },
    ]);
    expect(attr(ex, 'id')).toBe('ch1-ex1');
    expect(attr(ex, 'missing')).toBeUndefined();
  });

  it('refuses to evaluate expressions that are not literal data', () => {
    const [, ex2] = jsxElements(tree, 'Exercise');
    const v = attr(ex2, 'options');
    expect(isNonLiteral(v)).toBe(true);
  });

  it('counts prose words but not SVG text, exercises or attributes', () => {
    // "Has an id" (3) + "Five words of real prose." (5) + "No id here" (3) + "Two words." (2)
    expect(proseWordCount(tree)).toBe(13);
  });

  it('collects the strings readers see in attributes, but not ids', () => {
    const texts = attributeTexts(tree);
    expect(texts).toEqual(expect.arrayContaining(['Cap words', 'Alt words', 'Q?', 'why a', 'why b', 'Card']));
    expect(texts).not.toContain('ch1-ex1');
  });

  it('throws with the file name on invalid MDX', () => {
    expect(() => parseMdx('a <b c', 'broken.mdx')).toThrow(/broken\.mdx/);
  });
});

describe('word helpers', () => {
  it('counts tokens that contain letters or digits', () => {
    expect(countWords('a — b, 3 ... c')).toBe(4);
  });
  it('produces every run of n normalised words', () => {
    expect(wordRuns('One, two; THREE four', 3)).toEqual(['one two three', 'two three four']);
    expect(wordRuns('too short', 3)).toEqual([]);
  });
});

describe('copy detection properties', () => {
  const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
  const punct = fc.constantFrom(' ', ', ', '; ', ' — ', '. ', ': ', ' (', ') ', '! ', '? ', ' "', '" ');

  it('yields max(0, words − n + 1) runs of n words', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.integer({ min: 1, max: 15 }), (ws, n) => {
        expect(wordRuns(ws.join(' '), n)).toHaveLength(Math.max(0, ws.length - n + 1));
      }),
      { numRuns: 200 },
    );
  });

  it('finds a copied 12-word run whatever the case and punctuation around and inside it', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 12, maxLength: 12 }),
        fc.array(punct, { minLength: 11, maxLength: 11 }),
        fc.array(word, { maxLength: 10 }),
        fc.array(word, { maxLength: 10 }),
        fc.boolean(),
        (run, seps, before, after, upper) => {
          const source = new Set(wordRuns(run.join(' '), 12));
          let copied = run.map((w, i) => w + (seps[i] ?? '')).join('');
          if (upper) copied = copied.toUpperCase();
          const text = [...before, copied, ...after].join(' ');
          expect(wordRuns(text, 12).some((r) => source.has(r))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
