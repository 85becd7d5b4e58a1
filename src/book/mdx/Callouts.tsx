/** Callouts authors use in chapters: summary, key concept card, misconception, deep dive, what to remember. */
import type { ReactNode } from 'react';

/** One-paragraph chapter summary at the top. */
export function Summary({ children }: { children: ReactNode }) {
  return (
    <section className="chapter-summary" aria-label="Chapter summary">
      {children}
    </section>
  );
}

/** A key-concept card. Its id is stable: narration stop cues focus it, so it is focusable by script. */
export function KeyConcept({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <aside className="callout key-concept" id={id} tabIndex={-1} aria-labelledby={`${id}-title`} data-card={id}>
      <p className="callout-kicker">Key concept</p>
      {/* A paragraph, not a heading: cards sit anywhere in the outline and must not break heading order. */}
      <p className="callout-title" id={`${id}-title`}>
        {title}
      </p>
      <div className="callout-body">{children}</div>
    </aside>
  );
}

/** A "common misconception" callout, used where folklore (or our own seed text) gets it wrong. */
export function Misconception({ title, children }: { title: string; children: ReactNode }) {
  return (
    <aside className="callout misconception" aria-label={`Common misconception: ${title}`}>
      <p className="callout-kicker">Common misconception</p>
      <p className="callout-title">{title}</p>
      <div className="callout-body">{children}</div>
    </aside>
  );
}

/** Optional depth, collapsed by default (native <details>: keyboard and no-JS friendly). */
export function DeepDive({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="callout deep-dive">
      <summary>
        <span className="callout-kicker">Deep dive</span> {title}
      </summary>
      <div className="callout-body">{children}</div>
    </details>
  );
}

/** The "what to remember" list at the end of a chapter. */
export function Remember({ children }: { children: ReactNode }) {
  return (
    <section className="callout remember" aria-labelledby="what-to-remember">
      <h2 id="what-to-remember">What to remember</h2>
      {children}
    </section>
  );
}
