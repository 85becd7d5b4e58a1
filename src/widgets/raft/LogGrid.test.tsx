import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { findScenario, replay } from '../../sim/raft';
import { LogGrid } from './LogGrid';
import { leaderProgress, LOG_WINDOW, logRows, logWindow } from './selectors';

/** The default scenario with a client request every 20 ms from 400 ms on, replayed to `t`. */
function busy(requests: number, t: number) {
  const sc = findScenario('leader-election')!;
  const log = [...sc.log, ...Array.from({ length: requests }, (_, i) => ({ at: 400 + 20 * i, action: { type: 'raft/request' as const } }))];
  return replay(sc.seed, sc.params, log, t);
}

describe('LogGrid', () => {
  it('logWindow keeps the last LOG_WINDOW indices, and all of a short log', () => {
    expect(logWindow(4)).toEqual({ first: 1, last: 4 });
    expect(logWindow(LOG_WINDOW)).toEqual({ first: 1, last: LOG_WINDOW });
    expect(logWindow(LOG_WINDOW + 1)).toEqual({ first: 2, last: LOG_WINDOW + 1 });
    expect(logWindow(400)).toEqual({ first: 400 - LOG_WINDOW + 1, last: 400 });
  });

  it('draws a short log in full, with no summary column', () => {
    const html = renderToString(<LogGrid state={busy(3, 1200)} />);
    expect(html).not.toContain('raft-cell-folded');
    expect(html).toContain('data-entry="S1:1"');
  });

  it('draws only the tail of a long log, and folds the earlier entries into one cell per server', () => {
    const s = busy(80, 4000);
    const longest = Math.max(...logRows(s).map((r) => r.cells.length));
    expect(longest).toBeGreaterThan(LOG_WINDOW + 10);
    const html = renderToString(<LogGrid state={s} />);
    // The grid's width also reaches the leader's nextIndex (one past its last entry).
    const { first } = logWindow(Math.max(longest, ...(leaderProgress(s)?.rows.map((p) => p.nextIndex) ?? [])));
    // Entry cells only inside the window, and exactly one folded cell per server.
    expect(html).not.toMatch(new RegExp(`data-entry="S\\d:${first - 1}"`));
    expect(html).toMatch(new RegExp(`data-entry="S\\d:${first}"`));
    expect(html.match(/<td class="raft-cell-folded/g)?.length).toBe(logRows(s).length);
    expect(html).toContain(`>1–${first - 1}</th>`);
    expect(html).toMatch(/\[1–\d+\]: \d+ entries, all committed/);
  });
});
