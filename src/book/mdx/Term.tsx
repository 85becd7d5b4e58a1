/**
 * A glossary term: a link to the glossary whose definition pops up on hover, keyboard focus and tap,
 * and closes with Esc. The popup is CSS-driven (:hover/:focus-within) so it also works before
 * hydration; script only adds Esc-to-dismiss and tap-to-open.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { glossaryEntry } from '../glossary';

/** Inline glossary term. */
export function Term({ id, children }: { id: string; children: ReactNode }) {
  const entry = glossaryEntry(id);
  const tipId = useId();
  const [state, setState] = useState<'auto' | 'open' | 'closed'>('auto');
  const wrap = useRef<HTMLSpanElement>(null);
  // An opened definition closes when the reader taps anywhere else.
  useEffect(() => {
    if (state !== 'open') return;
    const onDown = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setState('auto');
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [state]);
  if (!entry) return <span className="term term-missing">{children}</span>;
  return (
    <span
      className="term-wrap"
      ref={wrap}
      data-state={state}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && state !== 'closed') {
          e.stopPropagation();
          setState('closed');
        }
      }}
      onMouseLeave={() => setState('auto')}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setState('auto');
      }}
    >
      <Link
        to={`/glossary#${id}`}
        className="term"
        aria-describedby={tipId}
        onClick={(e) => {
          // On touch, the first tap opens the definition instead of leaving the chapter; a second tap
          // on the open term follows the link. (Decided in the click alone: a pointerup handler that
          // opened it first re-rendered before the click, which then saw it open and navigated.)
          if ((e.nativeEvent as PointerEvent).pointerType === 'touch' && state !== 'open') {
            e.preventDefault();
            setState('open');
          }
        }}
      >
        {children}
      </Link>
      <span className="term-tip" role="tooltip" id={tipId}>
        <strong>{entry.term}.</strong> {entry.definition}
      </span>
    </span>
  );
}
