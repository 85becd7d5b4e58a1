import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdxFrontmatter from 'remark-mdx-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkBook from './src/book/mdx/remark-book.ts';
import { bookContent } from './src/book/build/content-plugin.ts';
import { basePath } from './src/book/build/base-path.ts';
import { preview404 } from './src/book/build/preview-404.ts';
import { narration } from './src/narration/compile/vite-plugin.ts';

const root = import.meta.dirname;

// One config for the client build, the SSR build used by the prerenderer, and the dev server.
export default defineConfig(({ isPreview }) => ({
  // The preview serves dist/ like a static host (404.html for unknown paths); dev keeps the SPA fallback.
  appType: isPreview ? 'mpa' : 'spa',
  base: basePath(process.env.BASE_PATH),
  plugins: [
    {
      enforce: 'pre',
      ...mdx({
        remarkPlugins: [remarkFrontmatter, [remarkMdxFrontmatter, { name: 'frontmatter' }], remarkGfm, remarkBook],
        mdExtensions: [],
      }),
    },
    react({ include: /\.(mdx|js|jsx|ts|tsx)$/ }),
    bookContent(root),
    preview404(),
    narration(),
  ],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 400,
    // Lets scripts/bundle-report.ts attribute lazy chunks to routes.
    manifest: true,
  },
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true },
}));
