/**
 * Width, in CSS pixels, that an SVG's coordinate system should use so its text is drawn at its
 * real size: the element's measured width on the client (kept current with a ResizeObserver),
 * `fallback` on the server and before the first measurement, so hydration matches.
 */
import { useEffect, useState, type RefObject } from 'react';

/** Measured width of `ref`'s element, clamped to [min, max]; `fallback` until measured. */
export function useSvgWidth(ref: RefObject<Element | null>, fallback: number, min = 300, max = 960): number {
  const [w, setW] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const px = el.getBoundingClientRect().width;
      if (px > 0) setW(Math.round(Math.min(max, Math.max(min, px))));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, min, max]);
  return w;
}
