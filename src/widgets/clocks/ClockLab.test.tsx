// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import { encodeMoment, urlKey } from '../shared/urlState';
import ClockLab from './ClockLab';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';

installLabTestEnvironment();

const mount = (props: Parameters<typeof ClockLab>[0]) => mountHydrated(ClockLab, props);
const button = (root: HTMLElement, name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '') || name.test(b.getAttribute('aria-label') ?? ''))!;
const section = (root: HTMLElement) => root.querySelector('section')!;
const seek = async (root: HTMLElement, t: number) => {
  const range = root.querySelector('input[type="range"]') as HTMLInputElement;
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(range, String(t));
    range.dispatchEvent(new Event('input', { bubbles: true }));
    range.dispatchEvent(new Event('change', { bubbles: true }));
  });
};

describe('ClockLab', () => {
  it('server-renders a poster with the scenario description and disabled controls', () => {
    const html = renderToString(<ClockLab scenario="ntp-steps-backwards" />);
    expect(html).toContain('NTP step corrects it all at once');
    expect(html).toContain('data-hydrated="false"');
    expect(html).toContain('class="clock-diagram"');
  });

  it('draws its clock-stamped diagram only, not the shared space-time diagram as well', () => {
    const html = renderToString(<ClockLab scenario="lww-loses-write" />);
    expect(html).toContain('class="clock-diagram"');
    expect(html).not.toContain('class="lab-spacetime"');
    expect(html).toContain('Event log (text version of the pictures)');
  });

  it('hydrates cleanly and registers on the narration bus', async () => {
    const { container, errors } = await mount({ scenario: 'lww-loses-write' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(container.querySelector('[data-hydrated="true"]')).not.toBeNull();
    expect(labBus.get('lww-loses-write')?.widget).toBe('ClockLab');
  });

  it('plays the LWW scenario to its end and marks the lost write; the comparison says the wall clock is wrong', async () => {
    const { container } = await mount({ scenario: 'lww-loses-write', id: 'lww' });
    await seek(container, 600);
    expect(container.textContent).toMatch(/w1: B wrote x = 2 .* LOST/);
    expect(container.querySelector('.clock-event-lost')).not.toBeNull();
    expect(container.querySelector('.clock-table')!.textContent).toMatch(/Wall clockb happened before a — wrong/);
  });

  it('mouse: clicking two events compares them', async () => {
    const { container } = await mount({ scenario: 'lamport-cannot-see-concurrency', id: 'm' });
    await seek(container, 200);
    // Clear the preset pair by picking a third event, then pick two.
    const events = () => [...container.querySelectorAll<SVGGElement>('.clock-event')];
    await act(async () => events()[0].dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await act(async () => events()[3].dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(container.querySelector('.clock-table caption')!.textContent).toMatch(/e0 and e3: in truth, concurrent/);
  });

  it('keyboard: Enter on a focused event picks it, without stepping the lab', async () => {
    const { container } = await mount({ scenario: 'vector-detects-conflict', id: 'k' });
    await seek(container, 350);
    const clock = () => container.querySelector('.lab-clock')!.textContent;
    const before = clock();
    const ev = [...container.querySelectorAll<SVGGElement>('.clock-event')];
    await act(async () => ev[6].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    await act(async () => ev[0].dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true })));
    expect(ev[6].getAttribute('aria-pressed')).toBe('true');
    expect(clock()).toBe(before);
    expect(container.querySelector('.clock-table caption')!.textContent).toMatch(/e6 and e0: in truth, b happened before a/);
    // The live region reports the comparison.
    expect([...container.querySelectorAll('.lab-live')].map((n) => n.textContent).join(' ')).toMatch(/e6 vs e0: truly b happened before a/);
  });

  it('reader actions: a leap second steps the wall clock back a second', async () => {
    const { container } = await mount({ scenario: 'hlc-tracks-physical-time', id: 'r' });
    await seek(container, 100);
    const wallA = () => Number(container.querySelectorAll('.lab-results tbody tr')[0].children[1].textContent);
    const before = wallA();
    await act(async () => button(container, /Leap second/).click());
    expect(wallA()).toBe(before - 1000);
  });

  it('restores a shared link and reports a broken one', async () => {
    const moment = { mechanism: 'clocks', scenario: 'lww-loses-write', seed: 7, params: { nodes: 2, clocks: [{ offsetMs: 0, driftPpm: 0 }, { offsetMs: 0, driftPpm: 0 }], delayMin: 20, delayMax: 60, slewPpm: 50000 }, log: [{ at: 5, action: { type: 'write', node: 'B', value: 'zz' } }], steps: 1, t: 5 };
    window.history.replaceState(null, '', `/?${urlKey('share')}=${encodeMoment(moment)}`);
    const ok = await mount({ scenario: 'lww-loses-write', id: 'share' });
    expect(ok.container.textContent).toMatch(/B wrote x = zz/);
    document.body.innerHTML = '';
    window.history.replaceState(null, '', `/?${urlKey('share')}=v1.broken!!`);
    const bad = await mount({ scenario: 'lww-loses-write', id: 'share' });
    expect(bad.container.textContent).toMatch(/Showing the default scenario/);
  });

  it('applies a narration cue with clock commands', async () => {
    const { container } = await mount({ scenario: 'lww-loses-write', id: 'n' });
    await act(async () => labBus.get('n')!.applyCue({ scenario: 'ntp-steps-backwards', commands: [{ name: 'seek', args: ['300'] }, { name: 'leap', args: ['c'] }] }));
    expect(container.textContent).toMatch(/Narration is driving/);
    expect(container.textContent).toMatch(/C: leap second/);
    expect(section(container).getAttribute('data-lab')).toBe('ClockLab');
  });
});
