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
const waitFor = async (cond: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await act(async () => new Promise((r) => setTimeout(r, 20)));
  }
};

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
    await act(async () => button(container, /Run experiment/).click());
    await waitFor(() => container.querySelector('[data-testid="pbs-summary"]') !== null);
    expect(container.querySelector('[data-testid="pbs-summary"]')!.textContent).toMatch(/10,000 trials: 9\d\.\d% of reads are consistent right after commit/);
    // A long run, so that it is still going when we cancel it.
    const trials = [...container.querySelectorAll('select')].find((el) => [...el.options].some((o) => o.value === '200000'))!;
    await act(async () => {
      trials.value = '200000';
      trials.dispatchEvent(new Event('change', { bubbles: true }));
    });
    // React's act() keeps flushing while progress updates keep arriving, so it would wait for the
    // whole run; drive this part like a browser does, with real time passing between events.
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    env.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      const sleep = () => new Promise((r) => setTimeout(r, 30));
      button(container, /Run experiment/).click();
      for (let i = 0; i < 200 && !container.querySelector('progress'); i++) await sleep();
      expect(container.querySelector('progress')).not.toBeNull();
      button(container, /^Cancel$/).click();
      for (let i = 0; i < 200 && !/Cancelled/.test(container.textContent ?? ''); i++) await sleep();
      expect(container.querySelector('[data-testid="pbs-status"]')!.textContent).toMatch(/Cancelled/);
      expect(container.querySelector('progress')).toBeNull();
    } finally {
      env.IS_REACT_ACT_ENVIRONMENT = true;
    }
  });
});
