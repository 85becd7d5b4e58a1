/**
 * Full-text search over the prerendered pages with MiniSearch (fuzzy, prefix, field boosts) rather
 * than a hand-written matcher. The index is built at build time from the HTML of every chapter,
 * one document per section, and loaded lazily the first time search opens.
 */
import MiniSearch, { type Options, type SearchResult } from 'minisearch';

/** One searchable section. */
export interface SearchDoc {
  readonly id: string;
  readonly slug: string;
  readonly anchor: string;
  readonly chapter: string;
  readonly heading: string;
  readonly text: string;
  readonly excerpt: string;
}

/** MiniSearch options shared by the build (indexing) and the browser (loading). */
export const SEARCH_OPTIONS: Options<SearchDoc> = {
  fields: ['heading', 'chapter', 'text'],
  storeFields: ['slug', 'anchor', 'chapter', 'heading', 'excerpt'],
  searchOptions: { boost: { heading: 3, chapter: 1.5 }, prefix: true, fuzzy: 0.15, combineWith: 'AND' },
};

/** A search hit as the dialog shows it. */
export type SearchHit = SearchResult & Pick<SearchDoc, 'slug' | 'anchor' | 'chapter' | 'heading' | 'excerpt'>;

/** Build and serialise an index (build time). */
export function buildSearchIndex(docs: readonly SearchDoc[]): string {
  const ms = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
  ms.addAll(docs as SearchDoc[]);
  return JSON.stringify(ms);
}

/** Load a serialised index (browser). */
export function loadSearchIndex(json: string): MiniSearch<SearchDoc> {
  return MiniSearch.loadJSON<SearchDoc>(json, SEARCH_OPTIONS);
}

/** Run a query; an empty query gives no results. */
export function searchBook(ms: MiniSearch<SearchDoc>, query: string, limit = 12): SearchHit[] {
  const q = query.trim();
  if (!q) return [];
  return ms.search(q).slice(0, limit) as SearchHit[];
}

/**
 * Split a prerendered chapter's HTML into sections at h2/h3 ids (build time, string-based so the
 * build needs no DOM). Text is tag-stripped; svg and script contents are dropped.
 */
export function sectionsFromHtml(html: string, slug: string, chapter: string): SearchDoc[] {
  const body = html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ');
  const parts = body.split(/(?=<h[23][^>]*\sid=")/);
  const docs: SearchDoc[] = [];
  for (const part of parts) {
    const m = /^<h[23][^>]*\sid="([^"]+)"[^>]*>([\s\S]*?)<\/h[23]>/.exec(part);
    const anchor = m ? m[1] : '';
    const heading = m ? clean(m[2]).replace(/\s*#$/, '') : chapter;
    const text = clean(m ? part.slice(m[0].length) : part);
    if (!text) continue;
    docs.push({ id: `${slug}#${anchor}`, slug, anchor, chapter, heading, text, excerpt: text.slice(0, 180) });
  }
  return docs;
}

function clean(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
