// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { installLabTestEnvironment, mountHydrated } from '../testing';
import { runExperiment, parseExperimentParams } from '../../../sim/core';
import { ExperimentPanel } from './ExperimentPanel';
import { toyExperiment } from './__fixtures__/toy';
import { FakeWorker } from './__fixtures__/fakeWorker';

installLabTestEnvironment();

const Panel = (props: { pool?: number; worker?: boolean }) => (
  <ExperimentPanel
    experiment={toyExperiment}
    makeWorker={props.worker ? () => new FakeWorker([toyExperiment]) as unknown as Worker : null}
    pool={props.pool}
    labels={{ units: 'Units', draws: 'Draws' }}
    hidden={['seed']}
    unitName="sums"
    describe={(o) => `total ${o.results.total.toFixed(3)}`}
    render={(o) => <p data-testid="total">{o.results.total.toFixed(6)}</p>}
  />
);

const settle = async (ms = 0) => {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
};
// Bounded by wall time, not by a count of polls: under CI load each poll can take far longer than 5 ms.
const waitFor = async (ok: () => boolean, ms = 15_000) => {
  const deadline = performance.now() + ms;
  while (!ok() && performance.now() < deadline) await settle(5);
  expect(ok()).toBe(true);
};
const setInput = async (el: HTMLInputElement, v: string) => {
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(el, v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
};
const click = async (el: Element) => {
  await act(async () => void (el as HTMLElement).click());
};

describe('ExperimentPanel', () => {
  it('hydrates cleanly, builds the form from the parameters, and runs to the rendered result', async () => {
    const { container, errors, html } = await mountHydrated(Panel, {});
    expect(html).toContain('disabled');
    expect(errors).toEqual([]);
    const section = container.querySelector('section')!;
    expect(section.dataset.ready).toBe('true');
    const labels = [...container.querySelectorAll('.lab-field > label')].map((s) => s.textContent);
    expect(labels).toEqual(['Units', 'Draws']);
    await setInput(container.querySelector<HTMLInputElement>('input')!, '5');
    await click(container.querySelector('button[type=submit]')!);
    await waitFor(() => container.querySelector('[data-testid=total]') !== null);
    const want = runExperiment(toyExperiment, parseExperimentParams(toyExperiment, { units: 5 }).params)!;
    expect(container.querySelector('[data-testid=total]')!.textContent).toBe(want.results.total.toFixed(6));
    expect(container.querySelector('[role=status]')!.textContent).toBe(`Toy experiment: total ${want.results.total.toFixed(3)}`);
  });

  it('shows the problems of a bad value and runs with the clamped value', async () => {
    const { container } = await mountHydrated(Panel, {});
    const [units, draws] = container.querySelectorAll<HTMLInputElement>('input');
    await setInput(units!, '3');
    await setInput(draws!, '-5');
    await click(container.querySelector('button[type=submit]')!);
    await waitFor(() => container.querySelector('[data-testid=total]') !== null);
    expect(container.querySelector('.lab-problems')!.textContent).toMatch(/draws/);
    const want = runExperiment(toyExperiment, parseExperimentParams(toyExperiment, { units: 3, draws: 1 }).params)!;
    expect(container.querySelector('[data-testid=total]')!.textContent).toBe(want.results.total.toFixed(6));
    expect(container.querySelector('section')!.dataset.status).toBe('done');
  });

  it('a run cancelled mid-way on workers shows no result, and the next run completes', async () => {
    (globalThis as { Worker?: unknown }).Worker = FakeWorker;
    try {
      const { container } = await mountHydrated(Panel, { worker: true, pool: 2 });
      await setInput(container.querySelector<HTMLInputElement>('input')!, '200');
      await click(container.querySelector('button[type=submit]')!);
      expect(container.querySelector('section')!.dataset.status).toBe('running');
      await waitFor(() => container.querySelector('progress') !== null && Number(container.querySelector('progress')!.value) > 0);
      const cancel = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!;
      await click(cancel);
      await settle(30);
      expect(container.querySelector('section')!.dataset.status).toBe('cancelled');
      expect(container.querySelector('[data-testid=total]')).toBeNull();
      expect(container.querySelector('[role=status]')!.textContent).toMatch(/cancelled/i);
      await click(container.querySelector('button[type=submit]')!);
      await waitFor(() => container.querySelector('[data-testid=total]') !== null);
      expect(container.textContent).not.toMatch(/Cancelled\./);
    } finally {
      delete (globalThis as { Worker?: unknown }).Worker;
    }
  });
});
