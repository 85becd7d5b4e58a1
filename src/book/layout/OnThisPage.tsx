/** On-page contents that highlight the section being read. */
import { useEffect, useState } from 'react';

/** One heading of the chapter. */
export interface TocHeading {
  readonly depth: 2 | 3;
  readonly id: string;
  readonly text: string;
}

/** The section whose heading was passed most recently while scrolling down. */
export function activeHeading(ids: readonly string[], tops: readonly number[], offset: number): string | undefined {
  let active: string | undefined;
  for (let i = 0; i < ids.length; i++) if (tops[i] - offset <= 0) active = ids[i];
  return active ?? ids[0];
}

/** "On this page" list. */
export function OnThisPage({ headings }: { headings: readonly TocHeading[] }) {
  const [active, setActive] = useState<string | undefined>(undefined);
  useEffect(() => {
    const ids = headings.map((h) => h.id);
    let raf = 0;
    const update = () => {
      raf = 0;
      const tops = ids.map((id) => document.getElementById(id)?.getBoundingClientRect().top ?? Infinity);
      setActive(activeHeading(ids, tops, 96));
    };
    update();
    const onScroll = () => {
      if (!raf) raf = requestAnimationFrame(update);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      if (raf) cancelAnimationFrame(raf);
    };
  }, [headings]);
  if (!headings.length) return null;
  return (
    <nav className="on-this-page" aria-label="On this page">
      <p className="on-this-page-title">On this page</p>
      <ol>
        {headings.map((h) => (
          <li key={h.id} data-depth={h.depth}>
            <a href={`#${h.id}`} aria-current={h.id === active ? 'location' : undefined}>
              {h.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
