/**
 * The wire between two nodes: the client (or broker) on the left, the server (or consumer) on
 * the right, requests on the upper lane and answers on the lower one, each message a labelled
 * pill placed by simulation time. A doomed message is drawn dashed in the "bad" colour.
 */
import { useRef } from 'react';
import { useSvgWidth } from '../shared/useSvgWidth';
import type { FlightView } from './selectors';

/** One end of the wire. */
export interface WireEnd {
  readonly id: string;
  readonly role: string;
  readonly up: boolean;
  /** A short state word under the role ("working on k1", "crashed"). */
  readonly status: string;
  /** A warning under the status while the node is in its crash window ("key not yet"). */
  readonly detail?: string;
}

const LANE_Y = [46, 98];

/** The wire picture. */
export function IdemWire({ left, right, flights, title }: { left: WireEnd; right: WireEnd; flights: readonly FlightView[]; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const w = useSvgWidth(ref, 560, 300, 900);
  const narrow = w < 480;
  const boxW = narrow ? 84 : 124;
  const x0 = boxW + 10;
  const x1 = w - boxW - 10;
  const lanes: FlightView[][] = [flights.filter((f) => f.rightward), flights.filter((f) => !f.rightward)];
  const rows = Math.max(1, ...lanes.map((l) => l.length));
  const h = 124 + Math.max(0, rows - 1) * 18;
  const charW = 6.4;
  return (
    <div ref={ref} className="idem-wire">
      <svg viewBox={`0 0 ${w} ${h}`} width="100%" role="img" aria-label={title} className="idem-wire-svg">
        {[left, right].map((n, i) => {
          const x = i === 0 ? 2 : w - boxW - 2;
          return (
            <g key={n.id} className={`idem-node${n.up ? '' : ' idem-node-down'}`} data-node={n.id}>
              <rect x={x} y={14} width={boxW} height={h - 28} rx={8} />
              <text x={x + boxW / 2} y={36} textAnchor="middle" className="idem-node-name">
                {n.id}
              </text>
              <text x={x + boxW / 2} y={54} textAnchor="middle" className="idem-node-role">
                {narrow ? n.role.split(' ').slice(-1)[0] : n.role}
              </text>
              <text x={x + boxW / 2} y={74} textAnchor="middle" className={n.up ? 'idem-node-status' : 'idem-node-status idem-down-text'}>
                {n.status}
              </text>
              {n.detail && (
                <text x={x + boxW / 2} y={92} textAnchor="middle" className="idem-node-detail">
                  {`⚠ ${n.detail}`}
                </text>
              )}
              {!n.up && <path d={`M${x + 10},${22} L${x + boxW - 10},${h - 22} M${x + boxW - 10},${22} L${x + 10},${h - 22}`} className="idem-down-cross" />}
            </g>
          );
        })}
        {LANE_Y.map((y, i) => (
          <g key={i} className="idem-lane">
            <line x1={x0} y1={y} x2={x1} y2={y} />
            <path d={i === 0 ? `M${x1 - 7},${y - 4} L${x1},${y} L${x1 - 7},${y + 4}` : `M${x0 + 7},${y - 4} L${x0},${y} L${x0 + 7},${y + 4}`} />
            <text x={(x0 + x1) / 2} y={y - 18 + (i === 1 ? 0 : 0)} textAnchor="middle" className="idem-lane-label">
              {i === 0 ? (left.id === 'C' ? 'requests →' : 'deliveries →') : left.id === 'C' ? '← answers' : '← acks'}
            </text>
          </g>
        ))}
        {lanes.map((lane, li) =>
          lane.map((f, k) => {
            const text = narrow || x1 - x0 < 260 ? f.short : f.label;
            const pw = Math.min(x1 - x0, text.length * charW + 14);
            const cx = f.rightward ? x0 + f.progress * (x1 - x0) : x1 - f.progress * (x1 - x0);
            const x = Math.max(x0, Math.min(x1 - pw, cx - pw / 2));
            const y = LANE_Y[li] + k * 18 - 8;
            return (
              <g key={f.id} className="idem-msg" data-tone={f.tone} data-doomed={f.doomed ? 'true' : undefined} data-msg={f.id}>
                <rect x={x} y={y} width={pw} height={16} rx={8} />
                <text x={x + pw / 2} y={y + 12} textAnchor="middle">
                  {text}
                  {f.doomed ? ' ✕' : ''}
                </text>
              </g>
            );
          }),
        )}
      </svg>
    </div>
  );
}
