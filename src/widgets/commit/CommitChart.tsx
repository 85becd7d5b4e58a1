/**
 * The commit experiment's result: the longest lock hold (p95 and max) against the coordinator's
 * downtime for 2PC and 3PC, and a table of the random-fault runs (violations, blocked runs, holds).
 */
import { useRef } from 'react';
import { scaleLinear } from 'd3-scale';
import { useSvgWidth } from '../shared/useSvgWidth';
import { line } from 'd3-shape';
import type { CommitResult, CommitRow } from '../../sim/commit';

const H = 240;
const M = { l: 52, r: 14, t: 14, b: 40 };

/** Tick values whose labels stay at least `gap` px apart (later ones that would collide are left off). */
export function spaced(values: readonly number[], x: (v: number) => number, gap: number): number[] {
  const out: number[] = [];
  for (const v of values) if (out.length === 0 || x(v) - x(out[out.length - 1]) >= gap) out.push(v);
  return out;
}

/** Chart and table. */
export function CommitChart({ result }: { result: CommitResult }) {
  // Drawn at the panel's real width, so the text keeps its size on a phone.
  const ref = useRef<HTMLDivElement>(null);
  const W = useSvgWidth(ref, 560, 280, 640);
  const rows = result.downtime;
  const xs = [...new Set(rows.map((r) => r.downtime))].sort((a, b) => a - b);
  const yMax = Math.max(100, ...rows.map((r) => r.lockHeld.p95));
  const x = scaleLinear().domain([0, Math.max(1, xs[xs.length - 1] ?? 1)]).range([M.l, W - M.r]);
  const y = scaleLinear().domain([0, yMax]).nice().range([H - M.b, M.t]);
  const series = (['2pc', '3pc'] as const).map((p) => ({ p, pts: rows.filter((r) => r.protocol === p).sort((a, b) => a.downtime - b.downtime) }));
  const path = line<CommitRow>()
    .x((r) => x(r.downtime))
    .y((r) => y(r.lockHeld.p95));
  const ticks = y.ticks(5);
  return (
    <div className="commit-results" ref={ref}>
      <svg viewBox={`0 0 ${W} ${H}`} className="commit-chart" role="img" aria-label="Longest lock hold (95th percentile) against coordinator downtime, for 2PC and 3PC">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.l} x2={W - M.r} y1={y(t)} y2={y(t)} className="commit-grid" />
            <text x={M.l - 6} y={y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {spaced(xs, x, 30).map((d) => (
          <text key={d} x={x(d)} y={H - M.b + 16} textAnchor="middle">
            {d}
          </text>
        ))}
        <text x={(M.l + W - M.r) / 2} y={H - 6} textAnchor="middle">
          coordinator downtime (ms)
        </text>
        <text x={12} y={(M.t + H - M.b) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(M.t + H - M.b) / 2})`}>
          lock hold p95 (ms)
        </text>
        {series.map((s) => (
          <g key={s.p} className="commit-series" data-protocol={s.p}>
            <path d={path(s.pts) ?? ''} />
            {s.pts.map((r) => (
              <circle key={r.downtime} cx={x(r.downtime)} cy={y(r.lockHeld.p95)} r={3.5} />
            ))}
            {s.pts.length > 0 && (
              <text x={x(s.pts[s.pts.length - 1].downtime) - 4} y={y(s.pts[s.pts.length - 1].lockHeld.p95) - 8} textAnchor="end" className="commit-series-label">
                {s.p.toUpperCase()}
              </text>
            )}
          </g>
        ))}
      </svg>
      <div className="commit-table-wrap" tabIndex={0} role="region" aria-label="Results table">
      <table className="commit-table" data-testid="commit-exp-table">
        <caption>Random crashes and partitions</caption>
        <thead>
          <tr>
            <th scope="col">Protocol</th>
            <th scope="col">Runs</th>
            <th scope="col">AC1 violations</th>
            <th scope="col">Blocked</th>
            <th scope="col">Lock hold p50 / p95 / max</th>
          </tr>
        </thead>
        <tbody>
          {result.random.map((r) => (
            <tr key={r.protocol} data-protocol={r.protocol} data-violations={r.violations > 0 ? 'true' : undefined}>
              <th scope="row">{r.protocol.toUpperCase()}</th>
              <td>{r.trials}</td>
              <td>{r.violations}</td>
              <td>{r.blocked}</td>
              <td>
                {r.lockHeld.p50} / {r.lockHeld.p95} / {r.lockHeld.max} ms
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}
