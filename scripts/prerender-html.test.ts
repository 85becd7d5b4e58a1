import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspHash, escapeHtml, headersFile, injectPage, inlineHashes, withCspMeta } from './prerender-html';
import { basePath } from '../src/book/build/base-path';
import { labsFromHtml, sectionsFromHtml } from '../src/book/search/searchIndex';

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
    const html =
      '<div class="prose"><p>Intro text.</p><h2 id="one">First<a class="heading-anchor" href="#one">#</a></h2><p>Alpha <em>beta</em></p><svg><text>no</text></svg><h3 id="two">Second</h3><p>Gamma</p></div>';
    const docs = sectionsFromHtml(html, 'ch', 'Chapter');
    expect(docs.map((d) => [d.anchor, d.heading, d.text])).toEqual([
      ['', 'Chapter', 'Intro text.'],
      ['one', 'First', 'Alpha beta'],
      ['two', 'Second', 'Gamma'],
    ]);
  });
  it('reads only the prose: never the chrome, a lab (nested divs, React ids) or a glossary popover', () => {
    const html =
      '<a class="skip-link" href="#main">Skip to content</a><header>☰ Contents UDS</header><main><article>' +
      '<div class="prose"><p>Clocks <span class="term-wrap"><a class="term">drift</a><span class="term-tip" role="tooltip"><strong>Drift</strong> rate <span>x</span></span></span> apart.</p>' +
      '<div class="lab-slot" data-lab-slot="ClockLab"><section class="lab"><h3 id="_R_1fdj_" class="lab-title">Clock lab</h3><div><select><option>Vector clocks detect</option></select></div></section></div>' +
      '<p>After the lab.</p><h2 id="next">Next</h2><p>More.</p></div>' +
      '<nav class="pager">Next → Glossary</nav></article></main>';
    const docs = sectionsFromHtml(html, 'ch', 'Chapter');
    expect(docs.map((d) => [d.anchor, d.text])).toEqual([
      ['', 'Clocks drift apart. After the lab.'],
      ['next', 'More.'],
    ]);
  });
});

describe('labsFromHtml', () => {
  it('indexes each lab once by its title, its description and its scenario names, at a stable anchor', () => {
    const lab = (n: string) =>
      `<section><h2 id="lab-${n}">${n}</h2><div data-lab-slot="${n}"><section class="lab"><header><h3 id="_R_x_" class="lab-title">${n} title</h3></header>` +
      `<select><option value="a">First scenario</option><option value="b">Second</option></select><p class="lab-description">What ${n} shows.</p><div><p>picture</p></div></section></div></section>`;
    const docs = labsFromHtml('<div class="prose"><h1>All labs</h1>' + lab('ClockLab') + lab('RaftLab') + '</div>');
    expect(docs.map((d) => [d.id, d.anchor, d.heading, d.excerpt, d.text])).toEqual([
      ['labs#lab-ClockLab', 'lab-ClockLab', 'ClockLab title', 'What ClockLab shows.', 'What ClockLab shows. First scenario Second'],
      ['labs#lab-RaftLab', 'lab-RaftLab', 'RaftLab title', 'What RaftLab shows.', 'What RaftLab shows. First scenario Second'],
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

describe('content security policy', () => {
  it('hashes inline scripts and styles, not external or JSON scripts', () => {
    const html = '<meta charset="UTF-8" /><script>boot()</script><script type="module" src="/a.js"></script><script type="application/ld+json">{}</script><style>.a{}</style>';
    const h = inlineHashes(html);
    expect(h.scripts).toEqual([cspHash('boot()')]);
    expect(h.styles).toEqual([cspHash('.a{}')]);
    const policy = contentSecurityPolicy(h);
    expect(policy).toContain(`script-src 'self' ${cspHash('boot()')}`);
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(policy).toContain("worker-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    const out = withCspMeta(html, policy);
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<script>'));
    expect(headersFile(policy)).toMatch(/^\/\*\n {2}Content-Security-Policy: default-src 'self'/);
  });
  it('matches the hash the browser computes (sha256 of the exact text, base64)', () => {
    expect(cspHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
});
