// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import RaftLab from './RaftLab';
import { raftLabDef } from './definition';
import { applyCueToStore, createLabStore } from '../shared';
import type { RaftParams, RaftState } from '../../sim/raft';
import { replay } from '../../sim/raft';
import { leaderOf } from '../../sim/raft';
import { connectedGroups } from '../../sim/core';
import { servers } from './selectors';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';

installLabTestEnvironment();

const mount = (props: Parameters<typeof RaftLab>[0]) => mountHydrated(RaftLab, props);

const button = (root: HTMLElement, name: RegExp) =>
  [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '') || name.test(b.getAttribute('aria-label') ?? ''))!;

describe('RaftLab', () => {
  it('server-renders a poster with the scenario description, five servers and disabled controls', () => {
    const html = renderToString(<RaftLab scenario="leader-election" />);
    expect(html).toContain('data-hydrated="false"');
    expect(html).toContain('collects votes from a majority');
    expect(html.match(/data-server="S\d"/g)).toHaveLength(5);
  });

  it('shows the experiments panel only on the instance that asks for it', () => {
    expect(renderToString(<RaftLab scenario="leader-election" />)).not.toContain('class="raft-experiments"');
    expect(renderToString(<RaftLab scenario="figure-8" id="f8x" />)).not.toContain('class="raft-experiments"');
    expect(renderToString(<RaftLab scenario="leader-election" experiments />)).toContain('class="raft-experiments"');
  });

  it('hydrates cleanly and registers on the narration bus', async () => {
    const { container, errors } = await mount({ scenario: 'figure-8', id: 'f8' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(container.querySelector('[data-hydrated="true"]')).not.toBeNull();
    expect(labBus.get('f8')?.widget).toBe('RaftLab');
  });

  it('figure-8 with the broken rule: the invariant panel offers a jump to the first violation, and the jump lands on it', async () => {
    const { container } = await mount({ scenario: 'figure-8', id: 'f8b' });
    const box = container.querySelector<HTMLInputElement>('.raft-broken input')!;
    await act(async () => box.click());
    const jump = button(container, /Jump to first violation/);
    expect(jump).toBeTruthy();
    await act(async () => jump.click());
    expect(container.querySelector('[data-invariant="leader-completeness"]')?.getAttribute('data-tone')).toBe('bad');
  });

  it('mouse: choose a server by clicking it, crash it, and its row shows it down', async () => {
    const { container } = await mount({ scenario: 'leader-election', id: 'c1' });
    const s3 = container.querySelector<SVGGElement>('[data-server="S3"]')!;
    await act(async () => s3.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(s3.getAttribute('aria-pressed')).toBe('true');
    await act(async () => button(container, /^Crash$/).click());
    expect(container.querySelector('[data-server="S3"]')?.getAttribute('aria-label')).toMatch(/S3: down/);
  });

  it('keyboard: Enter on a server selects it without starting playback', async () => {
    const { container } = await mount({ scenario: 'leader-election', id: 'k1' });
    const s2 = container.querySelector<SVGGElement>('[data-server="S2"]')!;
    await act(async () => s2.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true })));
    expect(s2.getAttribute('aria-pressed')).toBe('true');
    expect(container.querySelector('legend')?.textContent).toMatch(/Server S2/);
  });
});

describe('RaftLab narration commands', () => {
  it('a cue loads a scenario and applies crash leader / partition / request deterministically', () => {
    const run = () => {
      const store = createLabStore(raftLabDef, 'leader-election');
      const errors = applyCueToStore(raftLabDef, store, {
        scenario: 'leader-election',
        commands: [
          { name: 'seek', args: ['300'] },
          { name: 'crash', args: ['leader'] },
          { name: 'partition', args: ['S1,S3|S4,S5'] },
          { name: 'request', args: [] },
          { name: 'bogus', args: [] },
        ],
        at: 900,
      });
      return { errors, state: store.getState().cursor.state as RaftState };
    };
    const a = run();
    const b = run();
    expect(a.errors).toEqual(['unknown command "bogus"']);
    // The leader at 300 ms is crashed; the partition names S1,S3 | S4,S5, and the server it leaves out is alone.
    const sc = raftLabDef.mechanisms[0].scenarios.find((x) => x.id === 'leader-election')!;
    const leader = leaderOf(replay(sc.seed, sc.params as RaftParams, [], 300).world)!;
    expect(leader).toBe('S2');
    expect(servers(a.state).find((s) => s.id === leader)?.up).toBe(false);
    expect(connectedGroups(a.state.world.net, a.state.world.nodeIds)).toEqual([['S1', 'S3'], ['S2'], ['S4', 'S5']]);
    expect(JSON.stringify(a.state.world.nodes)).toBe(JSON.stringify(b.state.world.nodes));
  });

  it('rejects malformed command arguments with a message', () => {
    const s = createLabStore(raftLabDef, 'leader-election').getState().cursor.state;
    expect(raftLabDef.commands!.partition(['S1,,S1'], s)).toMatch(/partition needs groups/);
    expect(raftLabDef.commands!.restart([], s)).toMatch(/restart needs a server/);
    expect(raftLabDef.commands!.crash(['S1'], s)).toEqual({ type: 'node/crash', node: 'S1' });
    expect(raftLabDef.commands!.crash(['leader'], s)).toEqual({ type: 'node/crash', node: '@leader' });
    expect(raftLabDef.commands!.partition(['S1,S2|S3,S4,S5'], s)).toEqual({ type: 'net/partition', groups: [['S1', 'S2'], ['S3', 'S4', 'S5']] });
  });
});
