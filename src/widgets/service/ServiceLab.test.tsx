// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';
import { SERVICE_SCENARIOS } from '../../sim/service';
import ServiceLab from './ServiceLab';

installLabTestEnvironment();

const button = (root: HTMLElement, name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''))!;
const caption = (root: HTMLElement) => root.querySelector('[data-testid="service-caption"]')!.textContent ?? '';

describe('ServiceLab', () => {
  it('server-renders a poster frame with a caption for every scenario', () => {
    for (const id of SERVICE_SCENARIOS) {
      const html = renderToString(<ServiceLab scenario={id} />);
      expect(html).toContain('data-hydrated="false"');
      expect(html).toContain('data-testid="service-caption"');
    }
    expect(renderToString(<ServiceLab scenario="sync-chain" />)).toContain('at best 85.7% succeed');
    expect(renderToString(<ServiceLab scenario="fanout-tail" />)).toContain('waits for all of them');
  });

  it('hydrates without warnings; the chain multiplies availability and a propagated deadline wastes nothing', async () => {
    const { container, errors } = await mountHydrated(ServiceLab, { scenario: 'sync-chain', id: 'c1' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(labBus.get('c1')?.widget).toBe('ServiceLab');
    await act(async () => labBus.get('c1')!.applyCue({ scenario: 'fixed-timeouts-waste', commands: [], at: 3000 }));
    const stats = () => container.querySelector('[data-testid="chain-stats"]')!.textContent ?? '';
    expect(stats()).toMatch(/wasted work [1-9]\d* ms/);
    await act(async () => labBus.get('c1')!.applyCue({ scenario: 'deadline-propagation', commands: [], at: 3000 }));
    expect(stats()).toMatch(/wasted work 0 ms/);
    await act(async () => button(container, /Call now/).click());
    expect(caption(container)).toMatch(/client calls S1/);
  });

  it('queue: poison ends in the dead-letter queue; stop and resume buttons toggle', async () => {
    const { container } = await mountHydrated(ServiceLab, { scenario: 'poison-to-dlq', id: 'q1' });
    await act(async () => labBus.get('q1')!.applyCue({ scenario: 'poison-to-dlq', commands: [], at: 2500 }));
    expect(container.querySelector('[data-testid="queue-dlq"]')!.textContent).toBe('m5');
    await act(async () => button(container, /Stop C2/).click());
    expect(button(container, /Resume C2/).getAttribute('aria-pressed')).toBe('true');
    expect(caption(container)).toMatch(/C2 stops taking messages/);
  });

  it('outbox: the dual write loses order 2; the outbox delivers it twice and skips the duplicate', async () => {
    const { container } = await mountHydrated(ServiceLab, { scenario: 'dual-write-loses-event', id: 'o1' });
    await act(async () => labBus.get('o1')!.applyCue({ scenario: 'dual-write-loses-event', commands: [], at: 1200 }));
    const counts = () => container.querySelector('[data-testid="outbox-counts"]')!.textContent ?? '';
    expect(counts()).toMatch(/lost 1/);
    await act(async () => labBus.get('o1')!.applyCue({ scenario: 'outbox-no-loss', commands: [], at: 1200 }));
    expect(counts()).toMatch(/lost 0.*duplicates 1/);
    expect(container.querySelector('[data-testid="outbox-received"]')!.textContent).toMatch(/e2 dup, skipped/);
  });

  it('fan-out: a burst fills the chart, and the caption compares with 1 − 0.99^N', async () => {
    const { container } = await mountHydrated(ServiceLab, { scenario: 'fanout-tail', id: 'f1', experiments: true });
    await act(async () => labBus.get('f1')!.applyCue({ scenario: 'fanout-tail', commands: [{ name: 'burst', args: ['600'] }], at: 0 }));
    expect(caption(container)).toMatch(/Over 1000 requests \d+\.\d% waited that long, against 1 − 0\.99\^100 = 63\.4%/);
    expect(container.querySelectorAll('[data-testid="fanout-chart"] circle').length).toBeGreaterThan(10);
    expect(container.querySelector('[data-experiment="fanout"]')).not.toBeNull();
  });

  it('narration commands are validated', async () => {
    const { serviceLabDef } = await import('./definition');
    const c = serviceLabDef.commands!;
    expect(c.flood!(['20'], {} as never)).toEqual({ type: 'q/flood', count: 20 });
    expect(c.flood!(['lots'], {} as never)).toMatch(/flood needs/);
    expect(c.stop!(['C9'], {} as never)).toMatch(/stop needs/);
    expect(c.burst!([], {} as never)).toEqual({ type: 'fan/burst', count: 1000 });
    expect(c.order!([], {} as never)).toEqual({ type: 'ob/order' });
  });
});

describe('experiment results', () => {
  it('the fan-out result sets the simulated curve beside 1 − 0.99^N and, for the BigTable profile, the paper’s figures', async () => {
    const { runExperiment, parseExperimentParams } = await import('../../sim/core/experiment');
    const { fanoutExperiment } = await import('../../sim/service');
    const { FanoutResultView, fanoutSummary } = await import('./charts');
    const out = runExperiment(fanoutExperiment, parseExperimentParams(fanoutExperiment, { leaves: 100, trials: 500, hedgeAfterMs: 10 }).params)!;
    const html = renderToString(<FanoutResultView r={out.results} />);
    expect(html).toContain('hedged after 10 ms');
    expect(html).toContain('1,800 ms to 74 ms');
    expect(html.match(/<circle/g)!.length).toBe(out.results.curve.length);
    expect(fanoutSummary(out.results)).toMatch(/^500 requests to 100 leaves: .*closed form 63\.4%/);
  });
});
