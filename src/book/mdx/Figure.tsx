/**
 * A figure with a caption and a full text alternative; the drawing itself is decorative to assistive tech.
 *
 * On a phone a 640-unit-wide drawing is about 300 px wide, so it is never scrolled sideways; instead:
 * - a figure of `panels` equal side-by-side panels shows them stacked, each cropped from the same
 *   drawing (both layouts are in the server HTML and CSS picks one, so nothing shifts on load);
 * - after load, any label that would render below 11 px is enlarged to 11 px (the drawing scales
 *   with the frame, but its words must stay legible);
 * - a drawing whose labels cannot grow without colliding offers "Enlarge": a modal dialog showing
 *   it at its drawn size, panned sideways with a visible cue, closed by Escape or its button;
 * - a drawing may come with a second `<svg data-layout="narrow">`, laid out for a phone (about
 *   340 units wide, text of 11 units or more). Both are in the server HTML and CSS shows one by
 *   width, so nothing shifts on load; the dialog and print use the wide one.
 */
import { Children, cloneElement, isValidElement, useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';

/** Smallest label size on screen, in CSS pixels. */
export const MIN_LABEL_PX = 11;

/** Props: `alt` must describe everything the picture shows. */
export interface FigureProps {
  id?: string;
  caption: string;
  alt: string;
  /** Number of equal side-by-side panels in the drawing, stacked on narrow screens (default 1). */
  panels?: number | string;
  children: ReactNode;
}

type SvgProps = { viewBox?: string; width?: string | number; height?: string | number; style?: React.CSSProperties };

/** The figure component. */
export function Figure({ id, caption, alt, panels, children }: FigureProps) {
  const ref = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [small, setSmall] = useState(false);
  const [zoomed, setZoomed] = useState(false);
  useEffect(() => {
    const art = ref.current;
    if (!art || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      fitLabels(art);
      setSmall(!!art.querySelector('svg[data-labels="small"]'));
    });
    ro.observe(art);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    if (zoomed) dialog.current?.showModal?.();
  }, [zoomed]);
  const n = Math.max(1, Math.min(4, Math.trunc(Number(panels ?? 1)) || 1));
  const all = Children.toArray(children);
  const isSvg = (c: unknown): c is ReactElement<SvgProps & { 'data-layout'?: string }> => isValidElement(c) && c.type === 'svg';
  // The phone layout, if the chapter drew one; everything else is the wide drawing.
  const narrow = all.find((c) => isSvg(c) && c.props['data-layout'] === 'narrow');
  const wide = narrow ? all.filter((c) => c !== narrow) : children;
  const svg = all.find((c): c is ReactElement<SvgProps> => isSvg(c) && c !== narrow);
  const box = svg?.props.viewBox?.trim().split(/[\s,]+/).map(Number);
  const split = n > 1 && svg && box?.length === 4 && box.every(Number.isFinite);
  return (
    <figure className="figure" id={id} data-figure={id}>
      <div className="figure-art" role="img" aria-label={alt} ref={ref} data-panels={split ? n : undefined} data-narrow={narrow ? '' : undefined}>
        {narrow ? (
          <>
            <div className="figure-whole">{wide}</div>
            <div className="figure-narrow">{narrow}</div>
          </>
        ) : split ? (
          <>
            <div className="figure-whole">{children}</div>
            <div className="figure-stack">
              {Array.from({ length: n }, (_, k) => {
                const [x, y, w, h] = box!;
                return cloneElement(svg!, { key: k, viewBox: `${x + (k * w) / n} ${y} ${w / n} ${h}`, width: '100%', height: undefined });
              })}
            </div>
          </>
        ) : (
          children
        )}
      </div>
      <figcaption>
        {caption}
        {small && (
          <>
            {' '}
            <button type="button" className="figure-zoom" onClick={() => setZoomed(true)} aria-haspopup="dialog">
              Enlarge figure
            </button>
          </>
        )}
      </figcaption>
      {zoomed && (
        <dialog ref={dialog} className="figure-dialog" aria-label={caption} onClose={() => setZoomed(false)}>
          <div className="figure-dialog-head">
            <span aria-hidden="true">Scroll sideways to see all of it ⇆</span>
            <button type="button" onClick={() => dialog.current?.close()}>
              Close
            </button>
          </div>
          <div className="figure-dialog-art" role="img" aria-label={alt} tabIndex={0}>
            {wide}
          </div>
        </dialog>
      )}
    </figure>
  );
}

