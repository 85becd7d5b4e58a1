/** Per-chapter data that MDX components need (e.g. the citation order for <References/>). */
import { createContext, useContext } from 'react';

/** Data about the chapter being rendered. */
export interface ChapterContextValue {
  readonly slug: string;
  readonly citations: readonly string[];
}

/** Provided by the chapter page around the MDX content. */
export const ChapterContext = createContext<ChapterContextValue>({ slug: '', citations: [] });

/** Read the current chapter's context. */
export function useChapter(): ChapterContextValue {
  return useContext(ChapterContext);
}
