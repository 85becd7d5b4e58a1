// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import { encodeMoment, urlKey } from '../shared/urlState';
import PartitionLab from './PartitionLab';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';

installLabTestEnvironment();

/** Server-render, then hydrate like the real site does. */
const mount = (props: Parameters<typeof PartitionLab>[0]) => mountHydrated(PartitionLab, props);

const button = (root: HTMLElement, name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '') || name.test(b.getAttribute('aria-label') ?? ''))!;

describe('PartitionLab', () => {
  it('server-renders a poster frame with the scenario description and disabled controls', () => {
    const html = renderToString(<PartitionLab scenario="cp-heal-catches-up" />);
    expect(html).toContain('the majority commits a write C never saw');
    expect(html).toContain('data-hydrated="false"');
    expect(html).toMatch(/<svg[^>]*class="lab-cluster"/);
  });

  it('keeps the shared space-time diagram under its cluster picture', () => {
    const html = renderToString(<PartitionLab scenario="cp-heal-catches-up" />);
    expect(html).toMatch(/<svg[^>]*class="lab-spacetime"/);
  });

  it('hydrates without mismatch warnings and registers a narration handle', async () => {
    const { container, errors } = await mount({ scenario: 'cp-minority-refuses-write' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(container.querySelector('[data-hydrated="true"]')).not.toBeNull();
    expect(labBus.get('cp-minority-refuses-write')?.widget).toBe('PartitionLab');
  });

  it('mouse: partition, then a write through the minority is refused after the timeout', async () => {
    const { container } = await mount({ scenario: 'cp-heal-catches-up', id: 'm1' });
    await act(async () => button(container, /Reset/).click());
    await act(async () => button(container, /Isolate A/).click());
    await act(async () => button(container, /^Write/).click()); // c1 talks to A (isolated)
    for (let i = 0; i < 40; i++) await act(async () => button(container, /Step forward/).click());
    expect(container.textContent).toMatch(/refused: no majority/);
  });

  it('keyboard: arrow keys step inside the lab only', async () => {
    const { container } = await mount({ scenario: 'cp-minority-refuses-write', id: 'k1' });
    const section = container.querySelector('section')!;
    const clock = () => container.querySelector('.lab-clock')!.textContent;
    const before = clock();
    await act(async () => section.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })));
    expect(clock()).not.toBe(before);
    const after = clock();
    await act(async () => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })));
    expect(clock()).toBe(after);
    await act(async () => section.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true })));
    expect(clock()).toBe(before);
  });

  it('restores a shared link and reports a broken one', async () => {
    const moment = {
      mechanism: 'partition', scenario: 'ap-heal-converges', seed: 3,
      params: { nodes: 3, clients: 2, mode: 'AP', merge: 'lww', latency: 60, jitter: 0.3, opTimeout: 500 },
      log: [{ at: 10, action: { type: 'client/write', client: 'c1', value: 'zz' } }], steps: 1, t: 10,
    };
    window.history.replaceState(null, '', `/?${urlKey('share')}=${encodeMoment(moment)}`);
    const ok = await mount({ scenario: 'cp-minority-refuses-write', id: 'share' });
    expect(ok.container.textContent).toMatch(/write "zz" — acknowledged/);
    document.body.innerHTML = '';
    window.history.replaceState(null, '', `/?${urlKey('share')}=v1.broken!!`);
    const bad = await mount({ scenario: 'cp-minority-refuses-write', id: 'share' });
    expect(bad.container.textContent).toMatch(/damaged or truncated.*Showing the default scenario/);
  });

  it('applies a narration cue and yields to the reader', async () => {
    const { container } = await mount({ scenario: 'cp-minority-refuses-write', id: 'n1' });
    const seen: string[] = [];
    const off = labBus.onReaderTakeover((id) => seen.push(id));
    await act(async () =>
      labBus.get('n1')!.applyCue({ scenario: 'ap-divergent-writes', commands: [{ name: 'heal', args: [] }], at: 1500 }),
    );
    expect(container.textContent).toMatch(/Narration is driving/);
    expect(container.querySelector('.lab-clock')!.textContent).toMatch(/t = 1500/);
    await act(async () => button(container, /Step back/).click());
    expect(seen).toEqual(['n1']);
    expect(container.textContent).not.toMatch(/Narration is driving/);
    off();
  });
});
