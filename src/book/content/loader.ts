/**
 * Turns raw content files into validated metadata. Pure functions (no fs) so they are unit-tested;
 * the Vite plugin feeds them file contents. Every problem is collected with the file it came from,
 * because one bad chapter should produce a precise build error, not a blank page.
 */
import { parse as parseYaml } from 'yaml';
import { estimateReadingTime, jsxElements, parseChapter, type ParsedChapter } from './mdx.ts';
import type { ChapterMeta, GlossaryEntry, PartMeta, Reference } from './types';

/** A content problem, reported with its file. */
export interface ContentProblem {
  readonly file: string;
  readonly message: string;
}

/** Thrown when content is invalid; lists every problem found. */
export class ContentError extends Error {
  constructor(readonly problems: readonly ContentProblem[]) {
    super('Invalid book content:\n' + problems.map((p) => `  ${p.file}: ${p.message}`).join('\n'));
  }
}

/** Parse a part folder name such as `2-handling-failure` into its number. */
export function partNumberOf(folder: string): number | undefined {
  const m = /^(\d+)-/.exec(folder);
  return m ? Number(m[1]) : undefined;
}

/** Raw inputs: file path (relative to the repo, e.g. `content/1-foundations/01-networks.mdx`) → text. */
export type ContentFiles = ReadonlyMap<string, string>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** Build the table of contents from part.yaml files and chapter frontmatter; throws ContentError. */
export function buildToc(files: ContentFiles): PartMeta[] {
  const problems: ContentProblem[] = [];
  const parts = new Map<string, { number: number; title: string; blurb: string; chapters: ChapterMeta[] }>();
  for (const [file, text] of files) {
    const m = /^content\/([^/]+)\/part\.yaml$/.exec(file);
    if (!m) continue;
    let data: Record<string, unknown>;
    try {
      data = (parseYaml(text) ?? {}) as Record<string, unknown>;
    } catch (e) {
      problems.push({ file, message: `YAML error: ${(e as Error).message}` });
      continue;
    }
    const number = typeof data.number === 'number' ? data.number : partNumberOf(m[1]);
    const title = str(data.title);
    if (!number || !title) {
      problems.push({ file, message: 'part.yaml needs a numeric `number` and a `title`' });
      continue;
    }
    parts.set(m[1], { number, title, blurb: str(data.blurb) ?? '', chapters: [] });
  }
  const slugs = new Map<string, string>();
  for (const [file, text] of files) {
    const m = /^content\/([^/]+)\/(\d\d)-[^/]+\.mdx$/.exec(file);
    if (!m) continue;
    let parsed: ParsedChapter;
    try {
      parsed = parseChapter(text, file);
    } catch (e) {
      // The message already names the file; report what is wrong (MDX syntax or frontmatter YAML).
      problems.push({ file, message: (e as Error).message.replace(`${file}: `, '') });
      continue;
    }
    const fm = parsed.frontmatter;
    const part = parts.get(m[1]);
    if (!part) {
      problems.push({ file, message: `folder ${m[1]} has no part.yaml` });
      continue;
    }
    const title = str(fm.title);
    const slug = str(fm.slug);
    const chapter = typeof fm.chapter === 'number' ? fm.chapter : Number(m[2]);
    const missing = [!title && 'title', !slug && 'slug', !str(fm.summary) && 'summary'].filter(Boolean);
    if (missing.length) {
      problems.push({ file, message: `frontmatter is missing ${missing.join(', ')}` });
      continue;
    }
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug!)) problems.push({ file, message: `slug "${slug}" must be kebab-case` });
    if (slugs.has(slug!)) problems.push({ file, message: `slug "${slug}" is also used by ${slugs.get(slug!)}` });
    slugs.set(slug!, file);
    const readingTime = typeof fm.readingTime === 'number' && fm.readingTime > 0 ? fm.readingTime : estimateReadingTime(parsed);
    part.chapters.push({
      title: title!,
      slug: slug!,
      chapter,
      summary: str(fm.summary)!,
      readingTime,
      part: part.number,
      file: '/' + file,
      labs: [...new Set(jsxElements(parsed.tree).map((e) => e.name ?? '').filter((n) => /^[A-Z]\w*Lab$/.test(n)))],
    });
  }
  if (problems.length) throw new ContentError(problems);
  const out = [...parts.entries()]
    .map(([folder, p]) => ({ ...p, folder, chapters: p.chapters.sort((a, b) => a.chapter - b.chapter) }))
    .sort((a, b) => a.number - b.number);
  const numbers = out.flatMap((p) => p.chapters.map((c) => c.chapter));
  const dup = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (dup !== undefined) throw new ContentError([{ file: 'content/', message: `chapter number ${dup} is used twice` }]);
  return out;
}

function parseList<T>(files: ContentFiles, dir: string, check: (e: Record<string, unknown>) => string | undefined): T[] {
  const problems: ContentProblem[] = [];
  const out: T[] = [];
  const ids = new Map<string, string>();
  for (const [file, text] of files) {
    if (!file.startsWith(dir) || !/\.ya?ml$/.test(file)) continue;
    let data: unknown;
    try {
      data = parseYaml(text);
    } catch (e) {
      problems.push({ file, message: `YAML error: ${(e as Error).message}` });
      continue;
    }
    if (data == null) continue;
    if (!Array.isArray(data)) {
      problems.push({ file, message: 'expected a YAML list' });
      continue;
    }
    data.forEach((raw, i) => {
      const e = (raw ?? {}) as Record<string, unknown>;
      const err = check(e);
      if (err) return problems.push({ file, message: `entry ${i + 1}: ${err}` });
      const id = String(e.id);
      if (ids.has(id)) return problems.push({ file, message: `id "${id}" is also defined in ${ids.get(id)}` });
      ids.set(id, file);
      out.push(e as T);
    });
  }
  if (problems.length) throw new ContentError(problems);
  return out;
}

/** Merge and validate every `content/glossary/*.yaml`, sorted by term. */
export function buildGlossary(files: ContentFiles): GlossaryEntry[] {
  return parseList<GlossaryEntry>(files, 'content/glossary/', (e) =>
    !str(e.id) ? 'missing id' : !str(e.term) ? 'missing term' : !str(e.definition) ? 'missing definition' : undefined,
  ).sort((a, b) => a.term.localeCompare(b.term));
}

/** Merge and validate every `content/references/*.yaml`. */
export function buildReferences(files: ContentFiles): Reference[] {
  return parseList<Reference>(files, 'content/references/', (e) =>
    !str(e.id) ? 'missing id' : !str(e.authors) ? 'missing authors' : !str(e.title) ? 'missing title' : typeof e.year !== 'number' ? 'year must be a number' : undefined,
  );
}
