/** Puts a prerendered page into the built index.html template. Pure string work, unit-tested. */

/** What goes into one page. */
export interface PageParts {
  readonly html: string;
  readonly title: string;
  readonly description: string;
  readonly themeScript: string;
  /** More head tags (social cards, manifest link), already escaped. */
  readonly extraHead?: string;
}

/** Escape text for an HTML attribute or text node. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Fill the template's placeholders; throws if the template lost one (a silent empty page is worse). */
export function injectPage(template: string, p: PageParts): string {
  for (const marker of ['<!--app-head-->', '<!--app-html-->', '/*theme-boot*/']) {
    if (!template.includes(marker)) throw new Error(`index.html template is missing ${marker}`);
  }
  const head =
    `<title>${escapeHtml(p.title)}</title>\n    <meta name="description" content="${escapeHtml(p.description)}" />` +
    (p.extraHead ? `\n    ${p.extraHead}` : '');
  return template
    .replace('<!--app-head-->', () => head)
    .replace('/*theme-boot*/', () => p.themeScript)
    .replace('<!--app-html-->', () => p.html);
}

/**
 * Replace the entry stylesheet link with the stylesheet itself. The CSS is small (~4 kB gzip) and
 * render-blocking, so inlining it saves a round trip before first paint on slow connections.
 */
export function inlineStylesheet(html: string, href: string, css: string): string {
  const link = new RegExp(`<link rel="stylesheet"[^>]*href="${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`);
  if (!link.test(html)) return html;
  return html.replace(link, () => inlineStyle(css));
}

/**
 * A `<style>` element holding `css`, safe to put in HTML (a `</style` inside the CSS cannot close
 * it early). `source` names the file it came from, for whoever reads the page's source.
 */
export function inlineStyle(css: string, source?: string): string {
  const attr = source ? ` data-source="${source.replace(/[^\w./-]/g, '')}"` : '';
  return `<style${attr}>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
}

/** One entry of Vite's build manifest (the fields we use). */
export interface ManifestEntry {
  readonly file: string;
  readonly imports?: readonly string[];
  readonly css?: readonly string[];
  readonly isEntry?: boolean;
}

/**
 * Stylesheets (paths relative to the base) that the named labs need: each lab module's CSS and the
 * CSS of everything it imports statically, found through Vite's manifest. Without these links a
 * lab's server-rendered poster frame would be unstyled until its lazy chunk arrives.
 */
export function labStylesheets(manifest: Readonly<Record<string, ManifestEntry>>, labNames: readonly string[]): string[] {
  const seen = new Set<string>();
  const css: string[] = [];
  const visit = (key: string) => {
    // The entry's CSS is already inlined in every page.
    if (seen.has(key) || !manifest[key] || manifest[key].isEntry) return;
    seen.add(key);
    for (const i of manifest[key].imports ?? []) visit(i);
    for (const c of manifest[key].css ?? []) if (!css.includes(c)) css.push(c);
  };
  for (const name of new Set(labNames)) {
    const key = Object.keys(manifest).find((k) => k.endsWith(`/${name}.tsx`));
    if (key) visit(key);
  }
  return css;
}