/**
 * Enlarge every label of the visible drawings in `art` that renders below MIN_LABEL_PX, unless that
 * makes labels collide or run out of the drawing: then the drawing keeps its labels as drawn (it
 * needs a narrow layout of its own) and is marked `data-labels="small"`.
 */
export function fitLabels(art: HTMLElement): void {
  for (const svg of art.querySelectorAll<SVGSVGElement>('svg')) {
    const vb = svg.viewBox?.baseVal;
    const width = svg.getBoundingClientRect().width;
    if (!vb || !vb.width || !width) continue;
    const scale = width / vb.width;
    const texts = [...svg.querySelectorAll<SVGTextElement>('text')].filter((t) => t.textContent?.trim());
    for (const t of texts) {
      // The size as written (on the text or inherited from its group), remembered before any change.
      if (!t.dataset.fontSize) t.dataset.fontSize = String(parseFloat(getComputedStyle(t).fontSize));
      t.style.fontSize = '';
    }
    const before = boxes(texts);
    let changed = false;
    for (const t of texts) {
      const written = Number(t.dataset.fontSize);
      if (Number.isFinite(written) && written > 0 && written * scale < MIN_LABEL_PX) {
        t.style.fontSize = `${(MIN_LABEL_PX / scale).toFixed(2)}px`;
        changed = true;
      }
    }
    if (!changed) {
      delete svg.dataset.labels;
      continue;
    }
    const after = boxes(texts);
    const shapes = boxes([...svg.querySelectorAll<SVGGraphicsElement>('rect')].filter((r) => r.getBBox().width < vb.width * 0.9));
    const bad = after.some(
      (b, i) =>
        (outside(b, vb) && !outside(before[i], vb)) ||
        after.some((c, j) => j > i && overlap(b, c) && !overlap(before[i], before[j])) ||
        // A label inside a box must stay inside it; one clear of a box must stay clear of it.
        shapes.some((r) => (inside(before[i], r) && !inside(b, r)) || (!overlap(before[i], r) && overlap(b, r))),
    );
    if (bad) for (const t of texts) t.style.fontSize = '';
    svg.dataset.labels = bad ? 'small' : 'enlarged';
  }
}

type Box = { x: number; y: number; width: number; height: number } | null;

function boxes(els: SVGGraphicsElement[]): Box[] {
  return els.map((t) => {
    try {
      // In the drawing's units; only labels without their own transform are compared.
      return t.transform.baseVal.numberOfItems === 0 ? t.getBBox() : null;
    } catch {
      return null;
    }
  });
}

function overlap(a: Box, b: Box): boolean {
  if (!a || !b) return false;
  const pad = 1;
  return a.x + pad < b.x + b.width && b.x + pad < a.x + a.width && a.y + pad < b.y + b.height && b.y + pad < a.y + a.height;
}

function inside(a: Box, r: Box): boolean {
  return !!a && !!r && a.x >= r.x - 1 && a.y >= r.y - 1 && a.x + a.width <= r.x + r.width + 1 && a.y + a.height <= r.y + r.height + 1;
}

function outside(a: Box, vb: DOMRect | SVGRect): boolean {
  return !!a && (a.x < vb.x - 2 || a.y < vb.y - 2 || a.x + a.width > vb.x + vb.width + 2 || a.y + a.height > vb.y + vb.height + 2);
}
