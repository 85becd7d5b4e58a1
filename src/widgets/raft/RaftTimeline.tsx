/**
 * The Raft lab's space-time diagram: one lane per server, time to the right. Unlike the shared
 * diagram it can be filtered by message type and zoomed to a window around the cursor, and it
 * collapses heartbeats (most of the traffic) into ticks on the receiver's lane, so elections and
 * log repair stay readable after the first second. Only what is inside the window is drawn.
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import { memo, useId, useMemo, useRef, useState } from 'react';
import type { NodeId, TraceEntry } from '../../sim/core';
import { useSvgWidth } from '../shared/useSvgWidth';
import { axisEnd } from '../shared/SpaceTimeDiagram';
import { timeWindow, timelineItems, type MsgClass } from './timeline';

type Items = ReturnType<typeof timelineItems>;
type TimelineArrow = Items['arrows'][number];
type Show = Record<MsgClass, boolean>;

/** A delivered heartbeat, drawn as a tick on its receiver's lane when heartbeats are collapsed. */
const isTick = (a: TimelineArrow) => a.cls === 'heartbeat' && a.t1 !== undefined && !a.dropped && a.label.startsWith('Heartbeat');

/** One arrow in screen coordinates `x`; in flight (no `t1`) it ends half-way at `now`. */
function ArrowView({ a, x, y, now }: { a: TimelineArrow; x: (t: number) => number; y: (n: string) => number | undefined; now: number }) {
  const y0 = y(a.from);
  const y1 = y(a.to);
  if (y0 === undefined || y1 === undefined) return null;
  const t1 = a.t1 ?? now;
  const yEnd = a.t1 === undefined ? y0 + (y1 - y0) * 0.5 : a.dropped ? y0 + (y1 - y0) * 0.6 : y1;
  const x1 = x(t1);
  return (
    <g className={`raft-arrow raft-arrow-${a.cls}${a.dropped ? ' raft-arrow-drop' : ''}${a.t1 === undefined ? ' raft-arrow-flight' : ''}`}>
      <line x1={x(a.t0)} y1={y0} x2={x1} y2={yEnd} markerEnd={a.dropped || a.t1 === undefined ? undefined : 'url(#raft-arrowhead)'} />
      {a.dropped && <path d={`M${x1 - 4},${yEnd - 4} L${x1 + 4},${yEnd + 4} M${x1 + 4},${yEnd - 4} L${x1 - 4},${yEnd + 4}`} className="lab-cut-mark" />}
      <title>{`${a.label}, ${a.from} → ${a.to}`}</title>
    </g>
  );
}

/** Props for the static layer: finished arrows, ticks and points between `from` and `to` (ms). */
interface LayerProps {
  items: Items;
  lanes: readonly NodeId[];
  H: number;
  /** Pixels per ms; x = t·k, the parent translates the group under the window. */
  k: number;
  from: number;
  to: number;
  show: Show;
}

/** Memoised: redrawn when an event happens, the filters change or the window crosses a band. */
const TimelineLayer = memo(function TimelineLayer({ items, lanes, H, k, from, to, show }: LayerProps) {
  const x = (t: number) => t * k;
  const y = scalePoint<string>().domain(lanes as string[]).range([14, H - 20]).padding(0.2);
  const inBand = (t0: number, t1: number) => t1 >= from && t0 <= to;
  return (
    <>
      {!show.heartbeat &&
        items.arrows.map((a) => {
          if (!isTick(a) || !inBand(a.t1!, a.t1!)) return null;
          const py = y(a.to);
          if (py === undefined) return null;
          const px = x(a.t1!);
          return <line key={a.id} x1={px} x2={px} y1={py - 4} y2={py + 4} className="raft-hb-tick" />;
        })}
      {items.arrows.map((a) =>
        a.t1 !== undefined && inBand(a.t0, a.t1) && (a.cls === 'heartbeat' ? show.heartbeat : show[a.cls]) ? <ArrowView key={a.id} a={a} x={x} y={y} now={a.t1} /> : null,
      )}
      {items.points.map((p) => {
        const py = p.node !== undefined ? y(p.node) : undefined;
        if (py === undefined || !inBand(p.t, p.t)) return null;
        return (
          <circle key={p.seq} cx={x(p.t)} cy={py} r={p.kind === 'action' ? 4 : 3} className={`lab-point lab-point-${p.kind}`}>
            <title>{`t=${Math.round(p.t)} ms: ${p.label}`}</title>
          </circle>
        );
      })}
    </>
  );
});

/** Props for the diagram. */
export interface RaftTimelineProps {
  trace: readonly TraceEntry[];
  lanes: readonly NodeId[];
  now: number;
  end: number;
}

const SPANS: { label: string; span: number | null }[] = [
  { label: 'Last 300 ms', span: 300 },
  { label: 'Last 100 ms', span: 100 },
  { label: 'Whole run', span: null },
];

const CLASS_NAMES: Record<MsgClass, string> = { election: 'Elections', replication: 'Log replication', heartbeat: 'Heartbeats as arrows' };

