/**
 * One-command static build: client bundle, SSR bundle, prerender every route to its own HTML file,
 * then the search index. Output in dist/ works on any static host and under BASE_PATH.
 *
 * File layout: `/networks` is written as `networks.html` (plus `index.html`, `404.html`). GitHub
 * Pages, Netlify, S3+CloudFront (with a rewrite) and `vite preview` all serve `/networks` from
 * `networks.html`, whereas `networks/index.html` needs a trailing slash on several of them.
 */
import { build } from 'vite';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { contentSecurityPolicy, headersFile, injectPage, inlineHashes, inlineStyle, inlineStylesheet, labStylesheets, withCspMeta } from './prerender-html';
import { precacheUrls, serviceWorkerSource, sitemap, socialMeta, webManifest } from './site-files';
import { basePath } from '../src/book/build/base-path';
import { buildSearchIndex, labsFromHtml, sectionsFromHtml, type SearchDoc } from '../src/book/search/searchIndex';

const root = resolve(import.meta.dirname, '..');
// OUT_DIR lets the base-path smoke test build a second site beside the main one.
const dist = join(root, process.env.OUT_DIR ?? 'dist');
// The SSR bundle is temporary; one folder per OUT_DIR so two builds can run side by side.
const ssrOut = join(root, `.vite-ssr${process.env.OUT_DIR ? '-' + process.env.OUT_DIR.replace(/[^\w-]/g, '_') : ''}`);

const base = basePath(process.env.BASE_PATH);
// The site's origin for absolute URLs in the sitemap and og:url (optional; e.g. https://uds.example.org).
const origin = process.env.SITE_URL ?? '';
const BOOK_NAME = 'Understanding Distributed Systems — the interactive edition';

async function main() {
  const t0 = performance.now();
  await build({ root, logLevel: 'warn', build: { outDir: dist } });
  const t1 = performance.now();
  await build({ root, logLevel: 'warn', build: { ssr: 'src/entry-server.tsx', outDir: ssrOut, emptyOutDir: true, copyPublicDir: false } });
  const t2 = performance.now();

  const server = (await import(pathToFileURL(join(ssrOut, 'entry-server.js')).href)) as typeof import('../src/entry-server');
  let template = await readFile(join(dist, 'index.html'), 'utf8');
  // Inline the entry stylesheet (see inlineStylesheet); lazy chunks keep their own CSS files.
  const cssHref = /<link rel="stylesheet"[^>]*href="([^"]+)"/.exec(template)?.[1];
  if (cssHref) {
    const css = await readFile(join(dist, cssHref.slice(cssHref.indexOf('assets/'))), 'utf8');
    template = inlineStylesheet(template, cssHref, css);
  }
  const docs: SearchDoc[] = [];
  // Every page's inline hashes, for the one _headers policy.
  const allHashes = { scripts: new Set<string>(), styles: new Set<string>() };
  const manifest = JSON.parse(await readFile(join(dist, '.vite', 'manifest.json'), 'utf8'));
  for (const page of server.pages()) {
    const html = await server.renderPage(page.path);
    // Poster frames need their lab's stylesheet before the lab's script loads (or without script).
    // Inlined like the entry's: a few kB gzip, where a render-blocking link costs a round trip per file.
    const labCss = labStylesheets(manifest, [...html.matchAll(/data-lab-slot="(\w+)"/g)].map((m) => m[1]));
    const styles = await Promise.all(labCss.map((f) => readFile(join(dist, f), 'utf8')));
    const pageTemplate = template.replace('</head>', () => styles.map((css, i) => inlineStyle(css, labCss[i])).join('') + '</head>');
    const extraHead = socialMeta({ base, origin, path: page.path, title: page.title, description: page.description, siteName: BOOK_NAME, article: !!page.chapterSlug });
    const filled = injectPage(pageTemplate, { html, title: page.title, description: page.description, themeScript: server.meta.THEME_BOOT_SCRIPT, extraHead });
    // Content-Security-Policy with the build-time hashes of this page's inline theme script and stylesheets.
    const hashes = inlineHashes(filled);
    hashes.scripts.forEach((h) => allHashes.scripts.add(h));
    hashes.styles.forEach((h) => allHashes.styles.add(h));
    const out = withCspMeta(filled, contentSecurityPolicy(hashes));
    await mkdir(join(dist, page.file, '..'), { recursive: true });
    await writeFile(join(dist, page.file), out);
    if (page.chapterSlug) {
      const ch = server.meta.CHAPTERS.find((c) => c.slug === page.chapterSlug)!;
      docs.push(...sectionsFromHtml(html, ch.slug, `${ch.chapter}. ${ch.title}`));
    } else if (page.path === '/labs') docs.push(...labsFromHtml(html));
  }
  await writeFile(join(dist, 'search-index.json'), buildSearchIndex(docs));
  // Offline reading, installing and crawling (scripts/site-files.ts).
  const home = server.pages().find((p) => p.path === '/')!;
  await writeFile(join(dist, 'manifest.webmanifest'), webManifest(base, BOOK_NAME, 'UDS', home.description));
  await writeFile(join(dist, 'sitemap.xml'), sitemap(origin, base, server.pages().filter((p) => p.path !== '/404').map((p) => p.path)));
  const files = (await readdir(dist, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => relative(dist, join(d.parentPath, d.name)).split(sep).join('/'));
  const urls = precacheUrls(files);
  const hash = createHash('sha256');
  for (const f of files.filter((f) => !f.startsWith('.vite/')).sort()) hash.update(f).update(await readFile(join(dist, f)));
  await writeFile(join(dist, 'sw.js'), serviceWorkerSource(base, urls, hash.digest('hex').slice(0, 12)));
  // After the precache list: hosts do not serve _headers as a file, so the service worker must not fetch it.
  await writeFile(join(dist, '_headers'), headersFile(contentSecurityPolicy({ scripts: [...allHashes.scripts], styles: [...allHashes.styles] })));
  await rm(ssrOut, { recursive: true, force: true });
  const t3 = performance.now();
  const s = (ms: number) => (ms / 1000).toFixed(1) + ' s';
  console.log(
    `built ${server.pages().length} pages, ${docs.length} search sections: client ${s(t1 - t0)}, ssr ${s(t2 - t1)}, prerender ${s(t3 - t2)}, total ${s(t3 - t0)}`,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
