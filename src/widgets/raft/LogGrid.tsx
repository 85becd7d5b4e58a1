/**
 * Every server's log as a grid beside the cluster (rows = servers, columns = log indices), entries
 * coloured by term, committed entries solid and uncommitted ones hatched. The leader's view of each
 * follower is drawn on that follower's row as ticks: an outlined cell where the leader will send
 * next (nextIndex) and a bar under the last entry it knows matches (matchIndex). The numbers are
 * also in a table on demand, which with the grid is the text alternative. Long logs show their last
 * LOG_WINDOW indices; the entries before fold into one summary cell per server.
 */
import { memo } from 'react';
import type { RaftState } from '../../sim/raft';
import type { LogCell } from './selectors';
import { Presence, SlideIn } from '../shared/motion';
import { leaderProgress, logRows, logWindow, termColor } from './selectors';

/**
 * The entries before the drawn window, as one cell: how many, how many committed, and the leader's
 * nextIndex or matchIndex for this follower when it lies back there (a far-behind follower).
 */
function FoldedCell({ id, cells, next, match }: { id: string; cells: readonly LogCell[]; next: number | undefined; match: number | undefined }) {
  const committed = cells.filter((c) => c.committed).length;
  const ticks = `${next !== undefined ? `; the leader's nextIndex is ${next}` : ''}${match !== undefined ? `; matchIndex ${match}` : ''}`;
  const text = cells.length
    ? `${id}[1–${cells.length}]: ${cells.length} entries, ${committed === cells.length ? 'all' : committed} committed${ticks}`
    : `${id}: no entries in the folded indices${ticks}`;
  return (
    <td className={`raft-cell-folded${next !== undefined ? ' raft-next' : ''}${match !== undefined ? ' raft-match' : ''}`} title={text}>
      <span aria-hidden="true">{cells.length ? `${cells.length}${committed === cells.length ? '✓' : ''}` : '–'}</span>
      <span className="raft-sr">{text}</span>
    </td>
  );
}

/** Props for the log grid. */
export interface LogGridProps {
  state: RaftState;
}

/**
 * The logs, as a real table (it is the text alternative too). Memoised: give it the step state
 * (`useStepState`), so it re-renders only when a step changes something, not every frame.
 */
export const LogGrid = memo(function LogGrid({ state }: LogGridProps) {
  const rows = logRows(state);
  const lp = leaderProgress(state);
  const width = Math.max(4, ...rows.map((r) => r.cells.length), ...(lp ? lp.rows.map((p) => p.nextIndex) : []));
  // Only the tail of long logs is drawn; the earlier entries fold into one summary column.
  const { first } = logWindow(width);
  const cols = Array.from({ length: width - first + 1 }, (_, i) => first + i);
  const folded = first - 1;

  return (
    <div className="raft-logs" data-lab-part="log">
      <p className="raft-log-caption">
        {'Logs: term of each entry, solid once committed.'}
        {lp ? ` ${lp.leader}'s view:` : ''}
        {lp && (
          <>
            <span className="raft-key raft-key-next" aria-hidden="true" /> next
            <span className="raft-key raft-key-match" aria-hidden="true" /> match
            <span className="raft-sr"> (an outlined cell is the leader's nextIndex for that follower; a bar under a cell is its matchIndex)</span>
          </>
        )}
      </p>
      {/* The region scrolls from its right end (raft.css): the tail is where appends, conflicts and commits happen. */}
      <div className="raft-log-scroll" tabIndex={0} role="region" aria-label="Server logs">
        <table className="raft-log-table">
          <caption className="raft-sr">Server logs by index</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="raft-sr">Server</span>
              </th>
              {folded > 0 && (
                <th scope="col" className="raft-idx raft-idx-folded">
                  {`1–${folded}`}
                </th>
              )}
              {cols.map((i) => (
                <th key={i} scope="col" className="raft-idx">
                  {i}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const p = lp && lp.leader !== r.id ? lp.rows.find((q) => q.peer === r.id) : undefined;
              return (
                <tr key={r.id} className={r.up ? '' : 'raft-row-down'} data-log-row={r.id}>
                  <th scope="row">
                    {r.id}
                    <span className="raft-row-meta">{` ${r.up ? r.role[0].toUpperCase() : '✕'} c${r.commitIndex}`}</span>
                  </th>
                  {folded > 0 && <FoldedCell id={r.id} cells={r.cells.slice(0, folded)} next={p && p.nextIndex <= folded ? p.nextIndex : undefined} match={p && p.matchIndex > 0 && p.matchIndex <= folded ? p.matchIndex : undefined} />}
                  {cols.map((i) => {
                    const c = r.cells[i - 1];
                    const ticks = `${p?.nextIndex === i ? ' raft-next' : ''}${p && p.matchIndex === i ? ' raft-match' : ''}`;
                    // The entry is a block inside a stable cell, so appending it slides it in and a
                    // step back (or a conflicting entry being overwritten) slides it out again.
                    return (
                      <td key={i} className={`${c ? 'raft-cell' : 'raft-cell-empty'}${c?.committed ? ' raft-committed' : ''}${ticks}`}>
                        <Presence>
                          {c && (
                            <SlideIn
                              key={`${c.term}:${c.cmd}`}
                              className={`raft-entry${c.committed ? ' raft-entry-committed' : ''}`}
                              style={{ ['--term' as string]: termColor(c.term) }}
                              title={`${r.id}[${i}]: ${c.cmd}, term ${c.term}${c.committed ? ', committed' : ', not committed here'}`}
                              data={{ 'data-entry': `${r.id}:${i}` }}
                            >
                              <span className="raft-cell-term">{c.term}</span>
                              <span className="raft-sr">{` ${c.cmd}${c.committed ? ' committed' : ''}`}</span>
                            </SlideIn>
                          )}
                        </Presence>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {lp ? (
        <details className="raft-progress-details">
          <summary>{`Leader ${lp.leader} (term ${lp.term}): nextIndex and matchIndex`}</summary>
          <table className="raft-progress">
            <thead>
              <tr>
                <th scope="col">Follower</th>
                <th scope="col">nextIndex</th>
                <th scope="col">matchIndex</th>
              </tr>
            </thead>
            <tbody>
              {lp.rows.map((p) => (
                <tr key={p.peer}>
                  <th scope="row">{p.peer}</th>
                  <td>{p.nextIndex}</td>
                  <td>{p.matchIndex}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : (
        <p className="raft-note">No leader is up, so nobody tracks nextIndex or matchIndex.</p>
      )}
    </div>
  );
});
