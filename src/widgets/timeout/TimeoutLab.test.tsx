// @vitest-environment jsdom
import { act } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { labBus } from '../shared';
import TimeoutLab from './TimeoutLab';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

async function mount(props: Parameters<typeof TimeoutLab>[0]) {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.map(String).join(' ')));
  const container = document.createElement('div');
  container.innerHTML = renderToString(<TimeoutLab {...props} />);
  document.body.appendChild(container);
  await act(async () => {
    hydrateRoot(container, <TimeoutLab {...props} />);
  });
  return { container, errors };
}
const button = (root: HTMLElement, name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '') || name.test(b.getAttribute('aria-label') ?? ''))!;
const seek = async (root: HTMLElement, t: number) => {
  const range = root.querySelector<HTMLInputElement>('input[type="range"]')!;
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(range, String(t));
    range.dispatchEvent(new Event('input', { bubbles: true }));
  });
};

describe('TimeoutLab', () => {
  it('poster frame: server HTML describes the scenario and hydrates cleanly', async () => {
    const html = renderToString(<TimeoutLab scenario="timeout-ambiguity" />);
    expect(html).toContain('The client sees the same thing four times');
    const { errors, container } = await mount({ scenario: 'timeout-ambiguity' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(container.querySelector('[data-hydrated="true"]')).not.toBeNull();
  });

  it('timeout-ambiguity: scrubbing to the end shows four timeouts with four different truths', async () => {
    const { container } = await mount({ scenario: 'timeout-ambiguity', id: 't1' });
    await seek(container, 3200);
    const rows = [...container.querySelectorAll('.lab-results tbody tr')].map((r) => r.textContent);
    expect(rows).toHaveLength(5);
    expect(rows.filter((r) => /timed out/.test(r!))).toHaveLength(4);
    expect(container.textContent).toMatch(/request was lost/);
    expect(container.textContent).toMatch(/reply was lost: the server DID the work/);
    expect(container.textContent).toMatch(/server was down/);
    expect(container.textContent).toMatch(/only slow/);
  });

  it('mouse: crash the server, call, and the call times out with "server was down"', async () => {
    const { container } = await mount({ scenario: 'slow-not-dead', id: 't2' });
    await act(async () => button(container, /^Crash$/).click());
    await act(async () => button(container, /Call the server/).click());
    await seek(container, 1200);
    expect(container.textContent).toMatch(/server was down/);
  });

  it('flp-adversary: renders the FLP view, stays undecided, and a narration cue can switch scheduler', async () => {
    const { container } = await mount({ scenario: 'flp-adversary', id: 'flp' });
    expect(container.textContent).toMatch(/Bivalent/);
    await seek(container, 3000);
    expect(container.textContent).toMatch(/no decision/);
    await act(async () => labBus.get('flp')!.applyCue({ scenario: 'flp-adversary', commands: [{ name: 'scheduler', args: ['fair'] }], at: 6000 }));
    expect(container.textContent).toMatch(/All three decided/);
  });
});
