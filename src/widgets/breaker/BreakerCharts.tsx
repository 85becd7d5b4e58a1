/**
 * Charts over time, one row each on a shared time axis: calls reaching the dependency per second,
 * the share of requests answered on both endpoints, busy workers, and each breaker's state as a
 * coloured band. Drawn from per-second samples and exact transition times; a table follows as the
 * text version.
 */
import { useRef } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useSvgWidth } from '../shared/useSvgWidth';
import { hostName, type CallerState } from '../../sim/breaker';
import { bandSegments, chartPoints, type ChartPoint } from './selectors';

const ROW = 58;

/** The breaker lab's time charts. */
export function BreakerCharts({ state, end }: { state: CallerState; end: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const W = useSvgWidth(ref, 640, 300, 900);
  const pts = chartPoints(state.series, state.now);
  const band = bandSegments(state);
  const nBands = Math.max(1, state.breakers.length);
  const left = 44, right = 18;
  const x = scaleLinear().domain([0, end / 1000]).range([left, W - right]);
  const maxDep = Math.max(10, ...pts.map((p) => p.depRate));
  const rows = [
    { key: 'dep', label: 'dependency calls/s', max: maxDep },
    { key: 'ok', label: 'answered (A, B)', max: 1 },
    { key: 'busy', label: `busy workers of ${state.params.workers}`, max: state.params.workers },
  ] as const;
  const H = rows.length * ROW + nBands * 14 + 34;
  const mid = (p: ChartPoint) => x(p.sec + 0.5);
  const path = (ys: (p: ChartPoint) => number | null, y: (v: number) => number) =>
    line<ChartPoint>().defined((p) => ys(p) !== null).x(mid).y((p) => y(ys(p) as number))(pts) ?? '';
  const ticks = x.ticks(Math.max(3, Math.floor(W / 90)));
  return (
    <div ref={ref} className="brk-charts-wrap">
      <svg className="brk-charts" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Charts over time: dependency call rate, answered share on endpoints A and B, busy workers, breaker state. The table below has the same numbers.">
        {rows.map((r, k) => {
          const top = k * ROW + 6;
          const y = scaleLinear().domain([0, r.max]).range([top + ROW - 16, top + 12]);
          return (
            <g key={r.key} className="brk-row" data-row={r.key}>
              <text className="brk-small" x={left} y={top + 6}>{r.label}</text>
              <line className="brk-axis" x1={left} x2={W - right} y1={y(0)} y2={y(0)} />
              <text className="brk-tick" x={left - 4} y={y(r.max) + 4} textAnchor="end">{r.key === 'ok' ? '100%' : Math.round(r.max)}</text>
              <text className="brk-tick" x={left - 4} y={y(0) + 4} textAnchor="end">0</text>
              {r.key === 'dep' && <path className="brk-line" data-series="dep" d={path((p) => p.depRate, y)} />}
              {r.key === 'ok' && (
                <>
                  <path className="brk-line" data-series="A" d={path((p) => p.successA, y)} />
                  <path className="brk-line" data-series="B" d={path((p) => p.successB, y)} />
                  <text className="brk-legend" data-series="A" x={W - right - 70} y={top + 6}>— A</text>
                  <text className="brk-legend" data-series="B" x={W - right - 34} y={top + 6}>— B</text>
                </>
              )}
              {r.key === 'busy' && <path className="brk-line" data-series="busy" d={path((p) => p.busy, y)} />}
            </g>
          );
        })}
        {Array.from({ length: nBands }, (_, b) => {
          const top = rows.length * ROW + 4 + b * 14;
          return (
            <g key={b} className="brk-band">
              <text className="brk-tick" x={left - 4} y={top + 9} textAnchor="end">{state.breakers.length > 1 ? hostName(b) : 'state'}</text>
              {state.breakers.length === 0 ? (
                <text className="brk-small" x={left} y={top + 9}>no breaker</text>
              ) : (
                band.filter((s) => s.breaker === b).map((s, i) => <rect key={i} data-mode={s.mode} x={x(s.from / 1000)} y={top} width={Math.max(0.5, x(s.to / 1000) - x(s.from / 1000))} height={11} />)
              )}
            </g>
          );
        })}
        <line className="brk-now" x1={x(state.now / 1000)} x2={x(state.now / 1000)} y1={4} y2={H - 20} />
        {ticks.map((t) => (
          <text key={t} className="brk-tick" x={x(t)} y={H - 6} textAnchor={x(t) > W - right - 12 ? 'end' : 'middle'}>{`${t} s`}</text>
        ))}
      </svg>
      <details className="lab-details">
        <summary>Chart data as a table</summary>
        <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Per-second figures">
          <table className="lab-table">
            <thead>
              <tr><th scope="col">Second</th><th scope="col">Dependency calls</th><th scope="col">A answered</th><th scope="col">B answered</th><th scope="col">Busy workers</th></tr>
            </thead>
            <tbody>
              {pts.map((p) => (
                <tr key={p.sec}>
                  <td>{p.sec}</td><td>{p.depRate}</td><td>{p.successA === null ? '—' : `${Math.round(p.successA * 100)}%`}</td><td>{p.successB === null ? '—' : `${Math.round(p.successB * 100)}%`}</td><td>{p.busy.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
