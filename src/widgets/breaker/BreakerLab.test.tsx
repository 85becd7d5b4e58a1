// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import BreakerLab from './BreakerLab';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';

installLabTestEnvironment();

const text = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';

describe('BreakerLab', () => {
  it('server-renders a poster: workers, breaker, dependency, caption and the scenario text', () => {
    const html = renderToString(<BreakerLab scenario="breaker-fails-fast" />);
    expect(html).toContain('data-hydrated="false"');
    expect(html).toMatch(/Caller: 20 workers/);
    expect(html).toMatch(/CLOSED/);
    expect(html).toMatch(/resilience4j’s default settings/);
    expect(html).toContain('data-testid="brk-caption"');
  });

  it('hydrates cleanly and registers a narration handle', async () => {
    const { container, errors } = await mount('cascade-no-breaker', 'b-h');
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(container.querySelector('[data-hydrated="true"]')).not.toBeNull();
    expect(labBus.get('b-h')?.widget).toBe('BreakerLab');
  });

  it('a cue into breaker-fails-fast shows the breaker open and says why', async () => {
    const { container } = await mount('cascade-no-breaker', 'b-o');
    await act(async () => labBus.get('b-o')!.applyCue({ scenario: 'breaker-fails-fast', commands: [], at: 12_000 }));
    expect(container.querySelector('[data-testid="brk-breaker-0"]')?.getAttribute('data-mode')).toBe('OPEN');
    expect(text(container, 'brk-caption')).toMatch(/workers came free again: the breaker opened at \d+\.\d s \(failure rate \d+% ≥ 50% over 100 calls\), so A fails at once/);
  });

  it('the health buttons and the narration command change the dependency', async () => {
    const { container } = await mount('half-open-recovers', 'b-c');
    await act(async () => labBus.get('b-c')!.applyCue({ scenario: 'half-open-recovers', commands: [{ name: 'seek', args: ['1000'] }, { name: 'health', args: ['slow'] }], at: 2500 }));
    expect(container.querySelector('[data-testid="brk-host-0"]')?.textContent).toMatch(/slow/);
    const failing = container.querySelector('[data-testid="brk-health-all-failing"]') as HTMLButtonElement;
    await act(async () => failing.click());
    expect(container.querySelector('[data-testid="brk-host-0"]')?.textContent).toMatch(/failing/);
    expect(failing.getAttribute('aria-pressed')).toBe('true');
  });
});

function mount(scenario: string, id: string) {
  return mountHydrated(BreakerLab, { scenario, id });
}
