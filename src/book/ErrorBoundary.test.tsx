// @vitest-environment jsdom
// The book's one error boundary: a failure stays inside its region, the message names what failed,
// and trying again mounts the region afresh (a lab starts over with a new store).
import { act, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let stores = 0;
let fail = true;
function Flaky() {
  // Like a lab's store: created once per mount.
  const [store] = useState(() => ++stores);
  if (fail) throw new Error('boom');
  return <p className="ok">{`working with store ${store}`}</p>;
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('contains a failure to its region, names it, and remounts the region on retry', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const el = document.createElement('div');
    document.body.append(el);
    const root = createRoot(el);
    stores = 0;
    fail = true;
    act(() =>
      root.render(
        <>
          <ErrorBoundary label="The Flaky lab" retryLabel="Reset the lab" note="The chapter text explains what it shows.">
            <Flaky />
          </ErrorBoundary>
          <p className="neighbour">still here</p>
        </>,
      ),
    );
    const alert = el.querySelector('[role="alert"]')!;
    expect(alert.textContent).toMatch(/The Flaky lab stopped working\. The rest of the page is fine\. \(boom\) The chapter text/);
    expect(el.querySelector('.neighbour')!.textContent).toBe('still here');
    fail = false;
    const before = stores;
    act(() => el.querySelector<HTMLButtonElement>('[role="alert"] button')!.click());
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(el.querySelector('.ok')!.textContent).toBe(`working with store ${before + 1}`);
    act(() => root.unmount());
  });
});
