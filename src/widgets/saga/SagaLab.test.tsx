// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import SagaLab from './SagaLab';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';

installLabTestEnvironment();

const mount = (props: Parameters<typeof SagaLab>[0]) => mountHydrated(SagaLab, props);
const text = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
const step = (root: HTMLElement, mode: string, name: string) => root.querySelector(`.saga-panel[data-mode="${mode}"] .saga-step[data-step="${name}"]`)?.getAttribute('data-status');

describe('SagaLab', () => {
  it('server-renders a poster: both panels, six steps with their kinds, the services and the scenario text', () => {
    const html = renderToString(<SagaLab scenario="saga-unwinds" />);
    expect(html).toContain('data-hydrated="false"');
    expect(html).toContain('Orchestration');
    expect(html).toContain('Choreography');
    expect(html).toContain('PIVOT');
    expect(html).toContain('INV inventory');
    expect(html).toMatch(/No courier can take the parcel/);
  });

  it('hydrates cleanly and registers a narration handle', async () => {
    const { container, errors } = await mount({ scenario: 'saga-completes', id: 's-h' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(container.querySelector('[data-hydrated="true"]')).not.toBeNull();
    expect(labBus.get('s-h')?.widget).toBe('SagaLab');
  });

  it('unwinds in reverse in both panels: refund before release, the failed step never compensated', async () => {
    const { container } = await mount({ scenario: 'saga-completes', id: 's-u' });
    // Booking fails at 60 ms; the refund request is in flight at 75 ms, the release at 95 ms.
    await act(async () => labBus.get('s-u')!.applyCue({ scenario: 'saga-unwinds', commands: [], at: 75 }));
    expect(step(container, 'orchestration', 'book')).toBe('failed');
    expect(step(container, 'orchestration', 'authorise')).toBe('compensating');
    expect(step(container, 'orchestration', 'reserve')).toBe('done');
    await act(async () => labBus.get('s-u')!.applyCue({ scenario: 'saga-unwinds', commands: [], at: 200 }));
    for (const mode of ['orchestration', 'choreography']) {
      expect(step(container, mode, 'reserve')).toBe('compensated');
      expect(step(container, mode, 'authorise')).toBe('compensated');
      expect(step(container, mode, 'confirm')).toBe('pending');
    }
    expect(text(container, 'saga-verdict')).toMatch(/s1 compensated: semantically atomic/);
    expect(text(container, 'saga-caption')).toMatch(/compensated/);
  });

  it('shows what breaks: the duplicated refund and the lost update', async () => {
    const { container } = await mount({ scenario: 'saga-completes', id: 's-b' });
    await act(async () => labBus.get('s-b')!.applyCue({ scenario: 'duplicate-not-idempotent', commands: [], at: 200 }));
    expect(text(container, 'saga-verdict')).toMatch(/refund ran twice/);
    await act(async () => labBus.get('s-b')!.applyCue({ scenario: 'lost-update', commands: [], at: 250 }));
    expect(text(container, 'saga-verdict')).toMatch(/stock is off by 3 \(lost update\)/);
  });
});
