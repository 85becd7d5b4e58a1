/** The table of contents as the app sees it, derived at build time from the content files. */
import parts from 'virtual:book/toc';
import type { ChapterMeta, PartMeta } from './content/types';

/** Parts in order, each with its chapters. */
export const PARTS: readonly PartMeta[] = parts;

/** Every chapter in reading order. */
export const CHAPTERS: readonly ChapterMeta[] = parts.flatMap((p) => p.chapters);

/** Find a chapter by slug. */
export function chapterBySlug(slug: string): ChapterMeta | undefined {
  return CHAPTERS.find((c) => c.slug === slug);
}

/** The chapters before and after one, for previous/next links. */
export function neighbours(slug: string): { prev?: ChapterMeta; next?: ChapterMeta } {
  const i = CHAPTERS.findIndex((c) => c.slug === slug);
  if (i < 0) return {};
  return { prev: CHAPTERS[i - 1], next: CHAPTERS[i + 1] };
}
