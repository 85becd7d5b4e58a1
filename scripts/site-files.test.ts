import { describe, expect, it } from 'vitest';
import { precacheUrls, serviceWorkerSource, sitemap, socialMeta, webManifest } from './site-files';

describe('site files', () => {
  it('precaches pages by clean URL and every asset, never the build manifest or the worker', () => {
    expect(precacheUrls(['index.html', 'networks.html', 'assets/a-1.js', '.vite/manifest.json', 'sw.js', 'narration/x.vtt'])).toEqual([
      '',
      'assets/a-1.js',
      'narration/x.vtt',
      'networks',
    ]);
  });
  it('writes a worker whose precache list is under the base path and parses as JavaScript', () => {
    const src = serviceWorkerSource('/book/', ['', 'networks', 'assets/a.js'], 'abc');
    expect(src).toContain('"/book/networks"');
    expect(src).toContain("'uds-abc'");
    expect(() => new Function(src)).not.toThrow();
  });
  it('keeps the manifest and sitemap under BASE_PATH', () => {
    const m = JSON.parse(webManifest('/book/', 'Name', 'N', 'D'));
    expect([m.start_url, m.scope, m.icons[0].src]).toEqual(['/book/', '/book/', '/book/favicon.svg']);
    const xml = sitemap('https://x.org/', '/book/', ['/', '/networks']);
    expect(xml).toContain('<loc>https://x.org/book/</loc>');
    expect(xml).toContain('<loc>https://x.org/book/networks</loc>');
  });
  it('escapes page text in the social card tags', () => {
    const tags = socialMeta({ base: '/', origin: '', path: '/a', title: 'A "quoted" <b>', description: 'd', siteName: 'S', article: true });
    expect(tags).toContain('content="A &quot;quoted&quot; &lt;b&gt;"');
    expect(tags).toContain('og:type" content="article"');
    expect(tags).not.toContain('og:url');
  });
});
