/** The glossary: every term with its definition, each with a stable anchor. */
import { GLOSSARY, glossaryEntry } from '../glossary';
import { useDocumentTitle } from './useDocumentTitle';

/** Route element for `/glossary`. */
export function GlossaryPage() {
  useDocumentTitle('Glossary');
  return (
    <article className="glossary prose" aria-labelledby="glossary-title">
      <h1 id="glossary-title">Glossary</h1>
      <p>
        {GLOSSARY.length} terms used in the book. Terms in the chapters link here; hover or focus one to see its definition in
        place.
      </p>
      <dl>
        {GLOSSARY.map((g) => (
          <div key={g.id} className="glossary-entry" id={g.id} tabIndex={-1}>
            <dt>{g.term}</dt>
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
