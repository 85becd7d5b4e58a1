/** Puts a prerendered page into the built index.html template. Pure string work, unit-tested. */
import { createHash } from 'node:crypto';

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

/** `'sha256-…'` source expression for an inline element's exact text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Hashes of every inline `<script>` (no src) and `<style>` element in `html`. */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const scripts = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/type="application\/(ld\+)?json"/i.test(m[0]))
    .map((m) => cspHash(m[1]));
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => cspHash(m[1]));
  return { scripts: [...new Set(scripts)], styles: [...new Set(styles)] };
}

/**
 * The book's Content-Security-Policy. Scripts: only files from this origin plus the hashed inline
 * theme snippet (no 'unsafe-inline', no 'unsafe-eval'); workers and fetches: this origin only.
 * Styles: this origin plus the hashed inlined stylesheets. `style-src-attr 'unsafe-inline'` is needed
 * because the prerendered HTML carries style attributes (SVG transforms, bar widths, progress): a
 * hash can allow an attribute only with 'unsafe-hashes' and one hash per distinct value (thousands),
 * and a style attribute cannot run script, so this keeps the policy's protection against injected
 * scripts intact.
 */
export function contentSecurityPolicy(h: { scripts: readonly string[]; styles: readonly string[] }): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${h.scripts.join(' ')}`.trim(),
    `style-src-elem 'self' ${h.styles.join(' ')}`.trim(),
    "style-src-attr 'unsafe-inline'",
    "worker-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** Put the policy as a `<meta http-equiv>` right after `<meta charset>`, before any element it governs. */
export function withCspMeta(html: string, policy: string): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}" />`;
  const charset = /<meta charset="[^"]*"\s*\/?>/i;
  if (!charset.test(html)) throw new Error('page has no <meta charset> to put the CSP after');
  return html.replace(charset, (m) => `${m}\n    ${tag}`);
}

/** A `_headers` file (Netlify, Cloudflare Pages) sending the policy for every path: the union of all pages' hashes. */
export function headersFile(policy: string): string {
  return `/*\n  Content-Security-Policy: ${policy}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n`;
}
