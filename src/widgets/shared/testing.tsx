/**
 * Test helpers for labs (jsdom): what every lab test needs to prove a lab hydrates its own server
 * HTML cleanly. Kept out of the labs' bundles: only `*.test.tsx` files import it.
 */
import { act, type ComponentType } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeAll, vi } from 'vitest';

/** Register the React act() environment and per-test cleanup of the DOM, URL and spies. */
export function installLabTestEnvironment(): void {
  beforeAll(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  });
  afterEach(() => {
    document.body.innerHTML = '';
    window.history.replaceState(null, '', '/');
    vi.restoreAllMocks();
  });
}

/**
 * Render a lab on the "server", put the HTML in the document and hydrate it, as the static site does.
 * Returns the container, the server HTML and every console.error raised (hydration mismatches land there).
 */
export async function mountHydrated<P extends object>(Lab: ComponentType<P>, props: P): Promise<{ container: HTMLDivElement; errors: string[]; html: string }> {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.map(String).join(' ')));
  const html = renderToString(<Lab {...props} />);
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.appendChild(container);
  await act(async () => {
    hydrateRoot(container, <Lab {...props} />);
  });
  return { container, errors, html };
}
