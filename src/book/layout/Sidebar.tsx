/** The book's table of contents: four parts and their chapters, with visited marks. */
import { Link } from 'react-router';
import { PARTS } from '../toc';
import { useProgress } from '../progress/useProgress';

/** Sidebar navigation; collapsible on narrow screens via the header's Contents button. */
export function Sidebar({ id, current }: { id: string; current: string }) {
  const progress = useProgress();
  return (
    <nav className="sidebar" id={id} aria-label="Book contents">
      <ol className="toc-parts">
        {PARTS.map((p) => (
          <li key={p.number} className="toc-part">
            <p className="toc-part-title">
              Part {toRoman(p.number)} · {p.title}
            </p>
            <ol className="toc-chapters">
              {p.chapters.map((c) => {
                const visited = !!progress?.chapters[c.slug];
                return (
                  <li key={c.slug}>
                    <Link to={'/' + c.slug} aria-current={c.slug === current ? 'page' : undefined} data-visited={visited || undefined}>
                      <span className="toc-num">{c.chapter}</span> {c.title}
                      {visited && <span className="visually-hidden"> (visited)</span>}
                    </Link>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
      <ul className="toc-extra">
        <li>
          <Link to="/labs" aria-current={current === 'labs' ? 'page' : undefined}>
            All labs
          </Link>
        </li>
        <li>
          <Link to="/glossary" aria-current={current === 'glossary' ? 'page' : undefined}>
            Glossary
          </Link>
        </li>
      </ul>
    </nav>
  );
}

/** Roman numeral for part numbers 1–10. */
export function toRoman(n: number): string {
  return ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][n] ?? String(n);
}
