/** The 404 page (also written to 404.html for static hosts). */
import { Link } from 'react-router';
import { CHAPTERS } from '../toc';
import { useDocumentTitle } from './useDocumentTitle';

/** Shown for any unknown URL. */
export function NotFound() {
  useDocumentTitle('Page not found');
  return (
    <article className="not-found prose" aria-labelledby="nf-title">
      <h1 id="nf-title">Page not found</h1>
      <p>There is no page at this address. Perhaps a link was mistyped, or a chapter moved.</p>
      <p>
        <Link to="/">Go to the cover</Link> or pick a chapter:
      </p>
      <ol>
        {CHAPTERS.map((c) => (
          <li key={c.slug}>
            <Link to={'/' + c.slug}>{c.title}</Link>
          </li>
        ))}
      </ol>
    </article>
  );
}
