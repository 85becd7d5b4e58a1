/**
 * Makes `vite preview` behave like a static host for unknown paths: status 404 with dist/404.html
 * as the body (GitHub Pages and Netlify do the same), instead of an empty response.
 */
import type { Plugin } from 'vite';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The plugin; only affects `vite preview`. */
export function preview404(): Plugin {
  return {
    name: 'preview-404',
    configurePreviewServer(server) {
      const file = join(server.config.root, server.config.build.outDir, '404.html');
      // Returning a function installs the middleware after Vite's static file serving.
      return () => {
        server.middlewares.use(async (req, res, next) => {
          if (req.method !== 'GET' && req.method !== 'HEAD') return next();
          try {
            const html = await readFile(file);
            res.statusCode = 404;
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            res.end(html);
          } catch {
            next();
          }
        });
      };
    },
  };
}
