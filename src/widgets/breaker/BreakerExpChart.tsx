/** The `breaker` experiment's result: one bar per set-up for B's success during the fault, and a table. */
import { scaleLinear } from 'd3-scale';
import type { BreakerRow } from '../../sim/breaker';

const LABEL: Record<string, string> = {
  'no-breaker': 'No breaker',
  'r4j-defaults': 'resilience4j defaults',
  tuned: 'Tuned (20-call window, 5 s open)',
  'tuned+fallback': 'Tuned, with fallback',
};

/** Bars and table for the breaker experiment. */
export function BreakerExpChart({ result }: { result: { fault: string; faultWindow: [number, number]; rows: BreakerRow[] } }) {
  const w = 640, labelW = 230, rowH = 26;
  const x = scaleLinear().domain([0, 1]).range([0, w - labelW - 60]);
  const h = result.rows.length * rowH + 26;
  const s = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} s`);
  return (
    <figure className="brk-exp">
      <svg viewBox={`0 0 ${w} ${h}`} className="brk-exp-chart" role="img" aria-label="Endpoint B's success rate during the fault, by set-up (the table gives every figure)">
        <text x={labelW} y={13} className="brk-exp-label">{`Endpoint B answered while the dependency was ${result.fault}`}</text>
        {result.rows.map((r, i) => (
          <g key={r.setup} transform={`translate(0, ${i * rowH + 22})`}>
            <text x={labelW - 8} y={15} textAnchor="end" className="brk-exp-label">{LABEL[r.setup] ?? r.setup}</text>
            <rect className="brk-exp-bar" data-tone={r.successB >= 0.9 ? 'ok' : 'bad'} x={labelW} y={3} height={16} width={Math.max(2, x(r.successB))} />
            <text x={labelW + Math.max(2, x(r.successB)) + 6} y={15} className="brk-exp-label">{`${Math.round(r.successB * 100)}%`}</text>
          </g>
        ))}
      </svg>
      <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Breaker experiment results">
        <table className="lab-table" data-testid="brk-exp-table">
          <caption>{`Dependency ${result.fault} from ${result.faultWindow[0]} s to ${result.faultWindow[1]} s, then healthy; means over ${result.rows[0]?.trials ?? 0} seeds (figures from 5 s into the fault to its end)`}</caption>
          <thead>
            <tr>
              <th scope="col">Set-up</th><th scope="col">B answered</th><th scope="col">A answered</th><th scope="col">Calls to the dependency per s</th><th scope="col">Busy workers</th><th scope="col">Opened after</th><th scope="col">Closed after recovery</th><th scope="col">Transitions</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => (
              <tr key={r.setup} data-setup={r.setup}>
                <td>{LABEL[r.setup] ?? r.setup}</td><td>{`${(r.successB * 100).toFixed(1)}%`}</td><td>{`${(r.answeredA * 100).toFixed(1)}%`}</td><td>{r.depRate.toFixed(1)}</td><td>{r.meanBusy.toFixed(1)}</td><td>{s(r.openedAfter)}</td><td>{s(r.closedAfter)}</td><td>{r.transitions.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
