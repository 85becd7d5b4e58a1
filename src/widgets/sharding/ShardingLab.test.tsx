// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import ShardingLab from './ShardingLab';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';

installLabTestEnvironment();

const mount = (props: Parameters<typeof ShardingLab>[0]) => mountHydrated(ShardingLab, props);
const button = (root: HTMLElement, name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''))!;
const text = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';

describe('ShardingLab', () => {
  it('server-renders a poster: the ring with arcs and keys, the loads and a caption', () => {
    const html = renderToString(<ShardingLab scenario="ring-add-node" />);
    expect(html).toContain('data-hydrated="false"');
    expect(html).toMatch(/<svg[^>]*class="shard-ring"/);
    expect((html.match(/data-node="/g) ?? []).length).toBeGreaterThan(30); // 32 arcs and 32 ticks
    expect(html).toContain('data-testid="shard-loads"');
    expect(html).toMatch(/With 8 points per node the busiest node holds/);
  });

  it('hydrates cleanly and registers a narration handle', async () => {
    const { container, errors } = await mount({ scenario: 'ring-add-node', id: 's-h' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(container.querySelector('[data-hydrated="true"]')).not.toBeNull();
    expect(labBus.get('s-h')?.widget).toBe('ShardingLab');
  });

  it('adding a node highlights exactly the moved keys, all going to the new node, with measured beside ideal', async () => {
    const { container } = await mount({ scenario: 'ring-add-node', id: 's-a' });
    await act(async () => button(container, /^Add a node$/).click());
    const moved = container.querySelectorAll('.shard-moved g');
    expect(moved.length).toBeGreaterThan(40);
    for (const g of moved) expect(g.getAttribute('data-to')).toBe('E');
    expect(text(container, 'shard-moved')).toMatch(/Moved \d+ keys: \d+\.\d% · ideal 20\.0% · hash mod N would move 80\.0% · to E \d+/);
    expect(text(container, 'shard-caption')).toMatch(/E joined: .* Every one went to E/);
  });

  it('a cue loads hash mod N and plays to the join: keys move between old nodes', async () => {
    const { container } = await mount({ scenario: 'ring-add-node', id: 's-m' });
    await act(async () => labBus.get('s-m')!.applyCue({ scenario: 'mod-n-reshuffles', commands: [], at: 1200 }));
    expect(text(container, 'shard-caption')).toMatch(/Hash mod N changed the divisor from 4 to 5/);
    const froms = new Set([...container.querySelectorAll('.shard-moved g')].map((g) => g.getAttribute('data-to')));
    expect(froms.size).toBeGreaterThan(2);
  });

  it('jump hash offers only its last bucket for removal', async () => {
    const { container } = await mount({ scenario: 'jump-hash', id: 's-j' });
    expect(button(container, /^Remove A$/).disabled).toBe(true);
    expect(button(container, /^Remove D$/).disabled).toBe(false);
  });

  it('timestamps: one node takes every new write; the hash prefix spreads them', async () => {
    const { container } = await mount({ scenario: 'timestamps-hot-range', id: 's-t' });
    expect(text(container, 'shard-caption')).toMatch(/one node takes 100% of them/);
    await act(async () => labBus.get('s-t')!.applyCue({ scenario: 'prefixed-timestamps', commands: [] }));
    expect(text(container, 'shard-caption')).toMatch(/busiest node takes \d+% of them/);
    expect(text(container, 'shard-caption')).not.toMatch(/100%/);
  });
});
