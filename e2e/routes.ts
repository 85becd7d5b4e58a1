/** Every route of the built site, derived from the content files exactly as the build does. */
import { resolve } from 'node:path';
import { readContentFiles } from '../src/book/content/files';
import { buildToc } from '../src/book/content/loader';

const toc = buildToc(readContentFiles(resolve(import.meta.dirname, '..')));

/** Chapters in reading order. */
export const chapters = toc.flatMap((p) => p.chapters);

/** All pages: path (relative to the base URL) and the heading it must show. */
export const routes: { path: string; heading: string | RegExp }[] = [
  { path: '', heading: 'Understanding Distributed Systems' },
  ...chapters.map((c) => ({ path: c.slug, heading: c.title })),
  { path: 'glossary', heading: 'Glossary' },
  { path: 'labs', heading: 'All labs' },
  { path: 'lab-kit', heading: 'Lab kit' },
];
