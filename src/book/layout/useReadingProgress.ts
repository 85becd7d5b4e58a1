/** Records that a chapter was visited and how far down it has been read. */
import { useEffect } from 'react';
import { markProgress } from '../progress/useProgress';

/** Track the current chapter's scroll position (throttled to animation frames). */
export function useReadingProgress(slug: string) {
  useEffect(() => {
    let raf = 0;
    const measure = () => {
      raf = 0;
      const doc = document.documentElement;
      const max = doc.scrollHeight - window.innerHeight;
      // The end counts as reached within a short screen of the bottom (the pager and footer follow
      // the last paragraph), so a reader who finished the text is not asked to scroll past chrome.
      markProgress(slug, max <= 0 || window.scrollY >= max - 120 ? 1 : window.scrollY / max);
    };
    measure();
    const onScroll = () => {
      if (!raf) raf = requestAnimationFrame(measure);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      if (raf) cancelAnimationFrame(raf);
    };
  }, [slug]);
}
