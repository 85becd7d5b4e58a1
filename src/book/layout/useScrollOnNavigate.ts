/** On client-side navigation, scroll to the #hash target (and focus it) or to the top. */
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** `decodeURIComponent` that keeps a malformed fragment (`#%E0%A4%A`) as written instead of throwing outside any error boundary. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Scroll handling for library-mode routing (which has no built-in scroll restoration). */
export function useScrollOnNavigate() {
  const { pathname, hash } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    // On the first load the browser already handled the hash.
    if (first.current) {
      first.current = false;
      return;
    }
    const id = safeDecode(hash.slice(1));
    // Wait a frame so a freshly loaded chapter has rendered its headings.
    const raf = requestAnimationFrame(() => {
      const el = id ? document.getElementById(id) : null;
      if (el) {
        el.scrollIntoView({ block: 'start' });
        if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
        el.focus({ preventScroll: true });
      } else {
        window.scrollTo(0, 0);
        document.getElementById('main')?.focus({ preventScroll: true });
      }
    });
    return () => cancelAnimationFrame(raf);
  }, [pathname, hash]);
}
