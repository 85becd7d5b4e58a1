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
      markProgress(slug, max > 0 ? window.scrollY / max : 1);
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
