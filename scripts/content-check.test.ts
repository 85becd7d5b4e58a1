// Content check: every chapter meets the book's structural contract (docs/ARCHITECTURE.md and the
// text issue): length, frontmatter, heading ids, glossary and citation links, key-concept and exercise
// ids, exercise feedback, summary and "what to remember" furniture. Each assertion names the file and
// line so an author can fix it without reading this test.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { contentDir, listPartFolders, loadChapters, loadYamlEntries, type Chapter } from '../src/book/content/files';
import { KEBAB, attr, headings, isNonLiteral, jsxElements, lineOf, proseWordCount } from '../src/book/content/mdx';
import { findWidget } from '../src/widgets/manifest';
import { correctPosition } from '../src/book/mdx/exerciseOrder';
import { labComponents } from '../src/widgets/registry';

const MIN_WORDS = 1800;
const MAX_WORDS = 4000;
const CHAPTER_COUNT = 14;
const MIN_GLOSSARY = 80;

/** The book's MDX components (docs/ARCHITECTURE.md); labs come from the manifest and registry. */
const BOOK_COMPONENTS = new Set(['Summary', 'KeyConcept', 'Misconception', 'DeepDive', 'Figure', 'Term', 'Cite', 'References', 'Exercise', 'Remember']);

const chapters = loadChapters();
const glossary = loadYamlEntries(join(contentDir, 'glossary'));
const references = loadYamlEntries(join(contentDir, 'references'));
const glossaryIds = new Set(glossary.map((g) => String(g.data.id)));
const referenceIds = new Set(references.map((r) => String(r.data.id)));

/** "file:line" for an element, so failures point at the source. */
const at = (ch: Chapter, n: { position?: { start: { line: number } } }) => `${ch.file}:${lineOf(n)}`;

/** Ids that occur more than once in a list of [id, where] pairs, with every location. */
function duplicates(pairs: [string, string][]): string[] {
  const seen = new Map<string, string[]>();
  for (const [id, where] of pairs) seen.set(id, [...(seen.get(id) ?? []), where]);
  return [...seen].filter(([, w]) => w.length > 1).map(([id, w]) => `${id} (${w.join(', ')})`);
}

