/**
 * Static hosts serve one page under several addresses: `/ordering.html`, `/ordering/`, `/index`,
 * `/index.html`. The server HTML is the same page, but the client router only knows `/ordering` and
 * `/`, so without this the first client render is "Page not found" and React throws #418 (hydration
 * mismatch) and swaps the content. The entry rewrites the address (history.replaceState, no new
 * history entry) to its canonical form before hydrating.
 */

/** The canonical form of a pathname (below the base): no `.html`, no `index`, no trailing slash except the root. */
export function canonicalPath(path: string): string {
  // An encoded slash is a slash to the host (it decodes the path before looking up `idempotency/`) and to
  // the router, so `/idempotency%2F` is the chapter (url-fuzz seed 20261205 #766: React #418 otherwise).
  let p = path.replace(/%2f/gi, '/').replace(/\/{2,}/g, '/');
  p = p.replace(/\/index(\.html?)?$/i, '/');
  p = p.replace(/\.html?$/i, '');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p || '/';
}
