/**
 * Space-time diagram (Lamport 1978, Fig. 1, drawn sideways): one horizontal line per
 * process, time to the right, an arrow per message from its send to its delivery, a cross
 * for a drop. Built from trace entries only, so it works for every mechanism.
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import { useRef } from 'react';
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

/** SVG space-time diagram with a cursor line at `now`. */
export function SpaceTimeDiagram({ trace, lanes, now, end, title }: SpaceTimeProps) {
  // Coordinates in CSS pixels (measured width), so labels draw at their real size in every lab
  // and at every screen width instead of scaling with a fixed viewBox.
  const svgRef = useRef<SVGSVGElement | null>(null);
  const W = useSvgWidth(svgRef, 640);
  const LEFT = leftFor(lanes);
  const laneGap = 30;
  const H = 24 + laneGap * Math.max(1, lanes.length);
  const x = scaleLinear().domain([0, Math.max(1, end, now)]).range([LEFT, W - RIGHT]);
  const y = scalePoint<string>().domain(lanes as string[]).range([18, H - 14]).padding(0.2);
  const { arrows, points } = diagramItems(trace);
  const yy = (n: NodeId | undefined) => (n !== undefined ? y(n) : undefined);

  return (
    <svg ref={svgRef} className="lab-spacetime" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${arrows.length} messages between ${lanes.join(', ')}; the event table below lists them.`}>
      <defs>
        <marker id="lab-arrowhead" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L6,3 L0,6 z" fill="var(--fg-muted)" />
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
        {arrows.map((a) => {
          const y0 = yy(a.from);
          const y1 = yy(a.to);
          if (y0 === undefined || y1 === undefined) return null;
          const t1 = a.t1 ?? now;
          const x1 = x(t1);
          const yEnd = a.t1 === undefined ? y0 + (y1 - y0) * 0.5 : a.dropped ? y0 + (y1 - y0) * 0.6 : y1;
          return (
            <g key={a.id} className={a.dropped ? 'lab-arrow lab-arrow-drop' : a.t1 === undefined ? 'lab-arrow lab-arrow-flight' : 'lab-arrow'}>
              <line x1={x(a.t0)} y1={y0} x2={x1} y2={yEnd} markerEnd={a.dropped || a.t1 === undefined ? undefined : 'url(#lab-arrowhead)'} />
              {a.dropped && <path d={`M${x1 - 4},${yEnd - 4} L${x1 + 4},${yEnd + 4} M${x1 + 4},${yEnd - 4} L${x1 - 4},${yEnd + 4}`} className="lab-cut-mark" />}
              <title>{a.label}</title>
            </g>
          );
        })}
        {points.map((p) => {
          const py = yy(p.node);
          if (py === undefined) return null;
          return (
            <circle key={p.seq} cx={x(p.t)} cy={py} r={p.kind === 'action' ? 4 : 3} className={`lab-point lab-point-${p.kind}`}>
              <title>{`t=${Math.round(p.t)} ms: ${p.label}`}</title>
            </circle>
          );
        })}
        <line x1={x(now)} x2={x(now)} y1={4} y2={H - 4} className="lab-now" />
        <text x={W - RIGHT} y={H - 2} textAnchor="end" className="lab-axis-text">
          {`${Math.round(end)} ms`}
        </text>
      </g>
    </svg>
  );
}
