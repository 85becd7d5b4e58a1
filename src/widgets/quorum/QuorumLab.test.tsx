// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import QuorumLab from './QuorumLab';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';

installLabTestEnvironment();

/** Server-render, then hydrate like the real site does. */
const mount = (props: Parameters<typeof QuorumLab>[0]) => mountHydrated(QuorumLab, props);

const button = (root: HTMLElement, name: RegExp) =>
  [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '') || name.test(b.getAttribute('aria-label') ?? ''))!;
/** Resolves as soon as `cond()` holds, checked on every change to the DOM under `root` (no polling). */
function whenDom(root: HTMLElement, cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (cond()) return resolve();
    const observer = new MutationObserver(() => {
      if (!cond()) return;
      clearTimeout(timer);
      observer.disconnect();
      resolve();
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

describe('QuorumLab', () => {
  it('server-renders a poster frame with the rule and the scenario', () => {
    const html = renderToString(<QuorumLab scenario="no-overlap-stale-read" />);
    expect(html).toContain('data-hydrated="false"');
    expect(html).toMatch(/W \+ R = 2 ≤ N = 3/);
    expect(html).toMatch(/<svg[^>]*class="lab-cluster"/);
  });

  it('hydrates cleanly and registers a narration handle', async () => {
    const { container, errors } = await mount({ scenario: 'overlap-reads-latest', id: 'q-h' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(container.querySelector('[data-hydrated="true"]')).not.toBeNull();
    expect(labBus.get('q-h')?.widget).toBe('QuorumLab');
  });

  it('a narration cue shows the new–old inversion of concurrent-reads-disagree', async () => {
    const { container } = await mount({ scenario: 'overlap-reads-latest', id: 'q-n' });
    await act(async () => labBus.get('q-n')!.applyCue({ scenario: 'concurrent-reads-disagree', commands: [], at: 260 }));
    expect(container.querySelector('[data-testid="quorum-ops"]')!.textContent).toMatch(/NOT LINEARIZABLE: c2 already read v1/);
  });

  it('mouse: a write then a read from the buttons completes and is listed', async () => {
    const { container } = await mount({ scenario: 'overlap-reads-latest', id: 'q-m' });
    await act(async () => button(container, /Reset/).click());
    const writes = [...container.querySelectorAll('button')].filter((b) => b.textContent === 'Write');
    await act(async () => writes[0].click());
    for (let i = 0; i < 30; i++) await act(async () => button(container, /Step forward/).click());
    expect(container.querySelector('[data-testid="quorum-ops"]')!.textContent).toMatch(/c1 .*wrote v1 — committed by/);
  });

  it('experiment: runs to completion with progress, and can be cancelled', async () => {
    const { container } = await mount({ scenario: 'no-overlap-stale-read', id: 'q-e' });
    // The run reports progress after every chunk; drive it like a browser does (React renders on its
    // own schedule, outside act()) and wait for what the reader would see, as the DOM changes.
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    env.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      const summary = () => container.querySelector('[data-testid="pbs-summary"]');
      button(container, /Run experiment/).click();
      await whenDom(container, () => summary() !== null, 'the summary');
      expect(summary()!.textContent).toMatch(/10,000 trials: 9\d\.\d% of reads are consistent right after commit/);
      // A long run, so that it is still going when we cancel it.
      const trials = [...container.querySelectorAll('select')].find((el) => [...el.options].some((o) => o.value === '200000'))!;
      trials.value = '200000';
      trials.dispatchEvent(new Event('change', { bubbles: true }));
      await whenDom(container, () => trials.value === '200000' && !button(container, /Run experiment/).disabled, 'the 200,000-trial setting');
      button(container, /Run experiment/).click();
      await whenDom(container, () => container.querySelector('progress') !== null, 'a progress bar');
      button(container, /^Cancel$/).click();
      await whenDom(container, () => /Cancelled/.test(container.querySelector('[data-testid="pbs-status"]')?.textContent ?? ''), 'the cancelled status');
      expect(container.querySelector('progress')).toBeNull();
    } finally {
      env.IS_REACT_ACT_ENVIRONMENT = true;
    }
  });
});
