// @vitest-environment jsdom
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { labBus } from '../shared';
import IdempotencyLab from './IdempotencyLab';
import { installLabTestEnvironment, mountHydrated } from '../shared/testing';

installLabTestEnvironment();

const mount = (props: Parameters<typeof IdempotencyLab>[0]) => mountHydrated(IdempotencyLab, props);
const button = (root: HTMLElement, name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '') || name.test(b.getAttribute('aria-label') ?? ''))!;
const text = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';

describe('IdempotencyLab', () => {
  it('server-renders a poster frame: the wire, the stores, the caption and the scenario text', () => {
    const html = renderToString(<IdempotencyLab scenario="no-key-double-charge" />);
    expect(html).toContain('data-hydrated="false"');
    expect(html).toMatch(/<svg[^>]*class="idem-wire-svg"/);
    expect(html).toContain('S: ledger (durable)');
    expect(html).toContain('Press Play');
    expect(html).toMatch(/the 201 is lost on the way back/);
  });

  it('hydrates cleanly and registers a narration handle', async () => {
    const { container, errors } = await mount({ scenario: 'key-replays-outcome', id: 'i-h' });
    expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
    expect(container.querySelector('[data-hydrated="true"]')).not.toBeNull();
    expect(labBus.get('i-h')?.widget).toBe('IdempotencyLab');
  });

  it('a cue to the end of no-key-double-charge shows the double charge; turning keys on replays it away', async () => {
    const { container } = await mount({ scenario: 'key-replays-outcome', id: 'i-n' });
    await act(async () => labBus.get('i-n')!.applyCue({ scenario: 'no-key-double-charge', commands: [], at: 450 }));
    expect(text(container, 'idem-verdict')).toMatch(/DOUBLE CHARGE: p1 \(€80\) was charged 2× = €160/);
    expect(text(container, 'idem-ledger')).toMatch(/DUPLICATE ch_2/);
    const keys = [...container.querySelectorAll('input[type="checkbox"]')].find((el) => el.parentElement?.textContent?.includes('Idempotency keys')) as HTMLInputElement;
    await act(async () => keys.click());
    expect(text(container, 'idem-verdict')).toMatch(/No payment charged twice/);
    expect(text(container, 'idem-caption')).toMatch(/C got 201 for p1: paid with ch_1 \(a replay of the stored outcome\)/);
  });

  it('fault buttons run forward to their moment: "crash S after the charge" lands in the window', async () => {
    const { container } = await mount({ scenario: 'key-replays-outcome', id: 'i-f' });
    await act(async () => labBus.get('i-f')!.applyCue({ scenario: 'key-replays-outcome', commands: [], at: 5 }));
    await act(async () => button(container, /Crash S after the charge/).click());
    expect(text(container, 'idem-caption')).toMatch(/S crashed/);
    expect(text(container, 'idem-ledger')).toMatch(/rolled back by the crash/);
  });

  it('queue mode: the consumer without dedup applies m1 twice', async () => {
    const { container } = await mount({ scenario: 'redelivery-duplicates-effect', id: 'i-q' });
    await act(async () => labBus.get('i-q')!.applyCue({ scenario: 'redelivery-duplicates-effect', commands: [], at: 450 }));
    expect(text(container, 'idem-verdict')).toMatch(/DUPLICATE EFFECT: m1 applied 2×/);
    expect(container.textContent).toMatch(/exactly-once delivery is impossible/);
    // Slow acks: the broker times out and redelivers although Q processed the message.
    await act(async () => button(container, /^Reset$/).click());
    const slow = button(container, /Delay acks past the ack timeout/);
    await act(async () => slow.click());
    expect(button(container, /Delay acks past the ack timeout \(on\)/).getAttribute('aria-pressed')).toBe('true');
  });
});
