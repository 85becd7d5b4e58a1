/**
 * The history on a timeline: one lane per client, one bar per operation from invocation to
 * response (Herlihy & Wing's picture). An unknown outcome trails off to the right with "?".
 * Bars are buttons: click or Enter selects; drag moves (drag the right end to resize). With a
 * bar focused, ←/→ move it by 5 ms, Shift+←/→ move its response, Delete removes it.
 * Overlays: the witness order (numbers above bars) or the minimal violating set (red).
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Operation } from '../../sim/consistency';
import { describeOp } from '../../sim/consistency';
import { useSvgWidth } from '../shared/useSvgWidth';
import { barLabel } from './selectors';

/** Props for the diagram. */
export interface HistoryDiagramProps {
  ops: readonly Operation[];
  lanes: readonly string[];
  end: number;
  now: number;
  selected: number | null;
  /** Operation id → position in the witness order (1-based). */
  order: ReadonlyMap<number, number>;
  violating: ReadonlySet<number>;
  disabled: boolean;
  onSelect(id: number): void;
  onMove(id: number, call: number, ret: number | null): void;
  onDelete(id: number): void;
}

const LEFT = 30;
const RIGHT = 14;
const STEP = 5;

/** The diagram. */
export function HistoryDiagram({ ops, lanes, end, now, selected, order, violating, disabled, onSelect, onMove, onDelete }: HistoryDiagramProps) {
  const svgRef = useRef<SVGSVGElement | null>(null);
  const W = useSvgWidth(svgRef, 640);
  const laneGap = 44;
  const H = 30 + laneGap * lanes.length;
  const x = scaleLinear().domain([0, Math.max(1, end)]).range([LEFT, W - RIGHT]);
  const y = scalePoint<string>().domain(lanes as string[]).range([30, H - 16]).padding(0.2);
  // While dragging: the op, what part, where the pointer started, and the live (uncommitted) times.
  const [drag, setDrag] = useState<{ id: number; part: 'move' | 'end'; startX: number; call: number; ret: number | null; moved: boolean } | null>(null);

  const toTime = (clientX: number) => {
    const svg = svgRef.current;
    if (!svg) return 0;
    const r = svg.getBoundingClientRect();
    const px = ((clientX - r.left) / Math.max(1, r.width)) * W; // viewBox units
    return x.invert(px);
  };
  const clamp = (t: number) => Math.max(0, Math.min(10_000, Math.round(t)));

  const keys = (op: Operation) => (e: KeyboardEvent<SVGGElement>) => {
    if (disabled) return;
    let handled = true;
    if (e.key === 'Enter' || e.key === ' ') onSelect(op.id);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const d = e.key === 'ArrowLeft' ? -STEP : STEP;
      if (e.shiftKey) {
        if (op.ret !== null) onMove(op.id, op.call, Math.max(op.call, clamp(op.ret + d)));
      } else {
        const call = clamp(op.call + d);
        onMove(op.id, call, op.ret === null ? null : op.ret + (call - op.call));
      }
    } else if (e.key === 'Delete' || e.key === 'Backspace') onDelete(op.id);
    else handled = false;
    if (handled) {
      // Keep the lab frame from also stepping the cursor or toggling play.
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const down = (op: Operation, part: 'move' | 'end') => (e: PointerEvent<SVGElement>) => {
    if (disabled || e.button !== 0) return;
    e.stopPropagation();
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
    setDrag({ id: op.id, part, startX: e.clientX, call: op.call, ret: op.ret, moved: false });
  };
  const move = (e: PointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    const op = ops.find((o) => o.id === drag.id);
    if (!op) return;
    const dt = toTime(e.clientX) - toTime(drag.startX);
    if (drag.part === 'move') {
      const call = clamp(op.call + dt);
      setDrag({ ...drag, call, ret: op.ret === null ? null : op.ret + (call - op.call), moved: true });
    } else if (op.ret !== null) setDrag({ ...drag, ret: Math.max(op.call, clamp(op.ret + dt)), moved: true });
  };
  const up = () => {
    if (!drag) return;
    const op = ops.find((o) => o.id === drag.id);
    if (op && drag.moved && (drag.call !== op.call || drag.ret !== op.ret)) onMove(drag.id, drag.call, drag.ret);
    else onSelect(drag.id);
    setDrag(null);
  };

  return (
    <svg
      ref={svgRef}
      className="cons-diagram"
      viewBox={`0 0 ${W} ${H}`}
      role="group"
      aria-label={`History of ${ops.length} operations by ${lanes.join(', ')}. Each operation is a button: Enter selects it; arrow keys move it; Shift with arrows moves its response; Delete removes it.`}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={() => setDrag(null)}
    >
      <g aria-hidden="true">
        {lanes.map((c) => (
          <g key={c}>
            <text x={4} y={y(c)! + 4} className="cons-lane-label">
              {c}
            </text>
            <line x1={LEFT} x2={W - RIGHT} y1={y(c)} y2={y(c)} className="lab-lane" />
          </g>
        ))}
        <line x1={x(now)} x2={x(now)} y1={6} y2={H - 6} className="lab-now" />
        <text x={W - RIGHT} y={H - 2} textAnchor="end" className="cons-axis">{`${Math.round(end)} ms`}</text>
      </g>
      {ops.map((op) => {
        const live = drag?.id === op.id ? drag : null;
        const call = live ? live.call : op.call;
        const ret = live ? live.ret : op.ret;
        const x0 = x(call);
        const x1 = ret === null ? W - RIGHT : Math.max(x0 + 6, x(ret));
        const cy = y(op.client)!;
        const n = order.get(op.id);
        const bad = violating.has(op.id);
        const cls = `cons-op cons-op-${op.kind}${selected === op.id ? ' cons-op-selected' : ''}${bad ? ' cons-op-bad' : ''}${ret === null ? ' cons-op-unknown' : ''}${call > now ? ' cons-op-future' : ''}`;
        return (
          <g
            key={op.id}
            className={cls}
            role="button"
            tabIndex={disabled ? -1 : 0}
            aria-pressed={selected === op.id}
            aria-label={`${describeOp(op)}, from ${op.call} to ${op.ret ?? 'unknown'} ms${n ? `, position ${n} in the order shown` : ''}${bad ? ', part of the violation' : ''}`}
            onKeyDown={keys(op)}
            onPointerDown={down(op, 'move')}
          >
            <rect x={x0} y={cy - 9} width={Math.max(6, x1 - x0)} height={18} rx={4} className="cons-bar" />
            <text x={x0 + 4} y={cy + 4} className="cons-bar-label" aria-hidden="true">
              {barLabel(op)}
            </text>
            {ret === null && (
              <text x={W - RIGHT - 2} y={cy + 4} textAnchor="end" className="cons-bar-label" aria-hidden="true">
                ?
              </text>
            )}
            {n !== undefined && (
              <text x={x0} y={cy - 12} className="cons-order" aria-hidden="true">
                {n}
              </text>
            )}
            {ret !== null && <rect x={x1 - 6} y={cy - 9} width={12} height={18} className="cons-handle" onPointerDown={down(op, 'end')} aria-hidden="true" />}
          </g>
        );
      })}
    </svg>
  );
}
