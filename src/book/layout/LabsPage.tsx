/** Every lab in one place, each on its default scenario, with a link to the chapter that explains it. */
import { labComponents, labNames } from '../../widgets/registry';
import { Link } from 'react-router';
import { CHAPTERS } from '../toc';
import { useDocumentTitle } from './useDocumentTitle';

/** Route element for `/labs`. */
export function LabsPage() {
  useDocumentTitle('All labs');
  // Not the manifest: it imports every core, and this page is in the entry chunk.
  const labs = labNames;
  return (
    <article className="labs-page prose" aria-labelledby="labs-title">
      <h1 id="labs-title">All labs</h1>
      <p>
        Every lab is a deterministic simulation: the same seed and the same actions always replay the same run, so you can
        pause, step backwards and share an exact moment by link.
      </p>
      <p>
        Every lab is built from the same parts; the <Link to="/lab-kit">lab kit</Link> shows each of them on its own.
      </p>
      {labs.length === 0 && <p>No labs are included in this build.</p>}
      {labs.map((name) => {
        const Lab = labComponents[name];
        const usedIn = CHAPTERS.filter((c) => c.labs?.includes(name));
        return (
          <section key={name} aria-labelledby={`lab-${name}`}>
            <h2 id={`lab-${name}`}>{name.replace(/Lab$/, ' lab')}</h2>
            {usedIn.length > 0 && (
              <p className="labs-used-in">
                Explained in{' '}
                {usedIn.map((c, i) => (
                  <span key={c.slug}>
                    {i > 0 && (i === usedIn.length - 1 ? ' and ' : ', ')}
                    <Link to={`/${c.slug}`}>
                      chapter {c.chapter}, {c.title}
                    </Link>
                  </span>
                ))}
                .
              </p>
            )}
            {/* Each lab on its default scenario; labs with optional experiment panels show them here: this page is for playing. */}
            <Lab id={`labs-${name}`} experiments />
          </section>
        );
      })}
    </article>
  );
}
