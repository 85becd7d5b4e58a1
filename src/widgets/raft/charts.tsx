/**
 * Charts for the Raft experiments, drawn with D3 scales and shapes into SVG that follows the
 * theme. Each chart has a caption and a data table as its text alternative.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { useMemo } from 'react';
import type { DowntimeSeries, SplitPoint, TimeoutRange } from '../../sim/raft';
import { DOWNTIME_CAP_MS, paperFigure16, quantile } from '../../sim/raft';
import { splitVoteProbability } from '../../sim/raft';

const W = 520;
const H = 260;
const M = { l: 44, r: 12, t: 10, b: 36 };
const COLORS = ['var(--node-a)', 'var(--node-b)', 'var(--node-c)', 'var(--node-d)', 'var(--node-e)', 'var(--fg)'];

/**
 * Step points of an empirical CDF over sorted values, clipped to [lo, hi]; censored values never reach.
 * A step is drawn only once the curve has risen by `minRise` (default 1/512, under half a pixel of the
 * chart's 214 px plot height), so 6 x 10,000 trials draw a few hundred points per line instead of 20,000:
 * the path for 6 x 1,000 trials took 140 ms of d3-shape on every render (soak profile, issue 20).
 */
export function cdfPoints(sorted: readonly number[], lo: number, hi: number, minRise = 1 / 512): [number, number][] {
  const n = sorted.length;
  const pts: [number, number][] = [[lo, 0]];
  let drawn = 0;
  let reached = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i];
    if (!Number.isFinite(v) || v > hi) continue;
    reached = (i + 1) / n;
    const nextFinite = i + 1 < n && Number.isFinite(sorted[i + 1]) && sorted[i + 1] <= hi;
    // Keep the step when it rises far enough, and always the last reached one (the curve's end height is exact).
    if (reached - drawn < minRise && nextFinite) continue;
    const x = Math.max(lo, v);
    pts.push([x, drawn], [x, reached]);
    drawn = reached;
  }
  pts.push([hi, reached]);
  return pts;
}

const label = (r: TimeoutRange) => `${r.min}–${r.max} ms`;

