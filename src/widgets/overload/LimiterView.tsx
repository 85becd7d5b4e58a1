/**
 * The rate limiters side by side on the same traffic: one strip per limiter showing the last three
 * seconds of decisions (a filled tick admitted, a red cross refused; fixed-window boundaries as
 * dashed lines), each client's token level, and a table of what each let through, including the
 * most requests it admitted within any one window length.
 */
import { useRef } from 'react';
import { scaleLinear } from 'd3-scale';
import { useSvgWidth } from '../shared/useSvgWidth';
import { COLUMNS, clientName, type LimiterState } from '../../sim/overload';
import { limiterRows, limiterTicks, tokenLevels } from './selectors';

const NAMES: Record<string, string> = { 'token-bucket': 'Token bucket (per client)', 'fixed-window': 'Fixed window (per client)', 'sliding-window': 'Sliding window (per client)', 'global-bucket': 'One bucket shared by all' };
const SPAN = 3000;

/** The limiter comparison. */
export function LimiterView({ state }: { state: LimiterState }) {
  const ref = useRef<HTMLDivElement>(null);
  const W = useSvgWidth(ref, 640, 300, 900);
  const n = state.params.rates.length;
  const laneH = 12, stripH = n * laneH + 22;
  const left = narrowLeft(W), right = 8;
  const from = Math.max(0, state.now - SPAN);
  // The strip always shows the last three seconds, ending now (empty on the left early in a run).
  const x = scaleLinear().domain([state.now - SPAN, state.now]).range([left, W - right]);
  const H = COLUMNS.length * stripH + 18;
  const cfg = state.params.cfg;
  const boundaries: number[] = [];
  for (let b = Math.ceil(from / cfg.windowMs) * cfg.windowMs; b <= state.now; b += cfg.windowMs) boundaries.push(b);
  const tokens = tokenLevels(state);
  const rows = limiterRows(state);
  return (
    <div ref={ref} className="ovl-limiters">
      <svg className="ovl-picture" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Decisions of the last 3 seconds for each limiter; ${rows.filter((r) => r.col === 'fixed-window').map((r) => `${r.client}: fixed window peak ${r.peak} in one window`).join(', ')}.`}>
        {COLUMNS.map((col, k) => {
          const top = k * stripH;
          const ticks = limiterTicks(state, k, SPAN);
          return (
            <g key={col} data-testid={`ovl-strip-${col}`}>
              <text className="ovl-small" x={4} y={top + 12}>{NAMES[col]}</text>
              <rect className="ovl-strip" x={left} y={top + 16} width={W - left - right} height={n * laneH} />
              {col === 'fixed-window' && boundaries.map((b) => <line key={b} className="ovl-boundary" x1={x(b)} x2={x(b)} y1={top + 14} y2={top + 18 + n * laneH} />)}
              {Array.from({ length: n }, (_, c) => <text key={c} className="ovl-tick" x={left - 4} y={top + 16 + c * laneH + 9} textAnchor="end">{clientName(c).slice(-1)}</text>)}
              {ticks.map((t, i) => {
                const cx = x(t.t), cy = top + 16 + t.c * laneH + laneH / 2;
                return t.ok ? <line key={i} className="ovl-ok" x1={cx} x2={cx} y1={cy - 4.5} y2={cy + 4.5} /> : <path key={i} className="ovl-no" d={`M${cx - 2},${cy - 2}L${cx + 2},${cy + 2}M${cx - 2},${cy + 2}L${cx + 2},${cy - 2}`} />;
              })}
            </g>
          );
        })}
        <text className="ovl-tick" x={x(from)} y={H - 2}>{`${(from / 1000).toFixed(1)} s`}</text>
        <text className="ovl-tick" x={W - right} y={H - 2} textAnchor="end">{`${(state.now / 1000).toFixed(1)} s`}</text>
      </svg>
      <p className="ovl-tokens" data-testid="ovl-tokens">
        {tokens.map((t, c) => (
          <span key={c}>{`${clientName(c)}: ${t.toFixed(1)} of ${cfg.burst} tokens`}</span>
        ))}
      </p>
      <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="What each limiter let through">
        <table className="lab-table" data-testid="ovl-limiter-table">
          <caption>{`Since the start. Peak: most admitted within any ${cfg.windowMs / 1000} s (limit ${cfg.limit} per window, bucket ${cfg.burst} + ${cfg.rate}/s).`}</caption>
          <thead>
            <tr><th scope="col">Limiter</th><th scope="col">Client</th><th scope="col">Sent</th><th scope="col">Admitted</th><th scope="col">Peak</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.col}-${r.client}`} data-col={r.col} data-over={r.peak > boundFor(r.col, cfg) ? 'true' : undefined}>
                <td>{NAMES[r.col]}</td><td>{r.client}</td><td>{r.offered}</td><td>{r.admitted}</td><td>{r.peak}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The most a limiter may admit within one window length: its own promise, so the table can flag a breach. */
function boundFor(col: string, cfg: { rate: number; burst: number; limit: number; windowMs: number }): number {
  if (col === 'token-bucket') return cfg.burst + (cfg.rate * cfg.windowMs) / 1000;
  if (col === 'global-bucket') return Infinity;
  return cfg.limit;
}

function narrowLeft(W: number): number {
  return W < 480 ? 18 : 24;
}
