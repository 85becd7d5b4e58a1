/** The glossary: every term with its definition, each with a stable anchor. */
import { GLOSSARY, glossaryEntry } from '../glossary';
import { useDocumentTitle } from './useDocumentTitle';

/** Route element for `/glossary`. */
export function GlossaryPage() {
  useDocumentTitle('Glossary');
  // A–Z index: each letter links to the first term under it; letters with no term are shown dimmed.
  const letterOf = (term: string) => term.trim().charAt(0).toUpperCase();
  const firstByLetter = new Map<string, string>();
  for (const g of GLOSSARY) if (!firstByLetter.has(letterOf(g.term))) firstByLetter.set(letterOf(g.term), g.id);
  return (
    <article className="glossary prose" aria-labelledby="glossary-title">
      <h1 id="glossary-title">Glossary</h1>
      <p>
        {GLOSSARY.length} terms used in the book. Terms in the chapters link here; hover, focus or tap one to see its definition in
        place.
      </p>
      <nav className="glossary-index" aria-label="Glossary A to Z">
        <ol>
          {'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => (
            <li key={l}>
              {firstByLetter.has(l) ? (
                <a href={`#letter-${l}`} aria-label={`Terms starting with ${l}`}>
                  {l}
                </a>
              ) : (
                <span aria-hidden="true">{l}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <dl>
        {GLOSSARY.map((g) => (
          <div key={g.id} className="glossary-entry" id={g.id} tabIndex={-1}>
            <dt>
              {firstByLetter.get(letterOf(g.term)) === g.id && <span className="glossary-letter" id={`letter-${letterOf(g.term)}`} aria-hidden="true" />}
              {g.term}
            </dt>
            <dd>
              {g.definition}
              {g.see && g.see.length > 0 && (
                <span className="glossary-see">
                  {' '}
                  See also:{' '}
                  {g.see
                    .map((s) => glossaryEntry(s))
                    .filter((s) => !!s)
                    .map((s, i) => (
                      <span key={s!.id}>
                        {i > 0 && ', '}
                        <a href={`#${s!.id}`}>{s!.term}</a>
                      </span>
                    ))}
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
