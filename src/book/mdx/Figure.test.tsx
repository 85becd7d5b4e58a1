import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Figure } from './Figure';

describe('Figure', () => {
  it('renders a chapter-drawn phone layout beside the wide drawing, for CSS to pick by width', () => {
    const html = renderToStaticMarkup(
      <Figure id="f" caption="c" alt="a">
        <svg viewBox="0 0 640 200"><text>wide</text></svg>
        <svg viewBox="0 0 340 400" data-layout="narrow"><text>narrow</text></svg>
      </Figure>,
    );
    expect(html).toContain('data-narrow=""');
    expect(html).toMatch(/<div class="figure-whole"><svg[^>]*viewBox="0 0 640 200"><text>wide<\/text><\/svg><\/div>/);
    expect(html).toMatch(/<div class="figure-narrow"><svg[^>]*data-layout="narrow"[^>]*><text>narrow<\/text><\/svg><\/div>/);
  });

  it('without a phone layout renders the drawing alone', () => {
    const html = renderToStaticMarkup(
      <Figure id="f" caption="c" alt="a">
        <svg viewBox="0 0 640 200"><text>wide</text></svg>
      </Figure>,
    );
    expect(html).not.toContain('figure-narrow');
    expect(html).not.toContain('data-narrow');
  });
});
