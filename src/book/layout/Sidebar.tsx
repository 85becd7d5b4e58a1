/** The book's table of contents: four parts and their chapters, with reading progress. */
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { PARTS } from '../toc';
import { useProgress } from '../progress/useProgress';
import { chapterState } from '../progress/progress';

/** Props of {@link Sidebar}. */
export interface SidebarProps {
  id: string;
  current: string;
  /** True while it is open as the phone drawer (a modal dialog); false on wide screens and when closed. */
  drawer?: boolean;
  /** Close the drawer (its close button, Escape, a backdrop tap). */
  onClose?(): void;
}

const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Sidebar navigation. On wide screens a sticky column; on narrow ones a modal drawer opened by the
 * header's Contents button: focus moves in and is trapped while open, Escape, the close button or a
 * tap on the backdrop closes it, and focus returns to whatever opened it.
 */
export function Sidebar({ id, current, drawer = false, onClose }: SidebarProps) {
  const progress = useProgress();
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!drawer) return;
    const opener = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose?.();
      } else if (e.key === 'Tab' && ref.current) {
        const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
        if (!items.length) return;
        const first = items[0];
        const last = items[items.length - 1];
        const inside = ref.current.contains(document.activeElement);
        if (e.shiftKey && (document.activeElement === first || !inside)) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    // The page behind must not scroll under the drawer.
    const overflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => {
      document.removeEventListener('keydown', onKey);
      document.body.style.overflow = overflow;
      // Back to the opener, unless the reader followed a link (then the new page's focus handling wins).
      if (opener?.isConnected && !document.activeElement?.closest('main')) opener.focus();
    };
  }, [drawer, onClose]);

  return (
    <>
      {drawer && <div className="nav-backdrop" aria-hidden="true" onClick={onClose} data-testid="nav-backdrop" />}
      <div
        className="sidebar"
        id={id}
        ref={ref}
        role={drawer ? 'dialog' : undefined}
        aria-modal={drawer || undefined}
        aria-label={drawer ? 'Contents' : undefined}
      >
        <div className="drawer-head">
          <span className="drawer-title">Contents</span>
          <button ref={closeRef} type="button" className="drawer-close" onClick={onClose} aria-label="Close contents">
            <span aria-hidden="true">✕</span>
          </button>
        </div>
        <nav aria-label="Book contents">
          <ol className="toc-parts">
            {PARTS.map((p) => (
              <li key={p.number} className="toc-part">
                <p className="toc-part-title">
                  Part {toRoman(p.number)} · {p.title}
                </p>
                <ol className="toc-chapters">
                  {p.chapters.map((c) => {
                    const st = chapterState(progress, c.slug);
                    return (
                      <li key={c.slug}>
                        <Link
                          to={'/' + c.slug}
                          aria-current={c.slug === current ? 'page' : undefined}
                          data-visited={st.visited || undefined}
                          data-read={st.read || undefined}
                          style={st.visited && !st.read ? ({ '--read': `${Math.round(st.fraction * 100)}%` } as React.CSSProperties) : undefined}
                        >
                          <span className="toc-num">{c.chapter}</span> {c.title}
                          {st.read ? (
                            <span className="visually-hidden"> (read)</span>
                          ) : st.fraction > 0 ? (
                            <span className="visually-hidden"> ({Math.round(st.fraction * 100)}% read)</span>
                          ) : null}
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
      </div>
    </>
  );
}

/** Roman numeral for part numbers 1–10. */
export function toRoman(n: number): string {
  return ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][n] ?? String(n);
}
