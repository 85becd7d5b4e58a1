/** Bar chart of the idempotency experiment: share of operations applied twice, per configuration. */
import { scaleLinear } from 'd3-scale';
import type { IdemResult } from '../../sim/idempotency/experiment';

/** One horizontal bar per configuration, labelled with its rate and counts; a table follows as the text version. */
export function IdemChart({ result }: { result: IdemResult }) {
  const rows = result.rows;
  const max = Math.max(0.05, ...rows.map((r) => r.rate));
  const labelW = 250;
  const w = 640;
  const x = scaleLinear().domain([0, max]).range([0, w - labelW - 70]);
  const rowH = 26;
  const h = rows.length * rowH + 10;
  return (
    <figure className="idem-exp">
      <svg className="idem-chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label="Share of operations applied more than once, by configuration (the table below gives the numbers)">
        {rows.map((r, i) => (
          <g key={r.config} transform={`translate(0, ${i * rowH + 4})`}>
            <text x={labelW - 8} y={15} textAnchor="end">
              {r.label}
            </text>
            <rect className="idem-bar" data-zero={r.duplicated === 0 ? 'true' : 'false'} x={labelW} y={3} height={16} width={Math.max(2, x(r.rate))} />
            <text x={labelW + Math.max(2, x(r.rate)) + 6} y={15}>
              {`${(r.rate * 100).toFixed(1)}%`}
            </text>
          </g>
        ))}
        <line className="idem-axis" x1={labelW} x2={labelW} y1={0} y2={h} />
      </svg>
      <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Experiment results">
        <table className="lab-table" data-testid="idem-exp-table">
          <caption>{`Operations applied more than once over ${rows[0]?.trials ?? 0} random fault schedules per configuration (retry horizon ${Math.round(result.horizon)} ms)`}</caption>
          <thead>
            <tr>
              <th scope="col">Configuration</th>
              <th scope="col">Operations</th>
              <th scope="col">Applied twice or more</th>
              <th scope="col">Rate</th>
              <th scope="col">First trial</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.config} data-tone={r.duplicated > 0 ? 'bad' : 'ok'} data-config={r.config}>
                <td>{r.label}</td>
                <td>{r.operations}</td>
                <td>{r.duplicated}</td>
                <td>{`${(r.rate * 100).toFixed(2)}%`}</td>
                <td>{r.firstDuplicateTrial >= 0 ? `#${r.firstDuplicateTrial}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
