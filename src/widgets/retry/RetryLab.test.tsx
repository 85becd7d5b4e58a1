// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';
import RetryLab from './RetryLab';

installLabTestEnvironment();

const button = (root: HTMLElement, name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '') || name.test(b.getAttribute('aria-label') ?? ''))!;
const caption = (root: HTMLElement) => root.querySelector('[data-testid="retry-caption"]')!.textContent ?? '';

describe('RetryLab', () => {
  it('server-renders a poster frame for each part, with a caption and disabled controls', () => {
    const a = renderToString(<RetryLab scenario="contention-exponential" />);
    expect(a).toContain('data-hydrated="false"');
    expect(a).toContain('All 10 clients read the row at the same moment');
    expect(a).toMatch(/class="retry-svg"/);
    const b = renderToString(<RetryLab scenario="amplification-database-down" />);
    expect(b).toContain('Every layer retries');
    const c = renderToString(<RetryLab scenario="metastable-stuck" />);
    expect(c).toContain('capacity 100/s');
  });

  it('hydrates without warnings, registers its handle, and steps a contention run to its end', async () => {
    const { container, errors } = await mountHydrated(RetryLab, { scenario: 'contention-no-backoff', id: 'c1' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(labBus.get('c1')?.widget).toBe('RetryLab');
    const section = container.querySelector('section')!;
    for (let i = 0; i < 30; i++) await act(async () => section.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })));
    expect(caption(container)).not.toMatch(/same moment/);
    await act(async () => labBus.get('c1')!.applyCue({ scenario: 'contention-full-jitter', commands: [], at: 60_000 }));
    expect(caption(container)).toMatch(/^All 10 clients are done: \d+ write attempts/);
    expect(container.querySelectorAll('.retry-mark').length).toBeGreaterThanOrEqual(10);
  });

  it('amplification: failing the database makes the left column climb to k³ per request', async () => {
    const { container } = await mountHydrated(RetryLab, { scenario: 'amplification-flaky-database', id: 'a1' });
    await act(async () => labBus.get('a1')!.applyCue({ scenario: 'amplification-database-down', commands: [], at: 3900 }));
    expect(caption(container)).toMatch(/The database is failing/);
    const label = [...container.querySelectorAll('[data-policy="every"] text')].map((t) => t.textContent);
    expect(label.some((t) => /×2\d/.test(t ?? ''))).toBe(true);
    expect(button(container, /Make it fail now/).disabled).toBe(true);
    await act(async () => button(container, /Heal it now/).click());
    expect(button(container, /Make it fail now/).disabled).toBe(false);
  });

  it('metastable: stuck after the trigger; switching to load shedding by keyboard-reachable button recovers', async () => {
    const { container } = await mountHydrated(RetryLab, { scenario: 'metastable-stuck', id: 'm1' });
    await act(async () => labBus.get('m1')!.applyCue({ scenario: 'metastable-stuck', commands: [], at: 9000 }));
    expect(caption(container)).toMatch(/The trigger ended .* ago, yet goodput is \d+\/s/);
    await act(async () => button(container, /Load shedding/).click());
    expect(button(container, /Load shedding/).getAttribute('aria-pressed')).toBe('true');
    await act(async () => labBus.get('m1')!.applyCue({ scenario: 'metastable-fix-shedding', commands: [], at: 15_000 }));
    expect(caption(container)).toMatch(/^Recovered:/);
  });

  it('narration commands: policy and trigger are validated', async () => {
    const { retryLabDef } = await import('./definition');
    const cmds = retryLabDef.commands!;
    expect(cmds.policy!(['budget'], {} as never)).toEqual({ type: 'ms/policy', policy: 'budget' });
    expect(cmds.policy!(['pray'], {} as never)).toMatch(/policy needs one of/);
    expect(cmds.trigger!(['capacity', '2000'], {} as never)).toEqual({ type: 'ms/trigger', kind: 'capacity', ms: 2000 });
    expect(cmds.trigger!(['meteor'], {} as never)).toMatch(/trigger needs/);
    expect(cmds.fail!([], {} as never)).toEqual({ type: 'amp/fail' });
  });

  it('shows the experiment panel only when asked, for the part on screen', async () => {
    const { container } = await mountHydrated(RetryLab, { scenario: 'contention-exponential', id: 'e1', experiments: true });
    expect(container.querySelector('[data-experiment="backoff"]')).not.toBeNull();
    const plain = renderToString(<RetryLab scenario="contention-exponential" />);
    expect(plain).not.toContain('data-experiment');
  });
});
