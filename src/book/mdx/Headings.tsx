/** Headings with a visible "#" anchor link so readers can copy a deep link to any section. */
import type { ComponentProps } from 'react';

function anchored(Tag: 'h2' | 'h3') {
  return function Heading({ id, children, ...rest }: ComponentProps<'h2'>) {
    return (
      <Tag id={id} {...rest}>
        {children}
        {id && (
          <a className="heading-anchor" href={`#${id}`} aria-label="Link to this section">
            #
          </a>
        )}
      </Tag>
    );
  };
}

/** Section heading. */
export const H2 = anchored('h2');
/** Subsection heading. */
export const H3 = anchored('h3');

/** Tables scroll inside their own focusable region so a wide table never widens the page. */
export function Table(props: ComponentProps<'table'>) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Table">
      <table {...props} />
    </div>
  );
}

/** Code blocks scroll horizontally inside a focusable region for the same reason. */
export function Pre(props: ComponentProps<'pre'>) {
  return <pre tabIndex={0} {...props} />;
}