describe.each(chapters.map((c) => [c.file, c] as const))('%s', (_file, ch) => {
  it('has complete frontmatter', () => {
    const fm = ch.frontmatter;
    expect(typeof fm.title === 'string' && fm.title.trim().length > 0, 'title').toBe(true);
    expect(Number.isInteger(fm.chapter), 'chapter must be an integer').toBe(true);
    expect(typeof fm.slug === 'string' && KEBAB.test(fm.slug), `slug must be kebab-case, got ${String(fm.slug)}`).toBe(true);
    expect(typeof fm.summary === 'string' && fm.summary.trim().length > 0, 'summary').toBe(true);
    expect(typeof fm.readingTime === 'number' && fm.readingTime > 0, 'readingTime must be a positive number').toBe(true);
  });

  it('has a chapter number matching its file name', () => {
    const prefix = /(\d+)-[^/]*\.mdx$/.exec(ch.file)?.[1];
    expect(Number(prefix), `${ch.file}: file prefix vs frontmatter chapter`).toBe(ch.frontmatter.chapter);
  });

  it(`has ${MIN_WORDS}–${MAX_WORDS} words of prose`, () => {
    const words = proseWordCount(ch.tree);
    expect(words, `${ch.file} has ${words} words of prose`).toBeGreaterThanOrEqual(MIN_WORDS);
    expect(words, `${ch.file} has ${words} words of prose`).toBeLessThanOrEqual(MAX_WORDS);
  });

  it('states a reading time close to words ÷ 230', () => {
    const estimate = proseWordCount(ch.tree) / 230;
    expect(Math.abs(Number(ch.frontmatter.readingTime) - estimate), `${ch.file}: readingTime ${String(ch.frontmatter.readingTime)} vs ≈${estimate.toFixed(1)}`).toBeLessThanOrEqual(2);
  });

  it('has a Summary and a Remember list', () => {
    expect(jsxElements(ch.tree, 'Summary'), 'exactly one <Summary>').toHaveLength(1);
    expect(jsxElements(ch.tree, 'Remember'), 'exactly one <Remember>').toHaveLength(1);
  });

  it('gives every ## and ### heading an explicit, unique kebab-case id', () => {
    const hs = headings(ch.tree);
    const missing = hs.filter((h) => h.id === null).map((h) => `${ch.file}:${h.line} "${h.text}"`);
    expect(missing, 'headings without {/*id*/}').toEqual([]);
    const bad = hs.filter((h) => h.id !== null && !KEBAB.test(h.id)).map((h) => `${ch.file}:${h.line} ${h.id}`);
    expect(bad, 'heading ids that are not kebab-case').toEqual([]);
    expect(duplicates(hs.filter((h) => h.id).map((h) => [h.id!, `${ch.file}:${h.line}`])), 'duplicate heading ids').toEqual([]);
  });

  it('links only glossary terms that exist', () => {
    const unknown = jsxElements(ch.tree, 'Term')
      .filter((t) => !glossaryIds.has(String(attr(t, 'id'))))
      .map((t) => `${at(ch, t)} ${String(attr(t, 'id'))}`);
    expect(unknown, 'Term ids missing from content/glossary/*.yaml').toEqual([]);
  });

  it('cites only references that exist, and lists them', () => {
    const cites = jsxElements(ch.tree, 'Cite');
    const unknown = cites.filter((c) => !referenceIds.has(String(attr(c, 'id')))).map((c) => `${at(ch, c)} ${String(attr(c, 'id'))}`);
    expect(unknown, 'Cite ids missing from content/references/*.yaml').toEqual([]);
    if (cites.length) expect(jsxElements(ch.tree, 'References').length, 'a chapter with citations needs <References />').toBeGreaterThan(0);
  });

  it('gives every KeyConcept an id and a title', () => {
    const bad = jsxElements(ch.tree, 'KeyConcept')
      .filter((k) => typeof attr(k, 'id') !== 'string' || !KEBAB.test(String(attr(k, 'id'))) || typeof attr(k, 'title') !== 'string')
      .map((k) => at(ch, k));
    expect(bad, 'KeyConcept needs a kebab-case id and a title').toEqual([]);
  });

  it('has figures with an id, caption, alt text and content', () => {
    const bad = jsxElements(ch.tree, 'Figure')
      .filter((f) => ['id', 'caption', 'alt'].some((a) => typeof attr(f, a) !== 'string' || !String(attr(f, a)).trim()) || f.children.length === 0)
      .map((f) => at(ch, f));
    expect(bad, 'Figure needs id, caption, alt and non-empty content').toEqual([]);
  });

  it('uses only book components and registered labs, with valid scenarios and unique instance ids', () => {
    const problems: string[] = [];
    const instanceIds: [string, string][] = [];
    for (const el of jsxElements(ch.tree)) {
      const name = el.name ?? '';
      if (!/^[A-Z]/.test(name) || BOOK_COMPONENTS.has(name)) continue;
      const where = at(ch, el);
      if (!labComponents[name]) problems.push(`${where} <${name}> is not registered in src/widgets/registry.tsx`);
      const manifest = findWidget(name);
      if (/Lab$/.test(name) && !manifest) problems.push(`${where} <${name}> is missing from src/widgets/manifest.ts`);
      const scenario = attr(el, 'scenario');
      if (manifest && scenario !== undefined && !manifest.scenarios.includes(String(scenario))) {
        problems.push(`${where} <${name} scenario="${String(scenario)}"> is not one of ${manifest.scenarios.join(', ')}`);
      }
      // A lab's instance id defaults to its scenario id (docs/ARCHITECTURE.md, Labs).
      const id = attr(el, 'id') ?? scenario ?? manifest?.scenarios[0];
      if (manifest) instanceIds.push([String(id), where]);
    }
    expect(problems.join('\n'), 'unknown components or scenarios').toBe('');
    expect(duplicates(instanceIds), 'lab instance ids must be unique on a page').toEqual([]);
  });

  it('does not put the correct answer in one shown position more than half the time', () => {
    // Positions as the reader sees them, after the deterministic shuffle (src/book/mdx/exerciseOrder.ts),
    // with each exercise's ordinal in document order, as remark-book.ts numbers them.
    const positions = jsxElements(ch.tree, 'Exercise').map((ex, k) => correctPosition(String(attr(ex, 'id')), k, (attr(ex, 'options') ?? []) as { correct?: boolean }[]));
    const counts = new Map<number, number>();
    for (const p of positions) counts.set(p, (counts.get(p) ?? 0) + 1);
    const [pos, most] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
    expect(most, `${ch.file}: the correct answer is shown at position ${pos + 1} in ${most} of ${positions.length} exercises`).toBeLessThanOrEqual(positions.length / 2);
  });

  it('has 4–6 exercises, each with one correct option and feedback for every option', () => {
    const exercises = jsxElements(ch.tree, 'Exercise');
    expect(exercises.length, `${ch.file}: number of exercises`).toBeGreaterThanOrEqual(4);
    expect(exercises.length, `${ch.file}: number of exercises`).toBeLessThanOrEqual(6);
    for (const ex of exercises) {
      const where = at(ch, ex);
      const id = attr(ex, 'id');
      expect(typeof id === 'string' && new RegExp(`^ch${String(ch.frontmatter.chapter)}-ex\\d+$`).test(id), `${where}: id must be ch<N>-ex<K>, got ${String(id)}`).toBe(true);
      const question = attr(ex, 'question');
      expect(typeof question === 'string' && question.trim().length > 0, `${where}: question`).toBe(true);
      const options = attr(ex, 'options');
      expect(isNonLiteral(options) ? options.reason : 'literal', `${where}: options must be literal data`).toBe('literal');
      expect(Array.isArray(options), `${where}: options must be an array`).toBe(true);
      const opts = options as Record<string, unknown>[];
      expect(opts.length, `${where}: at least two options`).toBeGreaterThanOrEqual(2);
      expect(opts.filter((o) => o.correct === true).length, `${where}: exactly one correct option`).toBe(1);
      for (const [i, o] of opts.entries()) {
        expect(typeof o.text === 'string' && o.text.trim().length > 0, `${where}: option ${i + 1} text`).toBe(true);
        expect(typeof o.feedback === 'string' && o.feedback.trim().length > 0, `${where}: option ${i + 1} feedback`).toBe(true);
        expect(typeof o.correct, `${where}: option ${i + 1} correct must be a boolean`).toBe('boolean');
      }
    }
  });
});

