/**
 * Mean queue wait against utilisation: the closed form (M/M/c by Erlang C, M/D/1 by
 * Pollaczek–Khinchine, M/D/c approximated) as a curve, and this run's measured mean wait as a point
 * at its utilisation, so the reader sees the simulation land on the formula and the wait explode as
 * ρ → 1.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { ServerState } from '../../sim/overload';
import { waitCurve, type LiveStats } from './selectors';

/** The wait-against-load chart. */
export function WaitCurve({ state, live }: { state: ServerState; live: LiveStats }) {
  const p = state.params;
  if (p.classes.length !== 1) return null;
  const ms = state.serviceMs[0]!;
  const curve = waitCurve(p.servers, ms, p.service);
  const W = 320, H = 180, left = 40, bottom = 28;
  const maxY = Math.max(ms * 5, live.meanWait !== null && live.rho < 1 ? live.meanWait * 1.2 : 0);
  const x = scaleLinear().domain([0, 1]).range([left, W - 16]);
  const y = scaleLinear().domain([0, maxY]).range([H - bottom, 10]).clamp(true);
  const d = line<{ rho: number; wait: number }>().x((q) => x(q.rho)).y((q) => y(q.wait))(curve) ?? '';
  const point = live.meanWait !== null && live.rho < 1 ? { cx: x(live.rho), cy: y(live.meanWait) } : null;
  return (
    <figure className="ovl-curve">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Closed-form mean wait against utilisation for ${p.servers} worker${p.servers > 1 ? 's' : ''}${point ? `; this run: ${live.meanWait!.toFixed(1)} ms at ${Math.round(live.rho * 100)}%, closed form ${live.closedWait?.toFixed(1)} ms` : ''}.`}>
        <line className="ovl-axis" x1={left} x2={W - 16} y1={H - bottom} y2={H - bottom} />
        <line className="ovl-axis" x1={left} x2={left} y1={10} y2={H - bottom} />
        <path className="ovl-line" data-series="curve" d={d} />
        {point && <circle className="ovl-point" cx={point.cx} cy={point.cy} r={4.5} data-testid="ovl-point" />}
        {/* "0%" starts at the axis so it stays clear of the y axis's "0" just left of it. */}
        {[0, 0.5, 0.8, 1].map((t) => <text key={t} className="ovl-tick" x={x(t)} y={H - bottom + 14} textAnchor={t === 1 ? 'end' : t === 0 ? 'start' : 'middle'}>{`${Math.round(t * 100)}%`}</text>)}
        <text className="ovl-tick" x={left - 4} y={y(maxY) + 4} textAnchor="end">{Math.round(maxY)}</text>
        <text className="ovl-tick" x={left - 4} y={y(0) + 4} textAnchor="end">0</text>
        <text className="ovl-small" x={left + 4} y={H - 2}>utilisation ρ = λ / cμ</text>
        <text className="ovl-small" x={left + 6} y={20}>mean wait (ms)</text>
      </svg>
      <figcaption className="ovl-small-text">{`Line: ${p.service === 'exp' ? (p.servers === 1 ? 'M/M/1' : `M/M/${p.servers} (Erlang C)`) : p.servers === 1 ? 'M/D/1' : `M/D/${p.servers} ≈ half of M/M/${p.servers}`} closed form. Dot: this run.`}</figcaption>
    </figure>
  );
}
