/**
 * Server entry used only by the prerenderer (scripts/prerender.ts): renders one route to HTML with
 * `react-dom/static`, which waits for lazy labs and chapter modules so the HTML is complete.
 */
import { StrictMode } from 'react';
import { prerenderToNodeStream } from 'react-dom/static';
import { StaticRouter } from 'react-router';
import { App } from './book/App';
import { CHAPTERS, chapterBySlug, PARTS } from './book/toc';
import { loadChapter } from './book/chapters';
import { GLOSSARY } from './book/glossary';
import { pageTitle } from './book/layout/useDocumentTitle';
import { THEME_BOOT_SCRIPT } from './book/theme/theme';

/** One page to write: its URL path (no base), output file, title and description. */
export interface PageSpec {
  readonly path: string;
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly chapterSlug?: string;
}

const BOOK_DESCRIPTION =
  'An interactive textbook on distributed systems for working engineers, with deterministic, replayable labs.';

/** Every page of the site (derived from the table of contents). */
export function pages(): PageSpec[] {
  return [
    { path: '/', file: 'index.html', title: pageTitle(), description: BOOK_DESCRIPTION },
    ...CHAPTERS.map((c) => ({ path: '/' + c.slug, file: `${c.slug}.html`, title: pageTitle(c.title), description: c.summary, chapterSlug: c.slug })),
    { path: '/glossary', file: 'glossary.html', title: pageTitle('Glossary'), description: `${GLOSSARY.length} terms used in the book.` },
    { path: '/labs', file: 'labs.html', title: pageTitle('All labs'), description: 'Every interactive lab in the book.' },
    { path: '/lab-kit', file: 'lab-kit.html', title: pageTitle('Lab kit'), description: 'The parts every lab in the book is built from, drawn live.' },
    { path: '/404', file: '404.html', title: pageTitle('Page not found'), description: BOOK_DESCRIPTION },
  ];
}

const basename = import.meta.env.BASE_URL.replace(/\/$/, '') || '/';

/** Render one route to an HTML string (the app markup only). `path` excludes the base path. */
export async function renderPage(path: string): Promise<string> {
  const chapter = chapterBySlug(path.replace(/^\/+|\/+$/g, ''));
  if (chapter) await loadChapter(chapter.file);
  const { prelude } = await prerenderToNodeStream(
    <StrictMode>
      <StaticRouter basename={basename} location={basename === '/' ? path : basename + path}>
        <App />
      </StaticRouter>
    </StrictMode>,
    // Without this React splits large Suspense boundaries (our labs) into hidden segments that only
    // script reveals; a static page must show every poster frame with JavaScript off.
    { progressiveChunkSize: Number.POSITIVE_INFINITY },
  );
  const chunks: Buffer[] = [];
  for await (const c of prelude) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Things the prerenderer needs besides rendering. */
export const meta = { PARTS, CHAPTERS, THEME_BOOT_SCRIPT };
