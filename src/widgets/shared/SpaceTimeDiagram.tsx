/**
 * Space-time diagram (Lamport 1978, Fig. 1, drawn sideways): one horizontal line per
 * process, time to the right, an arrow per message from its send to its delivery, a cross
 * for a drop. Built from trace entries only, so it works for every mechanism.
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import { memo, useMemo, useRef } from 'react';
import type { NodeId, TraceEntry } from '../../sim/core';
import { useSvgWidth } from './useSvgWidth';

/** Props for the diagram. */
export interface SpaceTimeProps {
  trace: readonly TraceEntry[];
  /** Processes, top to bottom. */
  lanes: readonly NodeId[];
  now: number;
  /** Right edge of the time axis (ms). */
  end: number;
  title: string;
}

const RIGHT = 8;
/** Left margin that fits the longest lane name at the 12 px lane-label size ("client", "S1"). */
const leftFor = (lanes: readonly NodeId[]) => 14 + 7.5 * Math.max(2, ...lanes.map((l) => l.length));

/** Message arrows and point events extracted from a trace. Pure, exported for tests. */
export function diagramItems(trace: readonly TraceEntry[]) {
  const sends = new Map<number, TraceEntry>();
  const arrows: { id: number; from: NodeId; to: NodeId; t0: number; t1?: number; dropped: boolean; label: string }[] = [];
  const ended = new Map<number, TraceEntry>();
  const points: TraceEntry[] = [];
  for (const e of trace) {
    if (e.kind === 'send' && e.msgId !== undefined) sends.set(e.msgId, e);
    else if ((e.kind === 'deliver' || e.kind === 'drop') && e.msgId !== undefined) ended.set(e.msgId, e);
    else if (e.kind !== 'duplicate') points.push(e);
  }
  for (const [id, s] of sends) {
    const end = ended.get(id);
    const from = s.from ?? s.node;
    const to = s.to ?? end?.node;
    if (!from || !to) continue;
    arrows.push({ id, from, to, t0: s.t, t1: end?.t, dropped: end?.kind === 'drop', label: s.label });
  }
  return { arrows, points };
}

type Items = ReturnType<typeof diagramItems>;
type Arrow = Items['arrows'][number];

/**
 * The axis' right edge. Before the cursor reaches `end` it is `end`. An open-ended run that plays on
 * past its timeline drags `end` along with the cursor, so the edge is then rounded up to a quarter
 * of the cursor's power of ten (1,730 ms → 2,000 ms): the finished arrows are redrawn a few times
 * per second of simulated time instead of every frame. Round ends (300, 1,500, 2,000) stay as they are.
 */
export function axisEnd(end: number, now: number): number {
  const e = Math.max(1, end);
  if (now < e) return e;
  const step = 10 ** Math.floor(Math.log10(Math.max(1, now))) / 4;
  return Math.ceil(now / step) * step;
}

/** Props for the static layer: everything that only changes when an event happens. */
interface LayerProps {
  items: Items;
  lanes: readonly NodeId[];
  left: number;
  W: number;
  H: number;
  max: number;
}

/** Lanes, finished arrows and point events; memoised, so playing between events costs nothing here. */
const StaticLayer = memo(function StaticLayer({ items, lanes, left, W, H, max }: LayerProps) {
  const x = scaleLinear().domain([0, max]).range([left, W - RIGHT]);
  const y = scalePoint<string>().domain(lanes as string[]).range([18, H - 14]).padding(0.2);
  return (
    <>
      {lanes.map((n) => (
        <g key={n}>
          <text x={4} y={(y(n) ?? 0) + 4} className="lab-lane-label">
            {n}
          </text>
          <line x1={left} x2={W - RIGHT} y1={y(n)} y2={y(n)} className="lab-lane" />
        </g>
      ))}
      {items.arrows.map((a) => (a.t1 === undefined ? null : <ArrowView key={a.id} a={a} x={x} y={y} now={a.t1} />))}
      {items.points.map((p) => {
        const py = p.node !== undefined ? y(p.node) : undefined;
        if (py === undefined) return null;
        return (
          <circle key={p.seq} cx={x(p.t)} cy={py} r={p.kind === 'action' ? 4 : 3} className={`lab-point lab-point-${p.kind}`}>
            <title>{`t=${Math.round(p.t)} ms: ${p.label}`}</title>
          </circle>
        );
      })}
    </>
  );
});

