/** The failover experiment's result: lost acknowledged writes against lag, beside the closed form. */
import type { FailoverPoint } from '../../sim/replication';

/** A table: one row per lag, async and semi-sync side by side. */
export function FailoverTable({ points }: { points: readonly FailoverPoint[] }) {
  const lags = [...new Set(points.map((p) => p.lag))];
  const at = (mode: string, lag: number) => points.find((p) => p.mode === mode && p.lag === lag);
  const max = Math.max(1, ...points.map((p) => p.meanLost));
  return (
    <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Failover results">
      <table className="rep-table" data-testid="failover-result">
        <caption className="lab-description">Acknowledged writes lost per failover (mean over trials), and how long each write waited for its acknowledgement.</caption>
        <thead>
          <tr>
            <th scope="col">Lag</th>
            <th scope="col">Async: lost (closed form)</th>
            <th scope="col">Async: wait</th>
            <th scope="col">Semi-sync: lost</th>
            <th scope="col">Semi-sync: wait</th>
          </tr>
        </thead>
        <tbody>
          {lags.map((lag) => {
            const a = at('async', lag);
            const s = at('semisync', lag);
            return (
              <tr key={lag}>
                <th scope="row">{`${lag} ms`}</th>
                <td>
                  <span className="rep-bar" style={{ width: `${((a?.meanLost ?? 0) / max) * 5}em` }} aria-hidden="true" />
                  {a ? `${a.meanLost.toFixed(1)} (${a.expectedLost.toFixed(1)})` : '—'}
                </td>
                <td>{a && a.meanAcked > 0 ? `${a.meanLatency.toFixed(0)} ms` : '—'}</td>
                <td>{s ? s.meanLost.toFixed(1) : '—'}</td>
                <td>{s && s.meanAcked > 0 ? `${s.meanLatency.toFixed(0)} ms` : 'none acknowledged before the crash'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
