/**
 * A figure with a caption and a full text alternative; the drawing itself is decorative to assistive tech.
 * On narrow screens the drawing keeps a minimum width and scrolls sideways inside its frame (focusable,
 * so keyboard users can scroll it) rather than shrinking its labels below legibility.
 */
import type { ReactNode } from 'react';

/** Props: `alt` must describe everything the picture shows. */
export function Figure({ id, caption, alt, children }: { id?: string; caption: string; alt: string; children: ReactNode }) {
  return (
    <figure className="figure" id={id} data-figure={id}>
      <div className="figure-art" role="img" aria-label={alt} tabIndex={0}>
        {children}
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
