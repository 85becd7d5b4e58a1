/**
 * Every server's log as a grid (rows = servers, columns = log indices), entries coloured by term,
 * committed entries solid and uncommitted ones hatched; plus the leader's nextIndex/matchIndex.
 */
import type { RaftState } from '../../sim/raft';
import { leaderProgress, logRows, termColor } from './selectors';

/** Props for the log grid. */
export interface LogGridProps {
  state: RaftState;
}

/** The logs, as a real table (it is the text alternative too). */
export function LogGrid({ state }: LogGridProps) {
  const rows = logRows(state);
  const width = Math.max(1, ...rows.map((r) => r.cells.length));
  const lp = leaderProgress(state);
  const cols = Array.from({ length: width }, (_, i) => i + 1);
  return (
    <div className="raft-logs">
      <p className="raft-note">
        Logs: one row per server, one cell per entry, labelled with its term. Solid cells are committed on that server, hatched ones are not;
        the letter after a server is its role and c its commit index. An outlined cell is where the leader will send next (nextIndex).
      </p>
      <div className="raft-log-scroll" tabIndex={0} role="region" aria-label="Server logs">
        <table className="raft-log-table">
          <caption className="raft-sr">Server logs by index</caption>
          <thead>
            <tr>
              <th scope="col">Server</th>
              {cols.map((i) => (
                <th key={i} scope="col" className="raft-idx">
                  {i}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={r.up ? '' : 'raft-row-down'}>
                <th scope="row">
                  {r.id}
                  <span className="raft-row-meta">{` ${r.up ? r.role[0].toUpperCase() : '✕'} c${r.commitIndex}`}</span>
                </th>
                {cols.map((i) => {
                  const c = r.cells[i - 1];
                  if (!c) return <td key={i} className="raft-cell-empty" />;
                  const next = lp && lp.leader !== r.id ? lp.rows.find((p) => p.peer === r.id)?.nextIndex : undefined;
                  return (
                    <td
                      key={i}
                      className={`raft-cell${c.committed ? ' raft-committed' : ''}${next === i ? ' raft-next' : ''}`}
                      style={{ ['--term' as string]: termColor(c.term) }}
                      title={`${r.id}[${i}]: ${c.cmd}, term ${c.term}${c.committed ? ', committed' : ', not committed here'}`}
                    >
                      <span className="raft-cell-term">{c.term}</span>
                      <span className="raft-sr">{` ${c.cmd}${c.committed ? ' committed' : ''}`}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {lp ? (
        <table className="raft-progress">
          <caption>{`Leader ${lp.leader} (term ${lp.term}): what it believes about each follower`}</caption>
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
      ) : (
        <p className="raft-note">No leader is up right now, so nobody tracks nextIndex or matchIndex.</p>
      )}
    </div>
  );
}
