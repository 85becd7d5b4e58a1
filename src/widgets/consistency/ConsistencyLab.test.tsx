// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import { encodeMoment, urlKey } from '../shared/urlState';
import ConsistencyLab from './ConsistencyLab';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';

installLabTestEnvironment();

const mount = (props: Parameters<typeof ConsistencyLab>[0]) => mountHydrated(ConsistencyLab, props);
const button = (root: HTMLElement, name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '') || name.test(b.getAttribute('aria-label') ?? ''))!;
const bars = (root: HTMLElement) => [...root.querySelectorAll<SVGGElement>('.cons-op')];
const heading = (root: HTMLElement) => root.querySelector('.cons-verdict h4')!.textContent;
const key = (el: Element, k: string, extra: KeyboardEventInit = {}) => act(async () => void el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, ...extra })));

describe('ConsistencyLab', () => {
  it('server-renders the full history and its verdict as a poster', () => {
    const html = renderToString(<ConsistencyLab scenario="causal-not-sequential" />);
    expect(html).toContain('data-hydrated="false"');
    expect(html).toContain('Strongest model: Causally consistent');
    expect((html.match(/class="cons-op /g) ?? []).length).toBe(6);
  });

  it('shows the history diagram only, not the shared space-time diagram of the same operations', () => {
    const html = renderToString(<ConsistencyLab scenario="causal-not-sequential" />);
    expect(html).not.toContain('class="lab-spacetime"');
  });

  it('hydrates cleanly, shows the minimal violation of linearizability, and registers on the bus', async () => {
    const { container, errors } = await mount({ scenario: 'stale-read-not-linearizable' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(heading(container)).toBe('Strongest model: Sequentially consistent');
    expect(container.querySelectorAll('.cons-op-bad')).toHaveLength(2);
    expect(labBus.get('stale-read-not-linearizable')?.widget).toBe('ConsistencyLab');
  });

  it('keyboard: select a bar, move it with arrows (without stepping the lab), and the verdict updates', async () => {
    const { container } = await mount({ scenario: 'stale-read-not-linearizable', id: 'k' });
    const clock = () => container.querySelector('.lab-clock')!.textContent;
    const read = bars(container)[1];
    await key(read, 'Enter');
    expect(read.getAttribute('aria-pressed')).toBe('true');
    const before = clock();
    // The read starts at 45; the write returns at 30. Move the read 20 ms earlier so they overlap.
    for (let i = 0; i < 4; i++) await key(bars(container)[1], 'ArrowLeft');
    expect(clock()).not.toBe(before); // each edit is a logged step
    expect(heading(container)).toBe('Strongest model: Linearizable');
    // Step back (undo) four times restores the stale read.
    const section = container.querySelector('section')!;
    for (let i = 0; i < 4; i++) await key(section, 'ArrowLeft');
    expect(heading(container)).toBe('Strongest model: Sequentially consistent');
  });

  it('mouse and form: add a read, edit what it returned, delete it', async () => {
    const { container } = await mount({ scenario: 'stale-read-not-linearizable', id: 'm' });
    await act(async () => button(container, /^Add read$/).click());
    expect(bars(container)).toHaveLength(3);
    const returned = container.querySelector<HTMLInputElement>('#m-output')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(returned, '7');
      returned.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => button(container, /^Apply$/).click());
    expect(heading(container)).toBe('Not even eventually consistent');
    await act(async () => button(container, /^Delete$/).click());
    expect(bars(container)).toHaveLength(2);
    expect(heading(container)).toBe('Strongest model: Sequentially consistent');
  });

  it('generates a history from a replicated register', async () => {
    const { container } = await mount({ scenario: 'eventual-only', id: 'g' });
    await act(async () => button(container, /^Generate/).click());
    expect(bars(container).length).toBeGreaterThan(4);
    expect(container.textContent).toMatch(/Generated \d+ operations from a replicated register/);
  });

  it('restores a shared link and reports a broken one', async () => {
    const moment = { mechanism: 'consistency', scenario: 'eventual-only', seed: 1, params: { init: 0, ops: [{ client: 'c1', kind: 'write', value: 5, output: null, call: 0, ret: 10 }, { client: 'c2', kind: 'read', value: null, output: 5, call: 20, ret: 30 }] }, log: [], steps: 0, t: 0 };
    window.history.replaceState(null, '', `/?${urlKey('share')}=${encodeMoment(moment)}`);
    const ok = await mount({ scenario: 'eventual-only', id: 'share' });
    expect(heading(ok.container)).toBe('Strongest model: Linearizable');
    document.body.innerHTML = '';
    window.history.replaceState(null, '', `/?${urlKey('share')}=v1.broken!!`);
    const bad = await mount({ scenario: 'eventual-only', id: 'share' });
    expect(bad.container.textContent).toMatch(/Showing the default scenario/);
  });

  it('applies a narration cue that adds operations', async () => {
    const { container } = await mount({ scenario: 'eventual-only', id: 'n' });
    await act(async () => labBus.get('n')!.applyCue({ scenario: 'sequential-not-linearizable', commands: [{ name: 'read', args: ['c3', '2', '120', '130'] }] }));
    expect(bars(container)).toHaveLength(5);
    expect(container.textContent).toMatch(/Narration is driving/);
  });
});