/** CDF of downtime per timeout range, log-scale time axis as in the paper's Figure 16. */
export function DowntimeCdf({ series, cap = DOWNTIME_CAP_MS }: { series: readonly DowntimeSeries[]; cap?: number }) {
  const lo = 100;
  const hi = Math.max(lo * 2, cap);
  const x = scaleLog().domain([lo, hi]).range([M.l, W - M.r]);
  const y = scaleLinear().domain([0, 1]).range([H - M.b, M.t]);
  // The paths depend on the results only, not on the panel's progress and status renders.
  const paths = useMemo(() => {
    const path = line<[number, number]>()
      .x((d) => x(d[0]))
      .y((d) => y(d[1]));
    return series.map((s) => path(cdfPoints(s.downtimes, lo, hi)) ?? '');
    // x and y are rebuilt each render from (lo, hi), which the deps cover.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [series, lo, hi]);
  const ticks = [100, 200, 300, 500, 1000, 2000, 5000, 10000, 30000, 60000].filter((t) => t <= hi);
  return (
    <figure className="raft-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Cumulative fraction of trials that elected a new leader, against time since the crash, one line per election-timeout range">
        {ticks.map((t) => (
          <g key={t} transform={`translate(${x(t)},0)`}>
            <line y1={M.t} y2={H - M.b} className="raft-grid" />
            <text y={H - M.b + 14} textAnchor="middle" className="raft-axis">
              {t >= 1000 ? `${t / 1000}s` : t}
            </text>
          </g>
        ))}
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f} transform={`translate(0,${y(f)})`}>
            <line x1={M.l} x2={W - M.r} className="raft-grid" />
            <text x={M.l - 6} dy="0.32em" textAnchor="end" className="raft-axis">
              {`${f * 100}%`}
            </text>
          </g>
        ))}
        <text x={(M.l + W - M.r) / 2} y={H - 4} textAnchor="middle" className="raft-axis">
          time without a leader after the crash (ms, log scale)
        </text>
        {paths.map((d, i) => (
          <path key={label(series[i].range)} d={d} className="raft-line" style={{ stroke: COLORS[i % COLORS.length] }} />
        ))}
        {series
          .filter((s) => s.downtimes.length > 0 && s.downtimes.every((d) => !Number.isFinite(d)))
          .map((s, j) => (
            <text key={label(s.range)} x={W - M.r - 4} y={y(0) - 6 - 14 * j} textAnchor="end" className="raft-axis">
              {`${label(s.range)}: no leader within ${hi / 1000} s in any trial`}
            </text>
          ))}
      </svg>
      <figcaption>
        <ul className="raft-legend">
          {series.map((s, i) => (
            <li key={label(s.range)}>
              <span className="raft-swatch" style={{ background: COLORS[i % COLORS.length] }} aria-hidden="true" />
              {label(s.range)}
            </li>
          ))}
        </ul>
      </figcaption>
      <table className="lab-table">
        <caption>{`Downtime per timeout range (${series[0]?.downtimes.length ?? 0} trials each)`}</caption>
        <thead>
          <tr>
            <th scope="col">Timeouts</th>
            <th scope="col">median</th>
            <th scope="col">99th pct.</th>
            <th scope="col">worst</th>
            <th scope="col">{`> ${hi / 1000} s`}</th>
            <th scope="col">paper reports</th>
          </tr>
        </thead>
        <tbody>
          {series.map((s) => {
            const fmt = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : `> ${hi / 1000} s`);
            return (
              <tr key={label(s.range)}>
                <th scope="row">{label(s.range)}</th>
                <td>{fmt(quantile(s.downtimes, 0.5))}</td>
                <td>{fmt(quantile(s.downtimes, 0.99))}</td>
                <td>{fmt(quantile(s.downtimes, 1))}</td>
                <td>{s.downtimes.filter((d) => !Number.isFinite(d)).length}</td>
                <td>{paperFigure16[label(s.range)] ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </figure>
  );
}

/** Measured split-vote rate (with ±2 standard errors) against latency, with the closed form as a line. */
export function SplitVoteChart({ points, range, servers = 5, survivors = servers - 1 }: { points: readonly SplitPoint[]; range: TimeoutRange; servers?: number; survivors?: number }) {
  const maxLat = Math.max(10, ...points.map((p) => p.latency));
  const x = scaleLinear().domain([0, maxLat]).range([M.l, W - M.r]);
  const y = scaleLinear().domain([0, 1]).range([H - M.b, M.t]);
  const width = range.max - range.min;
  const curve: [number, number][] = Array.from({ length: 101 }, (_, i) => {
    const d = (i / 100) * maxLat;
    return [d, splitVoteProbability(servers, survivors, d, width)];
  });
  const path = line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]));
  const limit = range.min / 2;
  return (
    <figure className="raft-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Fraction of first elections that split, against one-way latency: measured points and the closed-form curve">
        {x.ticks(6).map((t) => (
          <g key={t} transform={`translate(${x(t)},0)`}>
            <line y1={M.t} y2={H - M.b} className="raft-grid" />
            <text y={H - M.b + 14} textAnchor="middle" className="raft-axis">
              {t}
            </text>
          </g>
        ))}
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f} transform={`translate(0,${y(f)})`}>
            <line x1={M.l} x2={W - M.r} className="raft-grid" />
            <text x={M.l - 6} dy="0.32em" textAnchor="end" className="raft-axis">
              {`${f * 100}%`}
            </text>
          </g>
        ))}
        {limit < maxLat && (
          <g>
            <line x1={x(limit)} x2={x(limit)} y1={M.t} y2={H - M.b} className="raft-limit" />
            <text x={x(limit) + 4} y={M.t + 12} className="raft-axis">
              2d &gt; min timeout
            </text>
          </g>
        )}
        <text x={(M.l + W - M.r) / 2} y={H - 4} textAnchor="middle" className="raft-axis">
          one-way latency d (ms)
        </text>
        <path d={path(curve) ?? ''} className="raft-line" style={{ stroke: 'var(--fg-muted)' }} />
        {points.map((p) => {
          const rate = p.splits / p.trials;
          const se = Math.sqrt(Math.max(rate * (1 - rate), 1 / p.trials) / p.trials);
          return (
            <g key={p.latency}>
              <line x1={x(p.latency)} x2={x(p.latency)} y1={y(Math.max(0, rate - 2 * se))} y2={y(Math.min(1, rate + 2 * se))} className="raft-err" />
              <circle cx={x(p.latency)} cy={y(rate)} r={4} className="raft-point" />
            </g>
          );
        })}
      </svg>
      <table className="lab-table">
        <caption>{`Split votes in the first election after a crash, ${servers} servers with ${survivors} still up, timeouts ${label(range)} (${points[0]?.trials ?? 0} trials per point)`}</caption>
        <thead>
          <tr>
            <th scope="col">latency</th>
            <th scope="col">measured</th>
            <th scope="col">closed form</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.latency}>
              <th scope="row">{`${p.latency} ms`}</th>
              <td>{`${((100 * p.splits) / p.trials).toFixed(1)}%`}</td>
              <td>{`${(100 * splitVoteProbability(servers, survivors, p.latency, width)).toFixed(1)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
