/** The cover page: what the book is, the four parts, and where to start or continue. */
import { Link } from 'react-router';
import { CHAPTERS, PARTS, chapterBySlug } from '../toc';
import { toRoman } from './Sidebar';
import { useDocumentTitle } from './useDocumentTitle';
import { useProgress } from '../progress/useProgress';
import { CoverPicture } from './CoverPicture';

/** Route element for `/`. */
export function Cover() {
  useDocumentTitle();
  const progress = useProgress();
  const last = progress?.last ? chapterBySlug(progress.last) : undefined;
  const first = CHAPTERS[0];
  return (
    <div className="cover">
      <header className="cover-hero">
        <CoverPicture />
        <p className="chapter-kicker">The interactive edition</p>
        <h1>Understanding Distributed Systems</h1>
        <p className="cover-lede">
          What every backend engineer should know about networks that drop messages, clocks that disagree, and replicas
          that diverge — with labs where you cut the network, skew a clock, crash a Raft leader and watch what breaks.
          Every lab is a deterministic simulation: you can pause it, step backwards, and share the exact moment by link.
        </p>
        <div className="cover-actions">
          {first && (
            <Link className="button primary" to={'/' + first.slug}>
              Start reading
            </Link>
          )}
          {last && (
            <Link className="button" to={'/' + last.slug}>
              Continue where you left off: {last.chapter}. {last.title}
            </Link>
          )}
          <Link className="button" to="/labs">
            Go straight to the labs
          </Link>
        </div>
      </header>
      <ol className="cover-parts">
        {PARTS.map((p) => (
          <li key={p.number} className="cover-part">
            <h2>
              Part {toRoman(p.number)}: {p.title}
            </h2>
            <p>{p.blurb}</p>
            <ol className="cover-chapters">
              {p.chapters.map((c) => (
                <li key={c.slug}>
                  <Link to={'/' + c.slug}>
                    <span className="toc-num">{c.chapter}</span> {c.title}
                  </Link>
                  <span className="cover-chapter-time"> · {c.readingTime} min</span>
                  {progress?.chapters[c.slug] && <span className="badge">read {Math.round(progress.chapters[c.slug].scroll * 100)}%</span>}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </div>
  );
}
