// @vitest-environment jsdom
// The step caption contract: one sentence under the picture, and the same sentence in the one
// polite live region when the run moves (src/widgets/shared/stepCaption.ts, StepCaption.tsx).
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../sim/core';
import { pingLabDef, type PingState } from './__fixtures__/pingMechanism';
import { LabFrame, labComponent } from './LabFrame';
import { dropReason, latestStep, listOf, sentence } from './stepCaption';
import { installLabTestEnvironment, mountHydrated } from './testing';
import { useLab, useMechanismLab } from './useMechanismLab';
import type { LabProps } from './definition';

const e = (seq: number, t: number, kind: TraceEntry['kind'], label: string, node = 'A'): TraceEntry => ({ seq, t, kind, label, node });

describe('latestStep', () => {
  const trace = [e(0, 0, 'send', 'ping #1'), e(1, 10, 'timer', 'A: election timer'), e(2, 10, 'note', 'A timed out'), e(3, 10, 'send', 'RequestVote'), e(4, 20, 'deliver', 'RequestVote', 'B'), e(5, 20, 'send', 'Vote granted', 'B')];

  it('groups the step that caused the newest entries with what followed from it', () => {
    const s = latestStep(trace)!;
    expect(s.cause?.label).toBe('RequestVote');
    expect(s.effects.map((x) => x.label)).toEqual(['Vote granted']);
    expect(latestStep(trace, 15)!.all.map((x) => x.seq)).toEqual([1, 2, 3]);
  });

  it('has no step before the first entry, and effects stand alone without a cause', () => {
    expect(latestStep(trace, -1)).toBeNull();
    expect(latestStep([])).toBeNull();
    const alone = latestStep(trace, 5)!;
    expect(alone.cause).toBeUndefined();
    expect(alone.effects.map((x) => x.label)).toEqual(['ping #1']);
  });

  it('writes plain sentences', () => {
    expect(sentence('s3 became leader')).toBe('S3 became leader.');
    expect(sentence('Done?')).toBe('Done?');
    expect(listOf(['A', 'B', 'C'])).toBe('A, B and C');
  });
});

/** A toy caption: what the newest ping or pong did. */
function pingCaption(s: PingState, trace: readonly TraceEntry[]): string {
  const step = latestStep(trace, s.now);
  return step ? `${sentence(step.all[step.all.length - 1].label)} Because A pings B and B answers.` : 'Nothing has happened yet.';
}

function PingLab(props: LabProps) {
  const lab = useMechanismLab(pingLabDef, props);
  const state = useLab(lab, (s) => s.cursor.state);
  const trace = lab.store.getState().mechanism.trace(state);
  return <LabFrame lab={lab} title="Ping" lanes={['A', 'B']} picture={<svg aria-hidden="true" />} stepCaption={pingCaption(state, trace)} />;
}
const Lab = labComponent('Ping lab', PingLab);

installLabTestEnvironment();

describe('LabFrame with a step caption', () => {
  it('shows the caption under the picture in the server HTML, and speaks it (once) when the reader steps', async () => {
    const { container, errors, html } = await mountHydrated(Lab, { scenario: 'one-ping' });
    expect(errors).toEqual([]);
    expect(html).toContain('Nothing has happened yet.');
    const caption = () => container.querySelector('[data-lab-step]')!.textContent;
    const live = () => container.querySelector('.lab-live')!.textContent;
    // The caption is inside the picture part, right after the picture.
    expect(container.querySelector('[data-lab-part="picture"] > [data-lab-step]')).not.toBeNull();
    // One live region only: the caption itself is not a second one.
    expect(container.querySelectorAll('[aria-live]').length).toBe(1);
    const step = container.querySelector<HTMLButtonElement>('button[aria-label="Step forward one event"]')!;
    await act(async () => step.click());
    expect(caption()).toBe('Ping #1. Because A pings B and B answers.');
    expect(live()).toBe(caption());
    await act(async () => step.click());
    expect(caption()).toBe('Pong #2. Because A pings B and B answers.');
    expect(live()).toBe(caption());
    const back = container.querySelector<HTMLButtonElement>('button[aria-label="Step back one event"]')!;
    await act(async () => back.click());
    expect(live()).toMatch(/^Stepped back to t=10 ms\. Ping #1\. Because/);
    // Controls that do not move the run still speak for themselves.
    const speed = container.querySelector<HTMLSelectElement>('.lab-transport select')!;
    await act(async () => {
      speed.value = '2';
      speed.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(live()).toBe('Speed 2×.');
  });

  it('collapses and reopens the control rail', async () => {
    function WithActions(props: LabProps) {
      const lab = useMechanismLab(pingLabDef, props);
      return <LabFrame lab={lab} title="Ping" lanes={['A', 'B']} picture={<svg aria-hidden="true" />} actions={<button type="button">Ping</button>} />;
    }
    const { container } = await mountHydrated(labComponent('Rail', WithActions), {});
    const toggle = container.querySelector<HTMLButtonElement>('.lab-rail-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await act(async () => toggle.click());
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('.lab-actions')!.getAttribute('data-open')).toBe('false');
    expect(toggle.textContent).toBe('Show controls');
  });
});

describe('dropReason', () => {
  const drop = (label: string, data?: unknown): TraceEntry => ({ seq: 0, t: 0, kind: 'drop', label, ...(data === undefined ? {} : { data }) });
  it('reads the kernel’s reason, and the label when there is no data', () => {
    expect(dropReason(drop('message #3 dropped by the reader', { reason: 'dropped' }))).toBe('reader');
    expect(dropReason(drop('message #3 dropped by the reader'))).toBe('reader');
    expect(dropReason(drop('AppendEntries dropped (partition)', { reason: 'partition' }))).toBe('partition');
    expect(dropReason(drop('vote dropped (node down)'))).toBe('node down');
    expect(dropReason(drop('beat dropped (loss)', { reason: 'loss' }))).toBe('loss');
    expect(dropReason(drop('beat dropped (no node X)', { reason: 'unknown node' }))).toBe('other');
  });
});
