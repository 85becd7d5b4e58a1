/** A chapter: header, MDX body with the component registry, on-page contents, previous/next links. */
import { lazy, memo, Suspense, use, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { chapterBySlug, neighbours, PARTS } from '../toc';
import { cachedChapter, loadChapter, type ChapterModule } from '../chapters';
import { mdxComponents } from '../mdx/components';
import { ChapterContext } from '../mdx/ChapterContext';
import { ErrorBoundary } from '../ErrorBoundary';
import { OnThisPage } from './OnThisPage';
import { NotFound } from './NotFound';
import { toRoman } from './Sidebar';
import { useDocumentTitle } from './useDocumentTitle';
import { useReadingProgress } from './useReadingProgress';
import type { ChapterMeta } from '../content/types';

// The narration bar is optional at build time: import.meta.glob yields nothing if the file is absent.
const narrationModules = import.meta.glob<{ default: React.ComponentType<{ chapter: string }> }>('../../narration/player/NarrationBar.tsx');
const narrationLoader = Object.values(narrationModules)[0];
const NarrationBar = narrationLoader ? lazy(narrationLoader) : null;

/** Route element for `/:slug`. */
export function ChapterRoute() {
  const { slug = '' } = useParams();
  const meta = chapterBySlug(slug);
  if (!meta) return <NotFound />;
  return <ChapterPage key={meta.slug} meta={meta} />;
}

function ChapterPage({ meta }: { meta: ChapterMeta }) {
  const mod = cachedChapter(meta.file) ?? use(loadChapter(meta.file));
  const { prev, next } = neighbours(meta.slug);
  const part = PARTS.find((p) => p.number === meta.part);
  const Content = mod.default;
  useDocumentTitle(meta.title);
  useReadingProgress(meta.slug);

  return (
    <div className="chapter-layout">
      <article className="chapter" aria-labelledby="chapter-title">
        <header className="chapter-header">
          <p className="chapter-kicker">
            Part {toRoman(meta.part)}{part ? ` · ${part.title}` : ''} · Chapter {meta.chapter}
          </p>
          <h1 id="chapter-title">{meta.title}</h1>
          <p className="chapter-meta">{meta.readingTime} min read</p>
        </header>
        {/* The slot reserves the collapsed bar's height in the server HTML, so mounting it moves nothing. */}
        <div className="narration-slot">
          <ClientNarration chapter={meta.slug} />
        </div>
        <ChapterContext.Provider value={{ slug: meta.slug, citations: mod.citations ?? [] }}>
          <ErrorBoundary label="This chapter">
            <ChapterBody Content={Content} />
          </ErrorBoundary>
        </ChapterContext.Provider>
        <nav className="pager" aria-label="Chapters">
          {prev ? (
            <Link to={'/' + prev.slug} rel="prev" className="pager-prev" aria-keyshortcuts="[">
              <span className="pager-dir">← Previous</span>
              <span className="pager-title">
                {prev.chapter}. {prev.title}
              </span>
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link to={'/' + next.slug} rel="next" className="pager-next" aria-keyshortcuts="]">
              <span className="pager-dir">Next →</span>
              <span className="pager-title">
                {next.chapter}. {next.title}
              </span>
            </Link>
          ) : (
            <Link to="/glossary" className="pager-next">
              <span className="pager-dir">Next →</span>
              <span className="pager-title">Glossary</span>
            </Link>
          )}
        </nav>
      </article>
      <OnThisPage headings={mod.headings ?? []} />
    </div>
  );
}

/**
 * The MDX body, memoised: it is the largest tree on the page, and nothing the chapter page changes
 * after hydration (narration mounting, progress) should make React walk it again.
 */
const ChapterBody = memo(function ChapterBody({ Content }: { Content: ChapterModule['default'] }) {
  return (
    <div className="prose">
      <Content components={mdxComponents} />
    </div>
  );
});

/** The narration bar, mounted only on the client after hydration (it has no server rendering). */
function ClientNarration({ chapter }: { chapter: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!NarrationBar || !ready) return null;
  return (
    <ErrorBoundary label="Narration">
      <Suspense fallback={null}>
        <NarrationBar chapter={chapter} />
      </Suspense>
    </ErrorBoundary>
  );
}
