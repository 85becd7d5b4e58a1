/**
 * The metastable picture: offered load, goodput and capacity over time (requests per second), the
 * trigger's window shaded, and the server's queue below. The failure is visible as the gap that
 * stays open after the shaded window: offered load above capacity, goodput near zero.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { MsState } from '../../sim/retry';
import type { Time, TraceEntry } from '../../sim/core';
import { niceTicks } from './ContentionPicture';
import { msCapacity, msNow, msRates, msTriggerWindow } from './selectors';

const H = 230;
const QH = 70;
const M = { l: 40, r: 12, t: 12, b: 22 };

/** Props: state at the cursor, its trace, and the x axis' end. */
export function MetastablePicture({ state, trace, end, width = 640 }: { state: MsState; trace: readonly TraceEntry[]; end: Time; width?: number }) {
  const W = width;
  const b = state.params.bucketMs;
  const pts = state.series.slice(0, Math.floor(state.now / b)).map((p, i) => ({ t: (i + 0.5) * b, ...msRates(state, p) }));
  const cap = msCapacity(state);
  const yMax = Math.max(cap * 2, ...pts.map((p) => p.offered)) * 1.05;
  const x = scaleLinear().domain([0, Math.max(end, state.now)]).range([M.l, W - M.r]);
  const y = scaleLinear().domain([0, yMax]).range([H - M.b, M.t]);
  const qMax = Math.max(20, ...pts.map((p) => p.queue));
  const qy = scaleLinear().domain([0, qMax]).range([QH - 16, 16]);
  const path = (key: 'offered' | 'goodput') => line<(typeof pts)[number]>().x((p) => x(p.t)).y((p) => y(p[key]))(pts) ?? '';
  const qpath = line<(typeof pts)[number]>().x((p) => x(p.t)).y((p) => qy(p.queue))(pts) ?? '';
  const windows = msTriggerWindow(state, trace);
  const nowX = msNow(state);
  const ticks = niceTicks(Math.max(end, state.now), W < 480 ? 3 : 5);
  const capDrop = state.params.trigger === 'capacity' ? cap * state.params.capacityDrop : cap;
  return (
    <figure className="retry-figure">
      <svg className="retry-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Requests per second over time. Now: ${Math.round(nowX.offered)} offered, ${Math.round(nowX.goodput)} answered in time, capacity ${Math.round(nowX.capacity)}.`}>
        {windows.map((w, i) => (
          <rect key={i} x={x(w.start)} y={M.t} width={Math.max(1, x(w.end) - x(w.start))} height={H - M.t - M.b} className="retry-trigger" />
        ))}
        {y.ticks(4).map((v) => (
          <g key={v}>
            <line x1={M.l} x2={W - M.r} y1={y(v)} y2={y(v)} className="retry-grid" />
            <text x={M.l - 4} y={y(v) + 3} textAnchor="end" className="retry-label retry-small">
              {v}
            </text>
          </g>
        ))}
        <line x1={M.l} x2={W - M.r} y1={y(cap)} y2={y(cap)} className="retry-capacity" />
        {windows.map((w, i) => (
          <line key={i} x1={x(w.start)} x2={x(w.end)} y1={y(capDrop)} y2={y(capDrop)} className="retry-capacity" />
        ))}
        <text x={W - M.r - 2} y={y(cap) - 4} textAnchor="end" className="retry-label retry-small">
          {`capacity ${Math.round(cap)}/s`}
        </text>
        <path d={path('offered')} className="retry-line" data-tone="warn" />
        <path d={path('goodput')} className="retry-line" data-tone="ok" />
        <line x1={x(state.now)} x2={x(state.now)} y1={M.t} y2={H - M.b} className="retry-cursor" />
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={H - 6} textAnchor="middle" className="retry-label retry-small">
            {t >= 1000 ? `${t / 1000} s` : `${t} ms`}
          </text>
        ))}
      </svg>
      <svg className="retry-svg" viewBox={`0 0 ${W} ${QH}`} role="img" aria-label={`Queue length now: ${nowX.queue} requests.`}>
        <text x={M.l} y={10} className="retry-label retry-small">
          {`queue (top of this strip: ${qMax})`}
        </text>
        <path d={qpath} className="retry-line" data-tone="accent" />
        <line x1={x(state.now)} x2={x(state.now)} y1={4} y2={QH - 14} className="retry-cursor" />
      </svg>
      <figcaption className="retry-stats retry-legend">
        <span data-tone="warn">{`Offered ${Math.round(nowX.offered)}/s`}</span>
        <span data-tone="ok">{`Goodput ${Math.round(nowX.goodput)}/s`}</span>
        <span>{`Queue ${nowX.queue}`}</span>
        <span>{`Wasted ${Math.round(nowX.wasted)}/s`}</span>
        {nowX.shed > 0 && <span>{`Shed ${Math.round(nowX.shed)}/s`}</span>}
      </figcaption>
    </figure>
  );
}
