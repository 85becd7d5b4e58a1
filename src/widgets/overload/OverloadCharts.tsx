/** Per-second charts for the server: offered load against answers in time, late answers and shed requests; queue length; busy share per pool. */
import { useRef } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useSvgWidth } from '../shared/useSvgWidth';
import type { ServerState } from '../../sim/overload';
import { overloadPoints, type OPoint } from './selectors';

const ROW = 64;

/** The time charts. */
export function OverloadCharts({ state, end }: { state: ServerState; end: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const W = useSvgWidth(ref, 640, 300, 900);
  const pts = overloadPoints(state);
  const left = 44, right = 18;
  const x = scaleLinear().domain([0, end / 1000]).range([left, W - right]);
  const maxRate = Math.max(10, ...pts.map((p) => Math.max(p.offered, p.good + p.late)));
  const maxQ = Math.max(5, ...pts.map((p) => p.queue));
  const H = 3 * ROW + 24;
  const mid = (p: OPoint) => x(p.sec + 0.5);
  const mk = (f: (p: OPoint) => number, y: (v: number) => number) => line<OPoint>().x(mid).y((p) => y(f(p)))(pts) ?? '';
  const rows = [
    { key: 'rates', label: 'per second: offered, answered in time, late, shed', max: maxRate },
    { key: 'queue', label: 'longest queue in the second', max: maxQ },
    { key: 'busy', label: 'workers busy', max: 1 },
  ] as const;
  return (
    <div ref={ref} className="ovl-charts-wrap">
      <svg className="ovl-charts" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Per-second charts: offered load, answers in time, late answers, shed requests; queue length; busy share. The table below has the numbers.">
        {/* The cursor first, so the row titles it crosses stay on top (with a halo, lab css). */}
        <line className="ovl-now" x1={x(state.now / 1000)} x2={x(state.now / 1000)} y1={4} y2={H - 18} />
        {rows.map((r, k) => {
          const top = k * ROW + 4;
          const y = scaleLinear().domain([0, r.max]).range([top + ROW - 14, top + 12]);
          return (
            <g key={r.key}>
              <text className="ovl-small ovl-row-title" x={left + 4} y={top + 6}>{r.label}</text>
              <line className="ovl-axis" x1={left} x2={W - right} y1={y(0)} y2={y(0)} />
              <text className="ovl-tick" x={left - 4} y={y(r.max) + 4} textAnchor="end">{r.key === 'busy' ? '100%' : Math.round(r.max)}</text>
              {r.key === 'rates' && (
                <>
                  <path className="ovl-line" data-series="offered" d={mk((p) => p.offered, y)} />
                  <path className="ovl-line" data-series="good" d={mk((p) => p.good, y)} />
                  <path className="ovl-line" data-series="late" d={mk((p) => p.late, y)} />
                  <path className="ovl-line" data-series="shed" d={mk((p) => p.shed, y)} />
                </>
              )}
              {r.key === 'queue' && <path className="ovl-line" data-series="queue" d={mk((p) => p.queue, y)} />}
              {r.key === 'busy' && state.params.pools === 'separate'
                ? [0, 1].map((q) => <path key={q} className="ovl-line" data-series={`busy${q}`} d={mk((p) => p.busy[q] ?? 0, y)} />)
                : r.key === 'busy' && <path className="ovl-line" data-series="busy0" d={mk((p) => p.busy[0] ?? 0, y)} />}
            </g>
          );
        })}
        {x.ticks(Math.max(3, Math.floor(W / 90))).map((t) => (
          <text key={t} className="ovl-tick" x={x(t)} y={H - 4} textAnchor={x(t) > W - right - 12 ? 'end' : 'middle'}>{`${t} s`}</text>
        ))}
      </svg>
      <p className="ovl-legend">
        <span data-series="offered">offered</span> <span data-series="good">answered in time</span> <span data-series="late">answered too late</span> <span data-series="shed">shed</span>
        {state.params.pools === 'separate' && (
          <>
            {' '}<span data-series="busy0">{`busy: ${state.params.classes[0]?.name}`}</span> <span data-series="busy1">{`busy: ${state.params.classes[1]?.name}`}</span>
          </>
        )}
      </p>
      <details className="lab-details">
        <summary>Chart data as a table</summary>
        <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Per-second figures">
          <table className="lab-table">
            <thead>
              <tr><th scope="col">Second</th><th scope="col">Offered</th><th scope="col">In time</th><th scope="col">Late</th><th scope="col">Shed</th><th scope="col">Queue</th><th scope="col">Busy</th></tr>
            </thead>
            <tbody>
              {pts.map((p) => (
                <tr key={p.sec}><td>{p.sec}</td><td>{p.offered}</td><td>{p.good}</td><td>{p.late}</td><td>{p.shed}</td><td>{p.queue}</td><td>{p.busy.map((b) => `${Math.round(b * 100)}%`).join(' / ')}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
