// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import ReplicationLab from './ReplicationLab';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';

installLabTestEnvironment();

const mount = (props: Parameters<typeof ReplicationLab>[0]) => mountHydrated(ReplicationLab, props);
const button = (root: HTMLElement, name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''))!;
const text = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';

describe('ReplicationLab', () => {
  it('server-renders a poster: the cluster, the checker and the logs', () => {
    const html = renderToString(<ReplicationLab scenario="read-your-writes" />);
    expect(html).toContain('data-hydrated="false"');
    expect(html).toContain('data-testid="rep-verdict"');
    expect(html).toMatch(/read your writes: kept so far/);
    expect(html).toContain('Nothing has happened yet');
  });

  it('hydrates cleanly and registers a narration handle', async () => {
    const { container, errors } = await mount({ scenario: 'read-your-writes', id: 'r-h' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(container.querySelector('[data-hydrated="true"]')).not.toBeNull();
    expect(labBus.get('r-h')?.widget).toBe('ReplicationLab');
  });

  it('the read-your-writes run ends with the violation named and explained', async () => {
    const { container } = await mount({ scenario: 'read-your-writes', id: 'r-r' });
    await act(async () => labBus.get('r-r')!.applyCue({ scenario: 'read-your-writes', commands: [], at: 60 }));
    expect(text(container, 'rep-verdict')).toMatch(/read your writes: 1 violation/);
    expect(text(container, 'rep-caption')).toMatch(/^Read your writes broken: c1 read x = the initial value, but its own write "hello" had been acknowledged before the read began\. The follower that answered had not yet applied that write/);
  });

  it('switching to leader reads replays the same run without the violation', async () => {
    const { container } = await mount({ scenario: 'read-your-writes', id: 'r-p' });
    await act(async () => labBus.get('r-p')!.applyCue({ scenario: 'read-your-writes', commands: [], at: 60 }));
    const select = [...container.querySelectorAll('select')].find((s) => s.parentElement?.textContent?.includes('Reads go to')) as HTMLSelectElement;
    await act(async () => {
      select.value = 'leader';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(text(container, 'rep-verdict')).toMatch(/read your writes: kept so far/);
  });

  it('async failover counts the lost acknowledged writes; the fencing run refuses the old leader', async () => {
    const { container } = await mount({ scenario: 'failover-async-loses-writes', id: 'r-f' });
    await act(async () => labBus.get('r-f')!.applyCue({ scenario: 'failover-async-loses-writes', commands: [], at: 450 }));
    expect(text(container, 'rep-verdict')).toMatch(/acknowledged writes lost: 6 of 15/);
    await act(async () => labBus.get('r-f')!.applyCue({ scenario: 'fencing', commands: [], at: 700 }));
    expect(text(container, 'rep-verdict')).toMatch(/entries refused by fencing: 1/);
    await act(async () => labBus.get('r-f')!.applyCue({ scenario: 'split-brain', commands: [], at: 700 }));
    expect(text(container, 'rep-verdict')).toMatch(/entries accepted from a deposed leader: 1/);
    expect(container.querySelector('.rep-entry[data-state="differs"]')).not.toBeNull();
  });

  it('the CRDT core: after the heal the LWW counter lost a like the G-Counter kept', async () => {
    const { container } = await mount({ scenario: 'lww-loses-update', id: 'r-c' });
    await act(async () => labBus.get('r-c')!.applyCue({ scenario: 'lww-loses-update', commands: [], at: 450 }));
    expect(text(container, 'rep-caption')).toMatch(/1 like was silently lost/);
    expect(text(container, 'crdt-table')).toMatch(/eggs, milk/);
    await act(async () => button(container, /^Like$/).click());
    expect(text(container, 'crdt-table')).toContain('3');
  });
});
