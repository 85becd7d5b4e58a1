/**
 * Space-time diagram of the clock run (Lamport 1978, Fig. 1, drawn sideways) with every event
 * stamped by the chosen clock. Events are keyboard-focusable: Enter or Space picks one for
 * comparison. Lost last-writer-wins writes are crossed out.
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import { useId, useRef, type KeyboardEvent } from 'react';
import { clockEvents, clockInFlight, clockWrites } from '../../sim/clocks';
import type { ClockState } from '../../sim/clocks';
import { placeLabels } from '../shared/labelPlacer';
import { describeEvent, stampLines, type StampMode } from './selectors';
import { useSvgWidth } from '../shared/useSvgWidth';

/** Props for the diagram. */
export interface ClockDiagramProps {
  state: ClockState;
  mode: StampMode;
  end: number;
  selected: readonly (number | null)[];
  disabled: boolean;
  onPick(id: number): void;
}

const LEFT = 30;
const RIGHT = 12;

/** The diagram. */
export function ClockDiagram({ state, mode, end, selected, disabled, onPick }: ClockDiagramProps) {
  // Unique per instance: a chapter shows several clock labs, and SVG ids are page-global.
  const arrowId = `clock-arrow-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const svgRef = useRef<SVGSVGElement | null>(null);
  const W = useSvgWidth(svgRef, 640);
  const nodes = state.world.nodeIds;
  const now = state.world.now;
  const laneGap = mode === 'all' ? 120 : mode === 'vector' ? 58 : 50;
  const x = scaleLinear().domain([0, Math.max(1, end, now)]).range([LEFT, W - RIGHT]);
  // Room above the top lane and below the bottom one for the stacked stamp lines.
  const lines = mode === 'all' ? 4 : 1;
  const margin = 14 + 12 * lines;
  const H = 2 * margin + laneGap * Math.max(1, nodes.length - 1) + 8;
  const y = scalePoint<string>().domain(nodes).range([margin, H - margin]);
  const ev = clockEvents(state);
  const lost = new Set(clockWrites(state).filter((w) => w.lostTo !== null).map((w) => w.event));
  const key = (id: number) => (e: KeyboardEvent<SVGGElement>) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    // Handled here, so the lab frame does not also treat Space as play/pause.
    e.preventDefault();
    e.stopPropagation();
    if (!disabled) onPick(id);
  };
  // Messages: from the send event to its receive, or dashed to the current time while in flight.
  // A receive's last cause is the send of the message it got (a duplicate gives a second receive).
  const arrows = ev
    .filter((e) => e.kind === 'receive' && e.causes.length > 0)
    .map((r) => {
      const send = ev[r.causes[r.causes.length - 1]];
      return { key: `r${r.id}`, x0: x(send.t), y0: y(send.node)!, x1: x(r.t), y1: y(r.node)!, done: true };
    });
  clockInFlight(state).forEach((p, i) => {
    const frac = Math.min(1, (now - p.sentAt) / Math.max(1, p.at - p.sentAt));
    const y0 = y(p.from)!;
    arrows.push({ key: `f${i}`, x0: x(p.sentAt), y0, x1: x(now), y1: y0 + (y(p.to)! - y0) * frac, done: false });
  });

  // Text drawn at fixed places: the time axis label and each lost write's "lost" mark.
  const axisLabel = `true time, ${Math.round(end)} ms`;
  const fixedText = [
    { x: W - RIGHT - axisLabel.length * 6.2, y: H - 13, w: axisLabel.length * 6.2, h: 13 },
    ...ev.filter((e) => lost.has(e.id)).map((e) => ({ x: x(e.t) + 8, y: y(e.node)! - 21, w: 26, h: 13 })),
  ];
  // Stamps placed without collisions (issue 12: HLC stamps 60.1/60.3/60.2/60.4 drawn on top of each
  // other): each tries above, below, then further out, avoiding every dot and earlier stamp; the
  // first event on a lane tries above first, its neighbour below, as before.
  const stampBoxes = placeLabels(
    ev.map((e) => {
      const ls = stampLines(e, mode, nodes);
      const w = Math.max(...ls.map((l) => l.length)) * 6.6 + 4;
      const h = 12 * ls.length;
      const up = ev.filter((o) => o.node === e.node && o.id < e.id).length % 2 === 0;
      const aboveAt = (k: number) => [-w / 2, -10 - h - k * 13] as const;
      const belowAt = (k: number) => [-w / 2, 8 + k * 13] as const;
      const order = up ? [aboveAt(0), belowAt(0)] : [belowAt(0), aboveAt(0)];
      const side = [[6, -h - 8] as const, [-w - 6, -h - 8] as const, [6, 8] as const, [-w - 6, 8] as const];
      return { key: e.id, x: x(e.t), y: y(e.node)!, w, h, candidates: [...order, ...side, aboveAt(1), belowAt(1), aboveAt(2), belowAt(2)] };
    }),
    [...ev.map((e) => ({ x: x(e.t) - 6, y: y(e.node)! - 6, w: 12, h: 12 })), ...fixedText],
  );
  // The picked events' letters (a, b) beside their dots, clear of every stamp and dot.
  const pickBoxes = placeLabels(
    selected
      .flatMap((id) => (id !== null && ev[id] ? [ev[id]] : []))
      .map((e) => ({ key: e.id, x: x(e.t), y: y(e.node)!, w: 9, h: 12, candidates: [[8, -14], [8, 2], [-17, -14], [-17, 2], [-4, -26], [-4, 10]] as const })),
    [...ev.map((e) => ({ x: x(e.t) - 6, y: y(e.node)! - 6, w: 12, h: 12 })), ...stampBoxes.values(), ...fixedText],
  );

  return (
    <svg ref={svgRef} className="clock-diagram" viewBox={`0 0 ${W} ${H}`} role="group" aria-label={`Space-time diagram: ${ev.length} events on ${nodes.join(', ')}, stamped with ${mode} time. Each event is a button; press Enter to pick it for comparison.`}>
      <defs>
        <marker id={arrowId} viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L6,3 L0,6 z" fill="var(--fg-muted)" />
        </marker>
      </defs>
      <g aria-hidden="true">
        {nodes.map((n) => (
          <g key={n}>
            <text x={6} y={y(n)! + 4} className="clock-lane-label">
              {n}
            </text>
            <line x1={LEFT} x2={W - RIGHT} y1={y(n)} y2={y(n)} className="lab-lane" />
          </g>
        ))}
        {arrows.map((a) => (
          <line key={a.key} x1={a.x0} y1={a.y0} x2={a.x1} y2={a.y1} className={a.done ? 'clock-msg' : 'clock-msg clock-msg-flight'} markerEnd={a.done ? `url(#${arrowId})` : undefined} />
        ))}
        <line x1={x(now)} x2={x(now)} y1={8} y2={H - 6} className="lab-now" />
        <text x={W - RIGHT} y={H - 2} textAnchor="end" className="clock-axis">{axisLabel}</text>
      </g>
      {ev.map((e) => {
        const cx = x(e.t);
        const cy = y(e.node)!;
        const pick = selected.indexOf(e.id);
        const stampBox = stampBoxes.get(e.id);
        return (
          <g
            key={e.id}
            className={`clock-event clock-event-${e.kind}${pick >= 0 ? ' clock-event-picked' : ''}${lost.has(e.id) ? ' clock-event-lost' : ''}`}
            role="button"
            tabIndex={disabled ? -1 : 0}
            aria-pressed={pick >= 0}
            aria-label={describeEvent(e, state) + (lost.has(e.id) ? '. This write was lost.' : '')}
            onClick={() => !disabled && onPick(e.id)}
            onKeyDown={key(e.id)}
          >
            <circle cx={cx} cy={cy} r={12} className="clock-hit" />
            <circle cx={cx} cy={cy} r={e.kind === 'write' ? 6 : 4.5} className="clock-dot" />
            {lost.has(e.id) && <path d={`M${cx - 7},${cy - 7} L${cx + 7},${cy + 7} M${cx + 7},${cy - 7} L${cx - 7},${cy + 7}`} className="lab-cut-mark" />}
            {stampBox && (
              <text x={stampBox.x + stampBox.w / 2} y={stampBox.y + 10} textAnchor="middle" className="clock-stamp" aria-hidden="true">
                {stampLines(e, mode, nodes).map((line, k) => (
                  <tspan key={k} x={stampBox.x + stampBox.w / 2} dy={k === 0 ? 0 : 12}>
                    {line}
                  </tspan>
                ))}
              </text>
            )}
            {pick >= 0 && pickBoxes.get(e.id) && (
              <text x={pickBoxes.get(e.id)!.x + 1} y={pickBoxes.get(e.id)!.y + 10} className="clock-pick" aria-hidden="true">
                {pick === 0 ? 'a' : 'b'}
              </text>
            )}
            {lost.has(e.id) && (
              <text x={cx + 9} y={cy - 10} className="clock-lost" aria-hidden="true">
                lost
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
