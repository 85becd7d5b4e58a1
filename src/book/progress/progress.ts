/**
 * Reading progress: which chapters were visited, how far down each was read, and the last chapter
 * open. Kept in localStorage under a versioned key; anything missing, old or corrupt is ignored.
 */
import { readJson, writeJson } from '../storage';

/** Versioned storage key. Bump the suffix when the shape changes; old data is then ignored. */
export const PROGRESS_KEY = 'uds:progress:v1';

/** Progress in one chapter. */
export interface ChapterProgress {
  /** Fraction of the chapter scrolled through, 0..1. */
  readonly scroll: number;
  /** When it was last opened (ms since epoch, from the browser clock). */
  readonly visitedAt: number;
}

/** The whole progress record. */
export interface Progress {
  readonly version: 1;
  readonly chapters: Readonly<Record<string, ChapterProgress>>;
  readonly last?: string;
}

/** Empty progress. */
export const EMPTY_PROGRESS: Progress = { version: 1, chapters: {} };

const SLUG = /^[a-z0-9][a-z0-9-]{0,80}$/;

/** Longest stored record read at all: 14 chapters need well under 2 KB; a huge value must not cost a parse. */
export const MAX_PROGRESS_CHARS = 16_384;

/**
 * Validate untrusted data into Progress, dropping whatever does not fit. With `known` (the book's
 * chapter slugs) only those are kept, so the record can never grow past the book.
 */
export function sanitizeProgress(raw: unknown, known?: ReadonlySet<string>): Progress {
  if (!raw || typeof raw !== 'object') return EMPTY_PROGRESS;
  const r = raw as { version?: unknown; chapters?: unknown; last?: unknown };
  if (r.version !== 1 || !r.chapters || typeof r.chapters !== 'object' || Array.isArray(r.chapters)) return EMPTY_PROGRESS;
  const chapters: Record<string, ChapterProgress> = {};
  for (const [slug, v] of Object.entries(r.chapters as Record<string, unknown>)) {
    if (!SLUG.test(slug) || (known && !known.has(slug)) || !v || typeof v !== 'object') continue;
    const { scroll, visitedAt } = v as { scroll?: unknown; visitedAt?: unknown };
    if (typeof scroll !== 'number' || !Number.isFinite(scroll) || typeof visitedAt !== 'number' || !Number.isFinite(visitedAt)) continue;
    chapters[slug] = { scroll: Math.min(1, Math.max(0, scroll)), visitedAt };
  }
  const last = typeof r.last === 'string' && chapters[r.last] ? r.last : undefined;
  return last ? { version: 1, chapters, last } : { version: 1, chapters };
}

/** Record a visit (or scroll update) to a chapter; returns the new progress. Never lowers the furthest scroll. */
export function recordVisit(p: Progress, slug: string, scroll: number, now: number, known?: ReadonlySet<string>): Progress {
  if (!SLUG.test(slug) || (known && !known.has(slug))) return p;
  const prev = p.chapters[slug];
  const s = Math.min(1, Math.max(0, Number.isFinite(scroll) ? scroll : 0));
  return {
    version: 1,
    chapters: { ...p.chapters, [slug]: { scroll: Math.max(prev?.scroll ?? 0, s), visitedAt: now } },
    last: slug,
  };
}

/** A chapter counts as read once its end has been reached (scroll fraction at least this). */
export const READ_AT = 0.995;

/** What the contents show for one chapter: opened at all, read to the end, and how far (0..1). */
export interface ChapterState {
  readonly visited: boolean;
  readonly read: boolean;
  readonly fraction: number;
}

/** The state of one chapter in `p` (nothing when progress is not known yet, as on the server). */
export function chapterState(p: Progress | undefined, slug: string): ChapterState {
  const c = p?.chapters[slug];
  if (!c) return { visited: false, read: false, fraction: 0 };
  return { visited: true, read: c.scroll >= READ_AT, fraction: c.scroll };
}

/** Load progress from storage (never throws), keeping only `known` chapters when given. */
export function loadProgress(known?: ReadonlySet<string>): Progress {
  return sanitizeProgress(readJson(PROGRESS_KEY, MAX_PROGRESS_CHARS), known);
}

/** Save progress to storage (never throws). */
export function saveProgress(p: Progress): void {
  writeJson(PROGRESS_KEY, p);
}
