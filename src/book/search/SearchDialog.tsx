/**
 * Search dialog: a combobox over a listbox of results (WAI-ARIA APG pattern). Arrow keys move the
 * active result, Enter opens it at the matching section, Esc closes and returns focus.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type MiniSearch from 'minisearch';
import { loadSearchIndex, searchBook, type SearchDoc, type SearchHit } from './searchIndex';

let indexPromise: Promise<MiniSearch<SearchDoc>> | null = null;

function getIndex(): Promise<MiniSearch<SearchDoc>> {
  if (!indexPromise) {
    indexPromise = fetch(`${import.meta.env.BASE_URL}search-index.json`)
      .then((r) => {
        if (!r.ok) throw new Error(`search index: HTTP ${r.status}`);
        return r.text();
      })
      .then(loadSearchIndex)
      .catch((e) => {
        indexPromise = null;
        throw e;
      });
  }
  return indexPromise;
}

/** The modal search dialog. */
export default function SearchDialog({ onClose }: { onClose(): void }) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState<MiniSearch<SearchDoc> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const navigate = useNavigate();
  const listId = useId();

  useEffect(() => {
    returnFocus.current = document.activeElement;
    inputRef.current?.focus();
    getIndex().then(setIndex, (e: Error) => setError(`Search is unavailable: ${e.message}`));
    return () => (returnFocus.current as HTMLElement | null)?.focus?.();
  }, []);

  const hits: SearchHit[] = useMemo(() => (index ? searchBook(index, query) : []), [index, query]);
  useEffect(() => setActive(0), [query]);

  const open = (h: SearchHit) => {
    onClose();
    navigate(`/${h.slug}${h.anchor ? '#' + h.anchor : ''}`);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && hits[active]) {
      e.preventDefault();
      open(hits[active]);
    } else if (e.key === 'Tab') {
      // Only one focusable control: keep focus inside the dialog.
      e.preventDefault();
    }
  };

  const status = error ?? (!index ? 'Loading the index…' : query.trim() ? `${hits.length} result${hits.length === 1 ? '' : 's'}` : 'Type to search the book');

  return (
    <div className="search-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="search-dialog" role="dialog" aria-modal="true" aria-label="Search the book" onKeyDown={onKeyDown}>
        <input
          ref={inputRef}
          type="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
          aria-autocomplete="list"
          aria-label="Search the book"
          placeholder="Search chapters, e.g. read repair"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <p className="search-status" role="status">
          {status}
        </p>
        <ul id={listId} role="listbox" aria-label="Results" className="search-results">
          {hits.map((h, i) => (
            <li
              key={h.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseEnter={() => setActive(i)}
              onClick={() => open(h)}
            >
              <span className="search-hit-heading">{h.heading}</span>
              <span className="search-hit-chapter">{h.chapter}</span>
              <span className="search-hit-excerpt">{h.excerpt}</span>
            </li>
          ))}
        </ul>
        <p className="search-help" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
        </p>
      </div>
    </div>
  );
}
