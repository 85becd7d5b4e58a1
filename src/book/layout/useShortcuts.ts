/**
 * Book-level keyboard shortcuts: "/" or Ctrl/⌘-K opens search; "[" and "]" go to the previous and
 * next chapter. They never fire while typing, while a modifier is held (except Ctrl/⌘-K), or while
 * focus is inside a lab or the narration bar, which own their keys.
 */
import { useEffect, useRef } from 'react';

/** Callbacks for the shortcuts. */
export interface ShortcutHandlers {
  onSearch(): void;
  onPrev(): void;
  onNext(): void;
}

/** True when a key event should be left alone by page-level shortcuts. */
export function isOwnedElsewhere(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  if (el.isContentEditable) return true;
  return !!el.closest('input, textarea, select, [contenteditable], [data-lab], [data-narration], [role="dialog"]');
}

/** Install the shortcuts for the lifetime of the component. */
export function useShortcuts(handlers: ShortcutHandlers) {
  // Keep the latest handlers in a ref so the listener is installed once, not on every render.
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const h = { onSearch: () => ref.current.onSearch(), onPrev: () => ref.current.onPrev(), onNext: () => ref.current.onNext() };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        h.onSearch();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isOwnedElsewhere(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        h.onSearch();
      } else if (e.key === '[') h.onPrev();
      else if (e.key === ']') h.onNext();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