/** Filterable, zoomable space-time diagram of a Raft run. */
export function RaftTimeline({ trace, lanes, now, end }: RaftTimelineProps) {
  const svgRef = useRef<SVGSVGElement | null>(null);
  const W = useSvgWidth(svgRef, 640);
  const [span, setSpan] = useState<number | null>(300);
  const [show, setShow] = useState<Show>({ election: true, replication: true, heartbeat: false });
  // The kernel's trace may be one array that grows in place, so its length is part of the key.
  const n = trace.length;
  const last = trace[n - 1];
  // `last` is a key on purpose: after a step back and a different action, the shared trace can hold
  // a different entry at the same length, and the diagram must be rebuilt then too.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const items = useMemo(() => timelineItems(trace.slice(0, n)), [trace, n, last]);
  const [lo, hi] = span === null ? [0, axisEnd(end, now)] : timeWindow(now, end, span);
  const LEFT = 34;
  const RIGHT = 8;
  const laneGap = 26;
  const H = 30 + laneGap * Math.max(1, lanes.length);
  const x = scaleLinear().domain([lo, hi]).range([LEFT, W - RIGHT]);
  const y = scalePoint<string>().domain(lanes as string[]).range([14, H - 20]).padding(0.2);
  const inWin = (t0: number, t1: number) => t1 >= lo && t0 <= hi;
  const shown = (a: TimelineArrow) => (a.cls === 'heartbeat' ? show.heartbeat : show[a.cls]);
  const arrows = items.arrows.filter((a) => inWin(a.t0, a.t1 ?? now) && shown(a));
  const flying = arrows.filter((a) => a.t1 === undefined);
  const ticks = show.heartbeat ? [] : items.arrows.filter((a) => isTick(a) && a.t1! >= lo && a.t1! <= hi);
  const counts = useMemo(() => {
    const c = { election: 0, replication: 0, heartbeat: 0 };
    for (const a of items.arrows) c[a.cls]++;
    return c;
  }, [items]);
  // Finished arrows, ticks and points are drawn once per band of three windows, in time coordinates
  // (k px per ms), and slid under the window by a translate: between events, playing only moves that
  // group, the messages in flight and the cursor (frame budget, issue 12).
  const k = (W - LEFT - RIGHT) / (hi - lo);
  const size = hi - lo;
  const b0 = Math.floor(lo / size) * size - size;
  const clipId = useId();
  return (
    <div className="raft-timeline">
      <div className="raft-timeline-controls">
        <label className="lab-field">
          <span>Window</span>
          <select value={span === null ? 'all' : String(span)} onChange={(e) => setSpan(e.currentTarget.value === 'all' ? null : Number(e.currentTarget.value))}>
            {SPANS.map((s) => (
              <option key={s.label} value={s.span === null ? 'all' : String(s.span)}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        {(Object.keys(CLASS_NAMES) as MsgClass[]).map((c) => (
          <label key={c} className="raft-check">
            <input type="checkbox" checked={show[c]} onChange={(e) => setShow({ ...show, [c]: e.currentTarget.checked })} />
            <span className={`raft-swatch-${c}`} aria-hidden="true" />
            {`${CLASS_NAMES[c]} (${counts[c]})`}
          </label>
        ))}
      </div>
      <svg
        ref={svgRef}
        className="lab-spacetime raft-spacetime"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Raft space-time diagram from ${Math.round(lo)} to ${Math.round(hi)} ms: ${arrows.length} messages drawn${
          show.heartbeat ? '' : `, heartbeats shown as ${ticks.length} ticks on the receivers' lanes`
        }; the event log lists every event.`}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={LEFT} y={0} width={Math.max(0, W - LEFT - RIGHT)} height={H} />
          </clipPath>
          <marker id="raft-arrowhead" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0,0 L6,3 L0,6 z" fill="context-stroke" />
          </marker>
        </defs>
        <g aria-hidden="true">
          {lanes.map((n) => (
            <g key={n}>
              <text x={4} y={(y(n) ?? 0) + 4} className="lab-lane-label">
                {n}
              </text>
              <line x1={LEFT} x2={W - RIGHT} y1={y(n)} y2={y(n)} className="lab-lane" />
            </g>
          ))}
          <g clipPath={`url(#${clipId})`}>
            <g transform={`translate(${LEFT - lo * k},0)`}>
              <TimelineLayer items={items} lanes={lanes} H={H} k={k} from={b0} to={b0 + 3 * size} show={show} />
            </g>
            {flying.map((a) => (
              <ArrowView key={a.id} a={a} x={x} y={y} now={now} />
            ))}
          </g>
          {now >= lo && now <= hi && <line x1={x(now)} x2={x(now)} y1={4} y2={H - 16} className="lab-now" />}
          <text x={LEFT} y={H - 3} className="lab-axis-text">
            {`${Math.round(lo)} ms`}
          </text>
          <text x={W - RIGHT} y={H - 3} textAnchor="end" className="lab-axis-text">
            {`${Math.round(hi)} ms`}
          </text>
        </g>
      </svg>
    </div>
  );
}
