/**
 * `/lab-kit`: the lab design system's showcase. The primitives live in src/widgets/shared and load
 * lazily here, so the page costs the rest of the book nothing; the guide is docs/DESIGN-SYSTEM.md.
 * Reachable from the Labs page, not listed in the table of contents.
 */
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from './useDocumentTitle';

const LabKit = lazy(() => import('../../widgets/shared/showcase/LabKit'));

/** Route element for `/lab-kit`. */
export function LabKitPage() {
  useDocumentTitle('Lab kit');
  return (
    <article className="lab-kit-page prose" aria-labelledby="lab-kit-title">
      <h1 id="lab-kit-title">Lab kit</h1>
      <p>
        The parts every lab in this book is built from, each drawn live in your theme with a line on when to use it. To see them at
        work, open <Link to="/labs">all labs</Link>.
      </p>
      <Suspense fallback={<p>Loading the lab kit…</p>}>
        <LabKit />
      </Suspense>
    </article>
  );
}
