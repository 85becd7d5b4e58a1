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
 * The HTML of the element whose opening tag starts at `at`, balanced by its tag name (build time,
 * string-based so the build needs no DOM). Returns [start, end) offsets; end is the string's length
 * when the element is never closed.
 */
export function elementSpan(html: string, at: number): [number, number] {
  const tag = /^<([a-zA-Z][\w-]*)/.exec(html.slice(at))?.[1];
  if (!tag) return [at, at];
  const re = new RegExp(`<(/?)${tag}\\b[^>]*?(/?)>`, 'gi');
  re.lastIndex = at;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[2]) continue; // self-closing
    depth += m[1] ? -1 : 1;
    if (depth === 0) return [at, m.index + m[0].length];
  }
  return [at, html.length];
}

/** Remove every element whose opening tag matches `open` (a regex over the opening tag), with its content. */
export function removeElements(html: string, open: RegExp): string {
  const re = new RegExp(open.source, open.flags.includes('g') ? open.flags : open.flags + 'g');
  let out = '';
  let from = 0;
  re.lastIndex = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [a, b] = elementSpan(html, m.index);
    out += html.slice(from, a) + ' ';
    from = b;
    re.lastIndex = Math.max(b, m.index + 1);
  }
  return out + html.slice(from);
}

/** The inner HTML of the first element whose opening tag matches `open`, or '' when there is none. */
export function innerOf(html: string, open: RegExp): string {
  const m = open.exec(html);
  if (!m) return '';
  const [a, b] = elementSpan(html, m.index);
  const inner = html.slice(a + m[0].length, b);
  return inner.slice(0, inner.lastIndexOf('</'));
}

/**
 * What never belongs in a search excerpt: labs (indexed once each from the Labs page), glossary
 * popovers (their definitions would show up in every section that uses the term), heading anchors,
 * exercise answers and controls, drawings and scripts.
 */
const NOT_PROSE = [
  /<div[^>]*\sdata-lab-slot="/,
  /<span[^>]*\sclass="term-tip"/,
  /<a[^>]*\sclass="heading-anchor"/,
  /<div[^>]*\sclass="exercise-(?:feedback|actions)"/,
  /<svg\b/,
  /<script\b/,
  /<style\b/,
  /<nav\b/,
];

/**
 * Split a prerendered chapter's HTML into sections at its h2/h3 ids (the ids the chapter sets
 * explicitly, so they are stable between builds). Only the chapter's prose is read: the page's
 * chrome (skip link, header, contents, pager) is outside it, and labs and popovers are removed.
 */
export function sectionsFromHtml(html: string, slug: string, chapter: string): SearchDoc[] {
  let body = innerOf(html, /<div[^>]*\sclass="prose"[^>]*>/);
  for (const re of NOT_PROSE) body = removeElements(body, re);
  const parts = body.split(/(?=<h[23][^>]*\sid=")/);
  const docs: SearchDoc[] = [];
  for (const part of parts) {
    const m = /^<h[23][^>]*\sid="([^"]+)"[^>]*>([\s\S]*?)<\/h[23]>/.exec(part);
    const anchor = m ? m[1] : '';
    const heading = m ? clean(m[2]) : chapter;
    const text = clean(m ? part.slice(m[0].length) : part);
    if (!text) continue;
    docs.push({ id: `${slug}#${anchor}`, slug, anchor, chapter, heading, text, excerpt: excerptOf(text) });
  }
  return docs;
}

/**
 * One document per lab, from the Labs page (`/labs`): the lab's title, its default scenario's
 * description (the excerpt) and its scenario names, linked to the lab's stable heading there.
 */
export function labsFromHtml(html: string): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const m of html.matchAll(/<h2 id="(lab-\w+)"[^>]*>/g)) {
    const [, end] = elementSpan(html, m.index);
    const next = html.indexOf('<h2 id="lab-', end);
    const section = html.slice(m.index, next < 0 ? html.length : next);
    const title = clean(innerOf(section, /<h3[^>]*class="lab-title"[^>]*>/)) || clean(innerOf(section, /<h2[^>]*>/));
    const description = clean(innerOf(section, /<p[^>]*class="lab-description"[^>]*>/));
    const scenarios = [...section.matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map((o) => clean(o[1]));
    const anchor = m[1];
    docs.push({
      id: `labs#${anchor}`,
      slug: 'labs',
      anchor,
      chapter: 'All labs',
      heading: title,
      text: [description, ...scenarios].join(' '),
      excerpt: excerptOf(description),
    });
  }
  return docs;
}

/** At most ~180 characters, cut at a word. */
function excerptOf(text: string): string {
  if (text.length <= 180) return text;
  const cut = text.slice(0, 180);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), 120)) + '…';
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
    .replace(/\s+([.,;:!?)])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
