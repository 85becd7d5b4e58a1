// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../sim/core';
import { EventTable } from './EventTable';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const entry = (seq: number, label: string): TraceEntry => ({ seq, t: seq * 10, kind: 'note', node: 'A', label }) as TraceEntry;

describe('EventTable (memoised)', () => {
  it('shows entries added to a trace array that grows in place, and a different entry at the same length', async () => {
    const trace: TraceEntry[] = [];
    const el = document.createElement('div');
    const root = createRoot(el);
    await act(async () => root.render(<EventTable trace={trace} />));
    expect(el.textContent).toContain('Nothing has happened yet');
    trace.push(entry(1, 'first thing'));
    await act(async () => root.render(<EventTable trace={trace} />));
    expect(el.textContent).toContain('first thing');
    trace[0] = entry(1, 'another first thing');
    await act(async () => root.render(<EventTable trace={trace} />));
    expect(el.textContent).toContain('another first thing');
    await act(async () => root.unmount());
  });
});
