/**
 * Makes `vite preview` serve dist/ the way static hosts do (GitHub Pages, Netlify, Cloudflare Pages):
 * `/networks` is answered from `networks.html`, and an unknown path gets status 404 with
 * `404.html` as the body. Vite's own SPA fallback would answer every path with index.html and 200.
 */
import type { Plugin } from 'vite';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

/** Map a request path (already without the base) to the prerendered file that should answer it. */
export function htmlFileFor(pathname: string): string | undefined {
  const clean = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '').replace(/[/\\]+$/, '');
  if (clean.startsWith('..')) return undefined;
  if (!clean) return 'index.html';
  if (/\.[a-z0-9]+$/i.test(clean)) return undefined; // a real asset path that static serving missed
  return `${clean}.html`;
}

/** The plugin; only affects `vite preview`. */
export function preview404(): Plugin {
  return {
    name: 'preview-static-host',
    configurePreviewServer(server) {
      const dist = join(server.config.root, server.config.build.outDir);
      const base = server.config.base;
      const send = (res: import('node:http').ServerResponse, status: number, body: Buffer) => {
        res.statusCode = status;
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(body);
      };
      // Installed before Vite's static serving so that extensionless routes resolve to their .html file.
      server.middlewares.use(async (req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        let pathname = new URL(req.url ?? '/', 'http://x').pathname;
        if (base !== '/' && pathname.startsWith(base)) pathname = '/' + pathname.slice(base.length);
        else if (base !== '/' && pathname + '/' === base) pathname = '/';
        const file = htmlFileFor(pathname);
        if (!file) return next();
        try {
          return send(res, 200, await readFile(join(dist, file)));
        } catch {
          try {
            return send(res, 404, await readFile(join(dist, '404.html')));
          } catch {
            return next();
          }
        }
      });
    },
  };
}
