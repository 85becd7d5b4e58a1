/**
 * Spread of ring arc shares against points per node (log scale), measured on eight rings beside
 * the closed form √((n−1)/(nk+1)) ≈ 1/√k, with the lab's current k marked. D3 scales only.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import type { CurvePoint } from './selectors';

const W = 320;
const H = 170;
const M = { l: 40, r: 18, t: 10, b: 32 };

/** The curve for n nodes, with `current` (points per node now) marked. */
export function VnodeCurve({ points, current, n }: { points: readonly CurvePoint[]; current: number; n: number }) {
  const x = scaleLog().domain([1, 1000]).range([M.l, W - M.r]);
  const top = Math.max(...points.map((p) => Math.max(p.measured, p.expected)), 0.1);
  const y = scaleLinear().domain([0, top]).nice().range([H - M.b, M.t]);
  const line = (f: (p: CurvePoint) => number) => points.map((p, i) => `${i ? 'L' : 'M'}${x(p.k).toFixed(1)},${y(f(p)).toFixed(1)}`).join('');
  const ticksX = [1, 10, 100, 1000];
  const here = points.reduce((a, p) => (Math.abs(Math.log(p.k) - Math.log(current)) < Math.abs(Math.log(a.k) - Math.log(current)) ? p : a), points[0]);
  return (
    <figure className="shard-curve">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Spread of arc shares for ${n} nodes: measured ${points.map((p) => `${p.k} points ${p.measured.toFixed(2)}`).join(', ')}; closed form at 1 point ${points[0].expected.toFixed(2)}, at 1000 points ${points[points.length - 1].expected.toFixed(3)}.`}>
        {y.ticks(4).map((t) => (
          <g key={t}>
            <line x1={M.l} x2={W - M.r} y1={y(t)} y2={y(t)} className="shard-curve-grid" />
            <text x={M.l - 4} y={y(t) + 4} textAnchor="end" className="shard-curve-tick">
              {t.toFixed(1)}
            </text>
          </g>
        ))}
        {ticksX.map((t) => (
          <text key={t} x={x(t)} y={H - M.b + 14} textAnchor="middle" className="shard-curve-tick">
            {t}
          </text>
        ))}
        <text x={(M.l + W - M.r) / 2} y={H - 4} textAnchor="middle" className="shard-curve-tick">
          points per node (k), log scale
        </text>
        <line x1={x(current)} x2={x(current)} y1={M.t} y2={H - M.b} className="shard-curve-now" />
        <path d={line((p) => p.expected)} className="shard-curve-expected" />
        <path d={line((p) => p.measured)} className="shard-curve-measured" />
        {points.map((p) => (
          <circle key={p.k} cx={x(p.k)} cy={y(p.measured)} r={p === here ? 4 : 2.5} className="shard-curve-dot" />
        ))}
      </svg>
      <figcaption className="shard-axis">
        {`Spread of each node's share of the ring: dots measured on eight rings of ${n} nodes, dashed line √((n−1)/(nk+1)) ≈ 1/√k. At ${here.k} point${here.k === 1 ? '' : 's'}: ${here.measured.toFixed(3)} measured, ${here.expected.toFixed(3)} expected.`}
      </figcaption>
    </figure>
  );
}
