/**
 * The `shedding` experiment: goodput (answers in time ÷ capacity) against offered load for the five
 * policies, with the ideal min(load, 1) as the reference line; and a table with latency, shed and
 * wasted work.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { POLICY_TEXT, type Policy, type SheddingPoint } from '../../sim/overload';

const SHORT: Record<Policy, string> = { fifo: 'unbounded FIFO', bounded: 'bounded FIFO', lifo: 'LIFO', 'adaptive-lifo': 'adaptive LIFO + CoDel', deadline: 'FIFO + deadline drop' };

/** Goodput curves for the shedding experiment. */
export function SheddingChart({ result }: { result: { loads: readonly number[]; policies: readonly Policy[]; points: readonly SheddingPoint[] } }) {
  const W = 640, H = 260, left = 44, bottom = 30;
  const maxL = Math.max(...result.loads, 1);
  const x = scaleLinear().domain([0, maxL]).range([left, W - 150]);
  const y = scaleLinear().domain([0, 1.1]).range([H - bottom, 10]);
  const ideal = line<number>().x((l) => x(l)).y((l) => y(Math.min(1, l)))([0, 1, maxL]) ?? '';
  return (
    <figure className="ovl-exp">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Goodput against offered load for five queue policies; the table has every figure.">
        <line className="ovl-axis" x1={left} x2={W - 150} y1={y(0)} y2={y(0)} />
        <line className="ovl-axis" x1={left} x2={left} y1={10} y2={y(0)} />
        <path className="ovl-line" data-series="ideal" d={ideal} />
        {result.policies.map((p, k) => {
          const pts = result.points.filter((q) => q.policy === p);
          return (
            <g key={p} data-policy={p}>
              <path className="ovl-line" data-series={`p${k}`} d={line<SheddingPoint>().x((q) => x(q.load)).y((q) => y(q.goodput))(pts) ?? ''} />
              {pts.map((q) => <circle key={q.load} className="ovl-exp-pt" data-series={`p${k}`} cx={x(q.load)} cy={y(q.goodput)} r={3} />)}
              <text className="ovl-small" data-series={`p${k}`} x={W - 144} y={20 + k * 18}>{SHORT[p]}</text>
            </g>
          );
        })}
        <text className="ovl-small" x={W - 144} y={20 + result.policies.length * 18}>- - ideal min(load, 1)</text>
        {[0.5, 1, 1.5, 2, 2.5, 3].filter((t) => t <= maxL).map((t) => <text key={t} className="ovl-tick" x={x(t)} y={H - bottom + 14} textAnchor="middle">{`${t}×`}</text>)}
        {[0, 0.5, 1].map((t) => <text key={t} className="ovl-tick" x={left - 4} y={y(t) + 4} textAnchor="end">{t}</text>)}
        <text className="ovl-small" x={left} y={H - 2}>offered load (× capacity)</text>
      </svg>
      <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Shedding experiment results">
        <table className="lab-table" data-testid="ovl-shedding-table">
          <caption>Goodput = answers in time ÷ capacity (400/s). Wasted = share of answers that came after the client left.</caption>
          <thead>
            <tr><th scope="col">Policy</th><th scope="col">Load</th><th scope="col">Goodput</th><th scope="col">Mean response in time</th><th scope="col">p99 wait</th><th scope="col">Shed</th><th scope="col">Wasted</th></tr>
          </thead>
          <tbody>
            {result.points.map((q) => (
              <tr key={`${q.policy}-${q.load}`} data-policy={q.policy}>
                <td>{POLICY_TEXT[q.policy]}</td><td>{`${q.load}×`}</td><td>{q.goodput.toFixed(2)}</td><td>{q.goodput > 0 ? `${q.goodResponse.toFixed(0)} ms` : '—'}</td><td>{`${q.p99Wait.toFixed(0)} ms`}</td><td>{`${Math.round(q.shedFraction * 100)}%`}</td><td>{`${Math.round(q.wastedFraction * 100)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
