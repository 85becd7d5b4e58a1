import { describe, expect, it } from 'vitest';
import { buildGlossary, buildReferences, buildToc, ContentError } from './loader';
import { estimateReadingTime, parseChapter } from './mdx';

const chapter = (fm: string, body = 'Some words here.') => `---\n${fm}\n---\n\n${body}\n`;
const part = (n: number, title: string) => `number: ${n}\ntitle: ${title}\nblurb: About ${title}.\n`;

describe('frontmatter', () => {
  it('reads YAML between the fences', () => {
    expect(parseChapter(chapter('title: Hello\nchapter: 3')).frontmatter).toEqual({ title: 'Hello', chapter: 3 });
  });
  it('returns an empty object when there is no frontmatter', () => {
    expect(parseChapter('# Just markdown').frontmatter).toEqual({});
  });
});

describe('buildToc', () => {
  it('derives parts and chapters from the files, in order', () => {
    // Arrange: files given out of order, as a directory listing might.
    const files = new Map([
      ['content/2-b/04-four.mdx', chapter('title: Four\nchapter: 4\nslug: four\nsummary: S4\nreadingTime: 9')],
      ['content/1-a/part.yaml', part(1, 'Alpha')],
      ['content/1-a/02-two.mdx', chapter('title: Two\nchapter: 2\nslug: two\nsummary: S2\nreadingTime: 5')],
      ['content/1-a/01-one.mdx', chapter('title: One\nchapter: 1\nslug: one\nsummary: S1\nreadingTime: 3')],
      ['content/2-b/part.yaml', part(2, 'Beta')],
      ['content/glossary/x.yaml', '- id: a\n  term: A\n  definition: d'],
    ]);
    // Act
    const toc = buildToc(files);
    // Assert
    expect(toc.map((p) => p.title)).toEqual(['Alpha', 'Beta']);
    expect(toc[0].chapters.map((c) => c.slug)).toEqual(['one', 'two']);
    expect(toc[1].chapters[0]).toMatchObject({ slug: 'four', part: 2, readingTime: 9, file: '/content/2-b/04-four.mdx' });
  });

  it('reports every broken chapter with its file', () => {
    const files = new Map([
      ['content/1-a/part.yaml', part(1, 'Alpha')],
      ['content/1-a/01-one.mdx', chapter('title: One\nslug: dup\nsummary: S')],
      ['content/1-a/02-two.mdx', chapter('title: Two\nslug: dup\nsummary: S')],
      ['content/1-a/03-three.mdx', chapter('title: Three\nslug: three')],
      ['content/1-a/04-four.mdx', chapter('summary: a: b: c')],
    ]);
    let err: ContentError | undefined;
    try {
      buildToc(files);
    } catch (e) {
      err = e as ContentError;
    }
    expect(err).toBeInstanceOf(ContentError);
    const byFile = Object.fromEntries(err!.problems.map((p) => [p.file, p.message]));
    expect(byFile['content/1-a/02-two.mdx']).toMatch(/slug "dup" is also used/);
    expect(byFile['content/1-a/03-three.mdx']).toMatch(/missing summary/);
    expect(byFile['content/1-a/04-four.mdx']).toMatch(/YAML/);
  });

  it('reads chapters with the MDX parser, so a JSX syntax error is reported with its file', () => {
    const files = new Map([
      ['content/1-a/part.yaml', part(1, 'Alpha')],
      ['content/1-a/01-one.mdx', chapter('title: One\nslug: one\nsummary: S', 'Text <Figure id="f" caption="unclosed')],
    ]);
    expect(() => buildToc(files)).toThrow(/content\/1-a\/01-one\.mdx: MDX does not parse/);
  });

  it('rejects a chapter folder without part.yaml', () => {
    const files = new Map([['content/9-x/01-one.mdx', chapter('title: One\nslug: one\nsummary: S')]]);
    expect(() => buildToc(files)).toThrow(/no part\.yaml/);
  });

  it('estimates reading time when frontmatter has none', () => {
    const body = Array.from({ length: 460 }, () => 'word').join(' ');
    const files = new Map([
      ['content/1-a/part.yaml', part(1, 'Alpha')],
      ['content/1-a/01-one.mdx', chapter('title: One\nslug: one\nsummary: S', body)],
    ]);
    expect(buildToc(files)[0].chapters[0].readingTime).toBe(2);
    expect(estimateReadingTime(parseChapter(chapter('title: x', '<Figure alt="many words inside a tag">hi</Figure>')))).toBe(1);
  });
});

describe('glossary and references', () => {
  it('merges glossary files sorted by term and rejects duplicate ids across files', () => {
    const ok = new Map([
      ['content/glossary/a.yaml', '- id: zeta\n  term: Zeta\n  definition: last'],
      ['content/glossary/b.yaml', '- id: alpha\n  term: Alpha\n  definition: first'],
    ]);
    expect(buildGlossary(ok).map((g) => g.id)).toEqual(['alpha', 'zeta']);
    const dup = new Map([...ok, ['content/glossary/c.yaml', '- id: zeta\n  term: Z\n  definition: again']]);
    expect(() => buildGlossary(dup)).toThrow(/"zeta" is also defined in content\/glossary\/a\.yaml/);
  });

  it('requires a numeric year on references', () => {
    const files = new Map([['content/references/r.yaml', '- id: x\n  authors: A\n  title: T\n  year: "soon"']]);
    expect(() => buildReferences(files)).toThrow(/year must be a number/);
  });
});
