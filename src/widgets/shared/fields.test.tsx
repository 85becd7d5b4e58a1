// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { ResultList, SelectField, withCurrent } from './fields';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

describe('shared fields', () => {
  it('SelectField hands back the chosen option with its type (a number stays a number)', async () => {
    // Arrange
    const got: number[] = [];
    const host = document.createElement('div');
    document.body.appendChild(host);
    await act(async () => createRoot(host).render(<SelectField label="Loss" value={0.1} options={[0, 0.1, 0.5]} format={(l) => `${l * 100}%`} onChange={(v) => got.push(v)} />));
    const select = host.querySelector('select')!;
    // Act
    await act(async () => {
      select.value = '0.5';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    // Assert
    expect(host.querySelector('label span')?.textContent).toBe('Loss');
    expect([...select.options].map((o) => o.textContent)).toEqual(['0%', '10%', '50%']);
    expect(got).toEqual([0.5]);
    host.remove();
  });

  it('withCurrent keeps a scenario value that is not a preset, sorted and without repeats', () => {
    expect(withCurrent([100, 300], 250)).toEqual([100, 250, 300]);
    expect(withCurrent([100, 300], 300)).toEqual([100, 300]);
  });

  it('ResultList shows the empty line, or one toned item per row', () => {
    expect(renderToString(<ResultList title="Writes" rows={[]} empty="No writes yet." />)).toContain('No writes yet.');
    const html = renderToString(<ResultList title="Writes" rows={[{ id: 1, text: 'x = 1 kept', tone: 'ok' }, { id: 2, text: 'x = 2 lost', tone: 'bad' }]} empty="none" />);
    expect(html.match(/<li/g)).toHaveLength(2);
    expect(html).toContain('data-tone="bad"');
    expect(html).not.toContain('none');
  });
});
