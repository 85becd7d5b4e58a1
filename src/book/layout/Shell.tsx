/** Page chrome: skip link, header (title, search, theme), sidebar contents, and the routed page. */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Sidebar } from './Sidebar';
import { ThemeToggle } from '../theme/ThemeToggle';
import { useShortcuts } from './useShortcuts';
import { useScrollOnNavigate } from './useScrollOnNavigate';
import { neighbours } from '../toc';
import { registerServiceWorker } from '../offline/registerServiceWorker';

const SearchDialog = lazy(() => import('../search/SearchDialog'));

/** The layout route wrapping every page. */
export function Shell() {
  const [navOpen, setNavOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  useScrollOnNavigate();
  useEffect(() => setNavOpen(false), [location.pathname]);
  const closeNav = useCallback(() => setNavOpen(false), []);
  // The drawer exists only on narrow screens; widening the window closes it.
  useEffect(() => {
    if (!navOpen) return;
    const wide = window.matchMedia('(min-width: 861px)');
    const onChange = () => wide.matches && setNavOpen(false);
    onChange();
    wide.addEventListener('change', onChange);
    return () => wide.removeEventListener('change', onChange);
  }, [navOpen]);
  // A stable signal that the page is interactive (tests and narration deep links wait for it).
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
    registerServiceWorker();
  }, []);

  const slug = location.pathname.replace(/^\/+|\/+$/g, '');
  const go = useCallback(
    (dir: 'prev' | 'next') => {
      const n = neighbours(slug)[dir];
      if (n) navigate('/' + n.slug);
    },
    [slug, navigate],
  );
  useShortcuts({ onSearch: () => setSearchOpen(true), onPrev: () => go('prev'), onNext: () => go('next') });

  return (
    <div className="shell" data-nav-open={navOpen || undefined}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header" inert={navOpen || undefined}>
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={navOpen}
          aria-controls="book-nav"
          aria-label="Contents"
          onClick={() => setNavOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span> <span className="nav-toggle-label">Contents</span>
        </button>
        <Link to="/" className="site-title">
          <span className="site-title-main">Understanding Distributed Systems</span>
          <span className="site-title-short" aria-hidden="true">
            UDS
          </span>
          <span className="site-title-sub">interactive edition</span>
        </Link>
        <div className="header-actions">
          <button type="button" className="search-button" onClick={() => setSearchOpen(true)} aria-keyshortcuts="/ Control+K">
            <span aria-hidden="true">⌕</span> <span className="search-label">Search</span> <kbd aria-hidden="true">/</kbd>
          </button>
          <ThemeToggle />
        </div>
      </header>
      <div className="shell-body">
        <Sidebar id="book-nav" current={slug} drawer={navOpen} onClose={closeNav} />
        <main id="main" tabIndex={-1} inert={navOpen || undefined}>
          <Outlet />
        </main>
      </div>
      {searchOpen && (
        <Suspense fallback={null}>
          <SearchDialog onClose={() => setSearchOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