describe('the book', () => {
  it(`has chapters 1–${CHAPTER_COUNT}, each exactly once, with unique slugs`, () => {
    const numbers = chapters.map((c) => Number(c.frontmatter.chapter));
    const missing = Array.from({ length: CHAPTER_COUNT }, (_, i) => i + 1).filter((n) => !numbers.includes(n));
    expect(missing, 'missing chapters').toEqual([]);
    expect(duplicates(chapters.map((c) => [String(c.frontmatter.chapter), c.file])), 'chapter numbers used twice').toEqual([]);
    expect(numbers.filter((n) => n < 1 || n > CHAPTER_COUNT), 'chapter numbers out of range').toEqual([]);
    expect(duplicates(chapters.map((c) => [String(c.frontmatter.slug), c.file])), 'duplicate slugs').toEqual([]);
  });

  it('has a part.yaml with number, title and blurb in every part folder', () => {
    const parts = listPartFolders(contentDir);
    expect(parts.length).toBeGreaterThan(0);
    for (const p of parts) {
      const file = join(contentDir, p, 'part.yaml');
      expect(existsSync(file), `${p}/part.yaml exists`).toBe(true);
      const y = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(Number(y.number), `${p}/part.yaml number matches folder`).toBe(Number(p.split('-')[0]));
      expect(typeof y.title === 'string' && typeof y.blurb === 'string', `${p}/part.yaml title and blurb`).toBe(true);
    }
  });

  it('uses every KeyConcept id once across the whole book', () => {
    const pairs = chapters.flatMap((c) => jsxElements(c.tree, 'KeyConcept').map((k): [string, string] => [String(attr(k, 'id')), at(c, k)]));
    expect(duplicates(pairs)).toEqual([]);
  });

  it('uses every Exercise id once across the whole book', () => {
    const pairs = chapters.flatMap((c) => jsxElements(c.tree, 'Exercise').map((e): [string, string] => [String(attr(e, 'id')), at(c, e)]));
    expect(duplicates(pairs)).toEqual([]);
  });

  it(`has at least ${MIN_GLOSSARY} glossary terms, unique, each with a term and a definition`, () => {
    expect(duplicates(glossary.map((g) => [String(g.data.id), g.file])), 'duplicate glossary ids').toEqual([]);
    const incomplete = glossary
      .filter((g) => !KEBAB.test(String(g.data.id)) || typeof g.data.term !== 'string' || typeof g.data.definition !== 'string' || !g.data.definition.trim())
      .map((g) => `${g.file}: ${String(g.data.id)}`);
    expect(incomplete, 'entries need a kebab-case id, a term and a definition').toEqual([]);
    const badSee = glossary.flatMap((g) => ((g.data.see as unknown[]) ?? []).filter((s) => !glossaryIds.has(String(s))).map((s) => `${String(g.data.id)} → ${String(s)}`));
    expect(badSee, 'see: links to unknown terms').toEqual([]);
    expect(glossaryIds.size).toBeGreaterThanOrEqual(MIN_GLOSSARY);
  });

  it('has unique references, each with authors, title and year', () => {
    expect(duplicates(references.map((r) => [String(r.data.id), r.file])), 'duplicate reference ids').toEqual([]);
    const incomplete = references
      .filter((r) => !r.data.id || typeof r.data.authors !== 'string' || typeof r.data.title !== 'string' || r.data.year == null)
      .map((r) => `${r.file}: ${String(r.data.id)}`);
    expect(incomplete).toEqual([]);
  });
});
