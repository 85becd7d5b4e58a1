import { describe, expect, it } from 'vitest';
import { escapeHtml, injectPage } from './prerender-html';
import { basePath } from '../src/book/build/base-path';
import { sectionsFromHtml } from '../src/book/search/searchIndex';

const template = '<head><!--app-head--><script>/*theme-boot*/</script></head><div id="root"><!--app-html--></div>';

describe('injectPage', () => {
  it('fills title, description, theme script and body, escaping the metadata', () => {
    const out = injectPage(template, { html: '<p>$& body</p>', title: 'A <b> & "c"', description: 'd', themeScript: 'boot()' });
    expect(out).toContain('<title>A &lt;b&gt; &amp; &quot;c&quot;</title>');
    expect(out).toContain('<script>boot()</script>');
    // "$&" must be copied literally, not treated as a replacement pattern.
    expect(out).toContain('<div id="root"><p>$& body</p></div>');
  });
  it('refuses a template that lost a placeholder', () => {
    expect(() => injectPage('<html></html>', { html: '', title: '', description: '', themeScript: '' })).toThrow(/missing/);
  });
  it('escapes all HTML specials', () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});

describe('basePath', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['book', '/book/'],
    ['/some/prefix/', '/some/prefix/'],
  ])('normalises %j to %j', (raw, want) => expect(basePath(raw)).toBe(want));
  it('rejects characters that would break URLs', () => {
    expect(() => basePath('/a b/')).toThrow(/BASE_PATH/);
  });
});

describe('sectionsFromHtml', () => {
  it('splits a chapter at h2/h3 ids and strips markup, svg and scripts', () => {
    const html = '<p>Intro text.</p><h2 id="one">First<a>#</a></h2><p>Alpha <em>beta</em></p><svg><text>no</text></svg><h3 id="two">Second</h3><p>Gamma</p>';
    const docs = sectionsFromHtml(html, 'ch', 'Chapter');
    expect(docs.map((d) => [d.anchor, d.heading, d.text])).toEqual([
      ['', 'Chapter', 'Intro text.'],
      ['one', 'First', 'Alpha beta'],
      ['two', 'Second', 'Gamma'],
    ]);
  });
});

import { htmlFileFor } from '../src/book/build/preview-404';

describe('htmlFileFor (static-host routing in preview)', () => {
  it.each([
    ['/', 'index.html'],
    ['/networks', 'networks.html'],
    ['/networks/', 'networks.html'],
    ['/assets/app.js', undefined],
    // Dot-segments cannot climb out of dist/: normalisation keeps the path under the root.
    ['/../etc/passwd', 'etc/passwd.html'],
    ['/a/../../b', 'b.html'],
  ])('%s → %s', (path, want) => expect(htmlFileFor(path)).toBe(want));
});

import { inlineStyle, inlineStylesheet } from './prerender-html';

describe('inlineStylesheet', () => {
  it('swaps the link for a style element and neutralises a closing tag inside the CSS', () => {
    const html = '<head><link rel="stylesheet" crossorigin href="/base/assets/i-1.css"></head>';
    const out = inlineStylesheet(html, '/base/assets/i-1.css', 'a{content:"</style>"}');
    expect(out).toBe('<head><style>a{content:"<\\/style>"}</style></head>');
  });
  it('leaves a page without that stylesheet alone', () => {
    expect(inlineStylesheet('<head></head>', '/x.css', 'a{}')).toBe('<head></head>');
  });
  it('names the source file of an inlined lab stylesheet, stripped of anything that could leave the attribute', () => {
    expect(inlineStyle('.a{}', 'assets/RaftLab-x1.css')).toBe('<style data-source="assets/RaftLab-x1.css">.a{}</style>');
    expect(inlineStyle('.a{}', 'a"><script>.css')).toBe('<style data-source="ascript.css">.a{}</style>');
  });
});

import { chunk } from '../src/book/mdx/ChunkedWrapper';

describe('chunk (hydration groups of a chapter body)', () => {
  it('keeps every block, in order, in groups of at most the given size', () => {
    const items = Array.from({ length: 13 }, (_, i) => i);
    const groups = chunk(items, 6);
    expect(groups.map((g) => g.length)).toEqual([6, 6, 1]);
    expect(groups.flat()).toEqual(items);
    expect(chunk([], 6)).toEqual([]);
  });
});

import { labStylesheets } from './prerender-html';

describe('labStylesheets', () => {
  it('collects the CSS of each named lab and of what it imports (except the inlined entry), once each, in dependency order', () => {
    const manifest = {
      'src/widgets/raft/RaftLab.tsx': { file: 'assets/RaftLab.js', imports: ['_shared.js'], css: ['assets/RaftLab.css'] },
      'src/widgets/clocks/ClockLab.tsx': { file: 'assets/ClockLab.js', imports: ['_shared.js'], css: ['assets/ClockLab.css'] },
      '_shared.js': { file: 'assets/shared.js', imports: ['index.html'], css: ['assets/shared.css'] },
      'index.html': { file: 'assets/index.js', isEntry: true, css: ['assets/index.css'] },
    };
    expect(labStylesheets(manifest, ['RaftLab', 'ClockLab', 'RaftLab'])).toEqual(['assets/shared.css', 'assets/RaftLab.css', 'assets/ClockLab.css']);
    expect(labStylesheets(manifest, ['NoSuchLab'])).toEqual([]);
  });
});
