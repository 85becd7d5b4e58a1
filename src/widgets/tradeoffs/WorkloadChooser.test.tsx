// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { createRoot, type Root } from 'react-dom/client';
import WorkloadChooser, { matchAnnouncement } from './WorkloadChooser';
import { STRATEGIES } from './strategies';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

function mount(props = {}) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<WorkloadChooser {...props} />));
  return host;
}

function choose(container: HTMLElement, label: string, value: string) {
  const select = [...container.querySelectorAll('label')].find((l) => l.textContent === label)!;
  const el = document.getElementById(select.htmlFor) as HTMLSelectElement;
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('WorkloadChooser', () => {
  it('renders the full table on the server so it reads without JavaScript', () => {
    const html = renderToString(<WorkloadChooser />);
    for (const s of STRATEGIES) expect(html).toContain(`data-strategy="${s.id}"`);
    expect(html).toContain(`All ${STRATEGIES.length} strategies match.`);
  });

  it('filters rows and announces the count in a polite live region', () => {
    const c = mount();
    choose(c, 'Access pattern', 'append-only-stream');
    expect(c.querySelectorAll('tbody tr')).toHaveLength(1);
    const status = c.querySelector('[aria-live="polite"]')!;
    expect(status.textContent).toBe(`1 of ${STRATEGIES.length} strategy matches.`);
  });

  it('explains an empty result instead of showing an empty table', () => {
    const c = mount();
    choose(c, 'Consistency needed', 'linearizable');
    choose(c, 'Geography', 'local-writes-everywhere');
    expect(c.querySelector('table')).toBeNull();
    expect(c.querySelector('.wc-empty')!.textContent).toMatch(/CAP/);
  });

  it('reset brings every row back', () => {
    const c = mount({ access: 'read-mostly' });
    expect(c.querySelectorAll('tbody tr').length).toBeLessThan(STRATEGIES.length);
    act(() => c.querySelector<HTMLButtonElement>('.wc-reset')!.click());
    expect(c.querySelectorAll('tbody tr')).toHaveLength(STRATEGIES.length);
  });

  it('reports an invalid preset and falls back to any', () => {
    const c = mount({ consistency: 'strongish' });
    expect(c.querySelector('[role="alert"]')!.textContent).toMatch(/strongish/);
    expect(c.querySelectorAll('tbody tr')).toHaveLength(STRATEGIES.length);
  });

  it('words the announcement for none, one, some and all', () => {
    expect(matchAnnouncement(0, 7)).toBe('No strategies match.');
    expect(matchAnnouncement(1, 7)).toBe('1 of 7 strategy matches.');
    expect(matchAnnouncement(3, 7)).toBe('3 of 7 strategies match.');
    expect(matchAnnouncement(7, 7)).toBe('All 7 strategies match.');
  });
});
