// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import CommitLab from './CommitLab';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';

installLabTestEnvironment();

const mount = (props: Parameters<typeof CommitLab>[0]) => mountHydrated(CommitLab, props);
const button = (root: HTMLElement, name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''))!;
const text = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';

describe('CommitLab', () => {
  it('server-renders a poster frame: nodes, empty logs, caption and scenario text', () => {
    const html = renderToString(<CommitLab scenario="2pc-coordinator-blocks" />);
    expect(html).toContain('data-hydrated="false"');
    expect(html).toMatch(/<svg[^>]*class="commit-svg"/);
    expect(html).toContain('log empty');
    expect(html).toContain('Press Play');
    expect(html).toMatch(/C crashes at 35 ms while forcing its decision/);
  });

  it('hydrates cleanly and registers a narration handle', async () => {
    const { container, errors } = await mount({ scenario: '2pc-clean-commit', id: 'c-h' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(container.querySelector('[data-hydrated="true"]')).not.toBeNull();
    expect(labBus.get('c-h')?.widget).toBe('CommitLab');
  });

  it('a cue into the coordinator crash shows participants in doubt, holding locks, with the reason in the caption', async () => {
    const { container } = await mount({ scenario: '2pc-clean-commit', id: 'c-b' });
    await act(async () => labBus.get('c-b')!.applyCue({ scenario: '2pc-coordinator-blocks', commands: [], at: 400 }));
    expect(container.querySelectorAll('[data-indoubt="true"]')).toHaveLength(3);
    expect(text(container, 'commit-verdict')).toMatch(/P1, P2, P3 in doubt, holding locks/);
    expect(text(container, 'commit-caption')).toMatch(/may not decide alone/);
    await act(async () => labBus.get('c-b')!.applyCue({ scenario: '2pc-coordinator-blocks', commands: [], at: 800 }));
    expect(text(container, 'commit-verdict')).toMatch(/every participant aborted/);
  });

  it('the 3PC partition flags AC1; the heuristic scenario reports a mixed outcome', async () => {
    const { container } = await mount({ scenario: '3pc-partition-splits', id: 'c-p' });
    await act(async () => labBus.get('c-p')!.applyCue({ scenario: '3pc-partition-splits', commands: [], at: 500 }));
    expect(text(container, 'commit-verdict')).toMatch(/AC1 VIOLATED: C, P1 committed; P2, P3 aborted/);
    await act(async () => labBus.get('c-p')!.applyCue({ scenario: '2pc-heuristic-mixed', commands: [], at: 750 }));
    expect(text(container, 'commit-verdict')).toMatch(/MIXED OUTCOME \(heuristic damage\)/);
  });

  it('"Crash C once the votes are in" runs forward to that moment and blocks the participants', async () => {
    const { container } = await mount({ scenario: '2pc-clean-commit', id: 'c-k' });
    await act(async () => button(container, /Crash C once the votes are in/).click());
    expect(text(container, 'commit-caption')).toMatch(/C crashed/);
    await act(async () => labBus.get('c-k')!.applyCue({ scenario: '2pc-clean-commit', commands: [{ name: 'crash', args: ['C'] }], at: 300 }));
    expect(container.querySelectorAll('[data-indoubt="true"]').length).toBe(0);
  });

  it('3PC: "Split C, P1 from the rest while pre-commits are in flight" runs to that moment and partitions there', async () => {
    const { container } = await mount({ scenario: '3pc-coordinator-crash', id: 'c-s' });
    await act(async () => labBus.get('c-s')!.applyCue({ scenario: '3pc-partition-splits', commands: [{ name: 'heal', args: [] }], at: 0 }));
    await act(async () => button(container, /Split C, P1 from the rest/).click());
    expect(text(container, 'commit-caption')).toMatch(/^36 ms: Partition C,P1 \| P2,P3\./);
    expect(text(container, 'commit-groups')).toMatch(/Network split: C, P1 +\| +P2, P3/);
  });
});
