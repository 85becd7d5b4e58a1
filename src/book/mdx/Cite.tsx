/** Inline citations and the chapter's reference list. */
import references from 'virtual:book/references';
import type { Reference } from '../content/types';
import { useChapter } from './ChapterContext';

const byId = new Map<string, Reference>(references.map((r) => [r.id, r]));

/** "Lamport 1978"-style short label: first author's surname, "et al." for 3+, "&" for two. */
export function shortCite(r: Reference): string {
  const names = r.authors.split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean);
  const surname = (n: string) => n.trim().split(/\s+/).pop() ?? n;
  const who = names.length >= 3 ? `${surname(names[0])} et al.` : names.length === 2 ? `${surname(names[0])} & ${surname(names[1])}` : surname(names[0] ?? r.authors);
  return `${who} ${r.year}`;
}

/** Inline citation linking to the reference list. */
export function Cite({ id }: { id: string }) {
  const r = byId.get(id);
  if (!r) return <span className="cite cite-missing">[?]</span>;
  return (
    <a className="cite" href={`#ref-${id}`}>
      ({shortCite(r)})
    </a>
  );
}

/** The chapter's references, in order of first citation. */
export function References() {
  const { citations } = useChapter();
  const list = citations.map((id) => byId.get(id)).filter((r): r is Reference => !!r);
  if (!list.length) return null;
  return (
    <section className="references" aria-labelledby="references">
      <h2 id="references">References</h2>
      <ol>
        {list.map((r) => (
          <li key={r.id} id={`ref-${r.id}`}>
            {r.authors}. {r.url ? <a href={r.url}>{r.title}</a> : <cite>{r.title}</cite>}.{r.venue ? ` ${r.venue},` : ''} {r.year}.
          </li>
        ))}
      </ol>
    </section>
  );
}
