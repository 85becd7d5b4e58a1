// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import OverloadLab from './OverloadLab';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';

installLabTestEnvironment();

const text = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';

describe('OverloadLab', () => {
  it('server-renders a poster of the queue with its closed form', () => {
    const html = renderToString(<OverloadLab scenario="mm1-queue" />);
    expect(html).toContain('data-hydrated="false"');
    expect(html).toMatch(/M\/M\/1 closed form/);
    expect(html).toMatch(/mean wait tends to 40 ms/);
  });

  it('hydrates cleanly, registers a handle, and the M/M/1 run reports a wait near the closed form', async () => {
    const { container, errors } = await mountHydrated(OverloadLab, { scenario: 'mm1-queue', id: 'o-h' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(labBus.get('o-h')?.widget).toBe('OverloadLab');
    await act(async () => labBus.get('o-h')!.applyCue({ scenario: 'mm1-queue', commands: [], at: 60_000 }));
    const m = /Mean wait(\d+\.\d) ms closed form 40\.0 ms/.exec(text(container, 'ovl-stats'));
    expect(m).not.toBeNull();
    expect(Math.abs(Number(m![1]) - 40)).toBeLessThan(8);
  });

  it('goodput collapse is explained, and switching policy through narration recovers goodput', async () => {
    const { container } = await mountHydrated(OverloadLab, { scenario: 'goodput-collapse', id: 'o-g' });
    await act(async () => labBus.get('o-g')!.applyCue({ scenario: 'goodput-collapse', commands: [], at: 12_000 }));
    expect(text(container, 'ovl-caption')).toMatch(/1\.50× capacity.*Most of the work answers clients who have already left/);
    await act(async () => labBus.get('o-g')!.applyCue({ scenario: 'goodput-collapse', commands: [{ name: 'seek', args: ['6000'] }, { name: 'policy', args: ['adaptive-lifo'] }], at: 12_000 }));
    expect(text(container, 'ovl-stats')).toMatch(/Last 3 s(3[6-9]\d|4\d\d)\/s in time/);
  });

  it('the rate-limiter core: the fixed window admits 20 across the boundary, the sliding window 10', async () => {
    const { container } = await mountHydrated(OverloadLab, { scenario: 'fixed-window-boundary', id: 'o-r' });
    await act(async () => labBus.get('o-r')!.applyCue({ scenario: 'fixed-window-boundary', commands: [], at: 2500 }));
    const rows = [...container.querySelectorAll('[data-testid="ovl-limiter-table"] tbody tr')].filter((r) => r.textContent?.includes('client A'));
    const peak = (col: string) => Number(rows.find((r) => r.getAttribute('data-col') === col)!.lastElementChild!.textContent);
    expect(peak('fixed-window')).toBeGreaterThanOrEqual(19);
    expect(peak('sliding-window')).toBeLessThanOrEqual(10);
    expect(text(container, 'ovl-caption')).toMatch(/^At 2\.0 s: Fixed window let 11 of client A's requests through within 1000 ms \(limit 10\): a burst straddled a window boundary/);
  });
});
