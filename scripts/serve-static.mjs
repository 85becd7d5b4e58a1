#!/usr/bin/env node
// A minimal static host for measuring the built site the way readers get it: gzip for text, long
// cache headers for hashed assets, `/route` → `route.html`, unknown paths → 404.html with status 404.
// `vite preview` does not compress, which would make Lighthouse measure a host nobody deploys to.
// Usage: node scripts/serve-static.mjs [dir=dist] [port=4180]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const [dir = 'dist', port = '4180'] = process.argv.slice(2);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.vtt': 'text/vtt', '.png': 'image/png' };

createServer(async (req, res) => {
  let path;
  try {
    // The request target's path as sent: `new URL('//ordering', base)` would read `//ordering` as a host and
    // serve the cover, while hosts (nginx merge_slashes) serve /ordering (url-fuzz seed 20261205 #104, #958).
    path = normalize(decodeURIComponent((req.url ?? '/').split(/[?#]/)[0] || '/')).replace(/^\/+/, '');
  } catch {
    // A malformed escape (GET /%E0%A4%A) is the client's error, never a reason to stop serving.
    res.statusCode = 400;
    return res.end('Bad request: malformed URL');
  }
  // `/ordering/` is the chapter as many hosts serve it (the client then normalises the address).
  const candidates = !path || path.endsWith('/') ? [join(path, 'index.html'), ...(path ? [`${path.replace(/\/+$/, '')}.html`] : [])] : extname(path) ? [path] : [`${path}.html`];
  for (const rel of candidates) {
    try {
      const body = await readFile(join(dir, rel));
      return send(req, res, 200, rel, body);
    } catch {}
  }
  send(req, res, 404, '404.html', await readFile(join(dir, '404.html')).catch(() => Buffer.from('Not found')));
}).listen(Number(port), '127.0.0.1', () => console.log(`serving ${dir} on http://127.0.0.1:${port}/`));

function send(req, res, status, file, body) {
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (/text|json|svg|javascript/.test(type) && /gzip/.test(req.headers['accept-encoding'] ?? '')) {
    res.setHeader('Content-Encoding', 'gzip');
    body = gzipSync(body);
  }
  res.end(body);
}
