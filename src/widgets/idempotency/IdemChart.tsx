/** Bar chart of the idempotency experiment: share of operations applied twice, per configuration. */
import { useId, useRef } from 'react';
import { scaleLinear } from 'd3-scale';
import type { IdemResult } from '../../sim/idempotency';
import { useSvgWidth } from '../shared/useSvgWidth';

/** One horizontal bar per configuration, labelled with its rate and counts; a table follows as the text version. */
export function IdemChart({ result }: { result: IdemResult }) {
  const ref = useRef<HTMLElement>(null);
  const tableId = useId();
  const w = useSvgWidth(ref, 560, 280, 720);
  const rows = result.rows;
  const max = Math.max(0.05, ...rows.map((r) => r.rate));
  // Wide: label left of its bar. Narrow: label above its bar, so text keeps its real size.
  const stacked = w < 520;
  const labelW = stacked ? 0 : 270;
  const x = scaleLinear().domain([0, max]).range([0, w - labelW - 60]);
  const rowH = stacked ? 40 : 26;
  const h = rows.length * rowH + 10;
  return (
    <figure className="idem-exp" ref={ref}>
      <svg className="idem-chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label="Share of operations applied more than once, by configuration (the table below gives the numbers)">
        {rows.map((r, i) => {
          const by = stacked ? 20 : 3;
          const bw = Math.max(2, x(r.rate));
          return (
            <g key={r.config} transform={`translate(0, ${i * rowH + 4})`}>
              <text x={stacked ? 0 : labelW - 8} y={stacked ? 12 : 15} textAnchor={stacked ? 'start' : 'end'}>
                {r.label}
              </text>
              <rect className="idem-bar" data-zero={r.duplicated === 0 ? 'true' : 'false'} x={labelW} y={by} height={16} width={bw} />
              <text x={labelW + bw + 6} y={by + 12}>
                {`${(r.rate * 100).toFixed(1)}%`}
              </text>
            </g>
          );
        })}
        {!stacked && <line className="idem-axis" x1={labelW} x2={labelW} y1={0} y2={h} />}
      </svg>
      <p className="lab-description" id={`${tableId}-d`}>{`Operations (payments or messages) applied more than once over ${rows[0]?.trials ?? 0} random fault schedules per configuration; “First” is the first schedule with a duplicate, to replay (retry horizon ${Math.round(result.horizon)} ms).`}</p>
      <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Experiment results">
        <table className="lab-table" data-testid="idem-exp-table" aria-describedby={`${tableId}-d`}>
          <thead>
            <tr>
              <th scope="col">Configuration</th>
              <th scope="col">Ops</th>
              <th scope="col">Twice or more</th>
              <th scope="col">Rate</th>
              <th scope="col">First</th>
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
