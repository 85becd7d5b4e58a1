/** Shapes of the book's content metadata, shared by the build plugin and the app. */

/** One chapter's metadata, from its MDX frontmatter and file location. */
export interface ChapterMeta {
  readonly title: string;
  readonly chapter: number;
  readonly slug: string;
  readonly summary: string;
  readonly readingTime: number;
  /** Part number (1-based), from the folder. */
  readonly part: number;
  /** Vite-style absolute module path, e.g. `/content/1-foundations/01-networks.mdx`. */
  readonly file: string;
  /** The labs (MDX tags) the chapter uses, in order of first use; the Labs page links back from them. */
  readonly labs?: readonly string[];
}

/** One part of the book, from `content/<part>/part.yaml`, with its chapters in order. */
export interface PartMeta {
  readonly number: number;
  readonly title: string;
  readonly blurb: string;
  readonly folder: string;
  readonly chapters: readonly ChapterMeta[];
}

/** One glossary entry. */
export interface GlossaryEntry {
  readonly id: string;
  readonly term: string;
  readonly definition: string;
  readonly see?: readonly string[];
}

/** One bibliography entry. */
export interface Reference {
  readonly id: string;
  readonly authors: string;
  readonly title: string;
  readonly venue?: string;
  readonly year: number;
  readonly url?: string;
}
