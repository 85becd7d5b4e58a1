/**
 * Loads chapter modules on demand (one chunk per chapter) and caches them, so a route can render
 * synchronously once its module is in: the server and the client both load the current chapter
 * before the first render, which keeps hydration exact.
 */
import type { ComponentType } from 'react';

/** What a compiled chapter module exports. */
export interface ChapterModule {
  default: ComponentType<{ components?: Record<string, unknown> }>;
  frontmatter: Record<string, unknown>;
  headings: { depth: 2 | 3; id: string; text: string }[];
  citations: string[];
}

const loaders = import.meta.glob<ChapterModule>('/content/*/*.mdx');
const cache = new Map<string, ChapterModule>();
const pending = new Map<string, Promise<ChapterModule>>();

/** Start (or reuse) loading a chapter module by its file path. */
export function loadChapter(file: string): Promise<ChapterModule> {
  const hit = cache.get(file);
  if (hit) return Promise.resolve(hit);
  let p = pending.get(file);
  if (!p) {
    const loader = loaders[file];
    if (!loader) return Promise.reject(new Error(`No chapter module at ${file}`));
    p = loader().then((m) => {
      cache.set(file, m);
      pending.delete(file);
      return m;
    });
    pending.set(file, p);
  }
  return p;
}

/** The module if already loaded, else undefined. */
export function cachedChapter(file: string): ChapterModule | undefined {
  return cache.get(file);
}
