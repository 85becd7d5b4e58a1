/**
 * Decides when a lab's code should load and hydrate. Labs are the heaviest thing on a page, and a
 * chapter may hold three of them far below the fold; hydrating them all at load blocks the main
 * thread on phones. Until then the server-rendered poster frame stays on screen (React keeps a
 * dehydrated Suspense boundary's HTML), so nothing visibly changes when a lab wakes up.
 *
 * A lab loads as soon as any of these happens:
 * - its slot comes within about a screen of the viewport;
 * - the reader first interacts with the page (a key, a pointer, focus), which covers keyboard users
 *   tabbing towards a lab and the narration player starting;
 * - the URL carries state (a shared lab link or a narration `?t=`), which must be restored at once;
 * - there is no browser (server prerendering) or no IntersectionObserver.
 */

const INTERACTIONS = ['pointerdown', 'keydown', 'focusin', 'wheel', 'touchstart'] as const;
let interacted: Promise<void> | null = null;

function firstInteraction(): Promise<void> {
  if (!interacted) {
    interacted = new Promise((resolve) => {
      const done = () => {
        INTERACTIONS.forEach((t) => window.removeEventListener(t, done, true));
        resolve();
      };
      INTERACTIONS.forEach((t) => window.addEventListener(t, done, { capture: true, passive: true }));
    });
  }
  return interacted;
}

function nearViewport(name: string): Promise<void> {
  return new Promise((resolve) => {
    // Wait a frame: on client-side navigation the slot is committed just after the lazy factory runs.
    requestAnimationFrame(() => {
      const slots = document.querySelectorAll(`[data-lab-slot="${CSS.escape(name)}"]`);
      if (!slots.length) return resolve();
      const io = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            io.disconnect();
            resolve();
          }
        },
        { rootMargin: '100% 0px' },
      );
      slots.forEach((s) => io.observe(s));
    });
  });
}

// Listen from the moment the entry bundle runs, so an interaction before hydration reaches a lab
// still counts.
if (typeof window !== 'undefined') void firstInteraction();

/**
 * True when the address holds state that must be restored at once: a lab link (`lab-<id>=`) or a narration
 * deep link (`t=`, `narration=`). Any other query string (`?utm_source=x`) must not wake every lab on the page.
 */
export function carriesState(search: string, hash: string): boolean {
  const keys = [...new URLSearchParams(search).keys()];
  return keys.some((k) => k.startsWith('lab-') || k === 't' || k === 'narration') || /[?&#]t=/.test(hash);
}

/** Resolves when the lab called `name` should load (see the module comment). */
export function whenNeeded(name: string): Promise<void> {
  if (typeof window === 'undefined' || typeof IntersectionObserver === 'undefined') return Promise.resolve();
  if (carriesState(window.location.search, window.location.hash)) return Promise.resolve();
  return Promise.race([nearViewport(name), firstInteraction()]);
}

/** A loader that waits for `whenNeeded(name)` before importing the lab's module. */
export function deferred<T>(name: string, load: () => Promise<T>): () => Promise<T> {
  return () => whenNeeded(name).then(load);
}
