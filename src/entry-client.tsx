/**
 * Browser entry. On prerendered pages it loads the current chapter's module first and then
 * hydrates, so the first client render matches the server HTML exactly; in `vite dev` (empty root)
 * it simply renders.
 */
import { StrictMode, startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './book/App';
import { chapterBySlug } from './book/toc';
import { canonicalPath } from './book/canonicalPath';
import { loadChapter } from './book/chapters';
import { THEME_BOOT_SCRIPT } from './book/theme/theme';
import './book/styles/index.css';

const basename = import.meta.env.BASE_URL.replace(/\/$/, '') || '/';

async function start() {
  const root = document.getElementById('root')!;
  let path = window.location.pathname.slice(basename === '/' ? 0 : basename.length);
  // `/ordering.html`, `/ordering/`, `/index` → the address the router knows (see canonicalPath.ts).
  // Not when the host answered with the 404 page (`/ordering/index.html`, `/ordering.HTML`): the router
  // must then render "Page not found" too, or hydration mismatches (React #418; found by url-fuzz).
  const canonical = canonicalPath(path);
  if (canonical !== path && !root.querySelector('.not-found')) {
    const base = basename === '/' ? '' : basename;
    window.history.replaceState(window.history.state, '', base + canonical + window.location.search + window.location.hash);
    path = canonical;
  }
  const chapter = chapterBySlug(path.replace(/^\/+|\/+$/g, ''));
  if (chapter) {
    try {
      await loadChapter(chapter.file);
    } catch (e) {
      console.warn('Could not preload chapter', e);
    }
  }
  const app = (
    <StrictMode>
      <BrowserRouter basename={basename}>
        <App />
      </BrowserRouter>
    </StrictMode>
  );
  // The dev server's template still holds the <!--app-html--> comment, so look for elements, not nodes.
  // Hydrating in a transition makes the first pass interruptible: React yields to the browser every
  // few milliseconds instead of hydrating the whole shell in one long task (the Remix pattern).
  if (root.firstElementChild) startTransition(() => void hydrateRoot(root, app));
  else {
    // Dev server: no prerendered HTML and no inline theme script, so apply the theme here.
    new Function(THEME_BOOT_SCRIPT)();
    createRoot(root).render(app);
  }
}

void start();
