/** The run as a table: the text alternative to the pictures, and a log for the curious. */
import { memo } from 'react';
import type { TraceEntry } from '../../sim/core';

/** Props for the event table. */
export interface EventTableProps {
  trace: readonly TraceEntry[];
  /** How many of the most recent entries to show. */
  limit?: number;
  caption?: string;
}

const KIND_TEXT: Record<string, string> = {
  send: 'sent',
  deliver: 'delivered',
  drop: 'dropped',
  duplicate: 'duplicated',
  timer: 'timer',
  crash: 'crashed',
  restart: 'restarted',
  partition: 'partition',
  heal: 'healed',
  action: 'reader',
  note: 'note',
};

/** The most recent trace entries, newest last, in a scrollable table. */
function EventTableView({ trace, limit = 60, caption = 'Events so far (newest last)' }: EventTableProps) {
  const rows = trace.slice(-limit);
  return (
    <div className="lab-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="lab-table">
        <caption>
          {caption}
          {trace.length > rows.length ? ` — last ${rows.length} of ${trace.length}` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">t (ms)</th>
            <th scope="col">Where</th>
            <th scope="col">Kind</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={4}>Nothing has happened yet.</td>
            </tr>
          )}
          {rows.map((e) => (
            <tr key={e.seq} className={`lab-kind-${e.kind}`}>
              <td>{Math.round(e.t)}</td>
              <td>{e.node ?? (e.from && e.to ? `${e.from}→${e.to}` : '—')}</td>
              <td>{KIND_TEXT[e.kind] ?? e.kind}</td>
              <td>{e.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The memoised table: `n` and `last` are read at render time (see `EventTable`). */
const MemoTable = memo(
  function MemoTable({ trace, n, limit, caption }: EventTableProps & { n: number; last: TraceEntry | undefined }) {
    return <EventTableView trace={trace.slice(0, n)} limit={limit} caption={caption} />;
  },
  (a, b) => a.n === b.n && a.last === b.last && a.limit === b.limit && a.caption === b.caption,
);

/**
 * The table re-renders only when the trace gained or lost entries, not on every frame of playback
 * (its 60 rows were a fixed cost per frame in every lab). The kernel may hand out one shared trace
 * array that grows in place, so the length and the last entry are read here, at render time, and
 * compared as values (comparing the array, or its length at comparison time, would never see it
 * grow); after a step back and a different action another entry can sit at the same length.
 */
export function EventTable(props: EventTableProps) {
  const n = props.trace.length;
  return <MemoTable {...props} n={n} last={props.trace[n - 1]} />;
}