/** One message arrow; in flight (no `t1`) it ends half-way between the lanes at `now`. */
function ArrowView({ a, x, y, now }: { a: Arrow; x: (t: number) => number; y: (n: string) => number | undefined; now: number }) {
  const y0 = y(a.from);
  const y1 = y(a.to);
  if (y0 === undefined || y1 === undefined) return null;
  const t1 = a.t1 ?? now;
  const x1 = x(t1);
  const yEnd = a.t1 === undefined ? y0 + (y1 - y0) * 0.5 : a.dropped ? y0 + (y1 - y0) * 0.6 : y1;
  return (
    <g className={a.dropped ? 'lab-arrow lab-arrow-drop' : a.t1 === undefined ? 'lab-arrow lab-arrow-flight' : 'lab-arrow'}>
      <line x1={x(a.t0)} y1={y0} x2={x1} y2={yEnd} markerEnd={a.dropped || a.t1 === undefined ? undefined : 'url(#lab-arrowhead)'} />
      {a.dropped && <path d={`M${x1 - 4},${yEnd - 4} L${x1 + 4},${yEnd + 4} M${x1 + 4},${yEnd - 4} L${x1 - 4},${yEnd + 4}`} className="lab-cut-mark" />}
      <title>{a.label}</title>
    </g>
  );
}

/**
 * SVG space-time diagram with a cursor line at `now`. Only the messages in flight and the cursor
 * move between events; the rest is a memoised layer (frame budget, issue 12).
 */
export function SpaceTimeDiagram({ trace, lanes, now, end, title }: SpaceTimeProps) {
  // Coordinates in CSS pixels (measured width), so labels draw at their real size in every lab
  // and at every screen width instead of scaling with a fixed viewBox.
  const svgRef = useRef<SVGSVGElement | null>(null);
  const W = useSvgWidth(svgRef, 640);
  const LEFT = leftFor(lanes);
  const laneGap = 30;
  const H = 24 + laneGap * Math.max(1, lanes.length);
  const max = axisEnd(end, now);
  const x = scaleLinear().domain([0, max]).range([LEFT, W - RIGHT]);
  const y = scalePoint<string>().domain(lanes as string[]).range([18, H - 14]).padding(0.2);
  // The kernel may hand out a fresh slice of one growing trace: key on its length and last entry.
  const n = trace.length;
  const last = trace[n - 1];
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `last` is a key on purpose (see above)
  const items = useMemo(() => diagramItems(trace.slice(0, n)), [n, last]);
  const flying = items.arrows.filter((a) => a.t1 === undefined);

  return (
    <svg ref={svgRef} className="lab-spacetime" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${items.arrows.length} messages between ${lanes.join(', ')}; the event table below lists them.`}>
      <defs>
        <marker id="lab-arrowhead" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L6,3 L0,6 z" fill="var(--fg-muted)" />
        </marker>
      </defs>
      <g aria-hidden="true">
        <StaticLayer items={items} lanes={lanes} left={LEFT} W={W} H={H} max={max} />
        {flying.map((a) => (
          <ArrowView key={a.id} a={a} x={x} y={y} now={now} />
        ))}
        <line x1={x(now)} x2={x(now)} y1={4} y2={H - 4} className="lab-now" />
        <text x={W - RIGHT} y={H - 2} textAnchor="end" className="lab-axis-text">
          {`${Math.round(end)} ms`}
        </text>
      </g>
    </svg>
  );
}
