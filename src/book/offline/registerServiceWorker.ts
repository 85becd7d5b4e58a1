/**
 * Registers the book's service worker (written by the build, scripts/site-files.ts) once the page
 * has loaded, so precaching the book never competes with the first visit's own requests. Production
 * builds only: in development Vite serves modules the worker must not cache.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }).catch(() => {
      // Offline reading is a bonus; a refusal (private mode, file://) leaves the book as it was.
    });
  };
  if (document.readyState === 'complete') setTimeout(register, 0);
  else window.addEventListener('load', register, { once: true });
}
