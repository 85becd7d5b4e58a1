/** A figure with a caption and a full text alternative; the drawing itself is decorative to assistive tech. */
import type { ReactNode } from 'react';

/** Props: `alt` must describe everything the picture shows. */
export function Figure({ id, caption, alt, children }: { id?: string; caption: string; alt: string; children: ReactNode }) {
  return (
    <figure className="figure" id={id} data-figure={id}>
      <div className="figure-art" role="img" aria-label={alt}>
        {children}
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
