/**
 * The Raft cluster picture: servers on a ring with term, role and a ring-shaped election timer,
 * network links (dashed where a partition cuts them) and messages in flight positioned by
 * simulation time (no animation clock, so reduced motion needs nothing extra here: the toolkit's
 * playback already jumps instead of gliding). Servers are focusable buttons that select the target
 * of the lab's actions.
 */
import { arc } from 'd3-shape';
import { scaleLinear } from 'd3-scale';
import { memo, type KeyboardEvent } from 'react';
import type { NodeId } from '../../sim/core';
import type { RaftState } from '../../sim/raft';
import { linked } from '../../sim/raft';
import { placeLabels, type Box } from '../shared/labelPlacer';
import { ChangePulse } from '../shared/motion';
import { flightViews, serverViews, type FlightView } from './selectors';

const W = 360;
const H = 300;
const R = 24;

/** Ring positions for n servers, first at the top, clockwise. Pure, exported for tests. */
export function ringLayout(ids: readonly NodeId[]): Map<NodeId, { x: number; y: number }> {
  const angle = scaleLinear().domain([0, ids.length]).range([-Math.PI / 2, (3 * Math.PI) / 2]);
  const radius = ids.length > 6 ? 112 : 100;
  return new Map(ids.map((id, i) => [id, { x: W / 2 + radius * 1.25 * Math.cos(angle(i)), y: H / 2 + radius * Math.sin(angle(i)) }]));
}

const timerArc = arc<number>()
  .innerRadius(R + 3)
  .outerRadius(R + 7)
  .startAngle(0)
  .endAngle((f) => f * 2 * Math.PI);

const MSG_FILL: Record<FlightView['kind'], string> = {
  RequestVote: 'var(--warn)',
  RequestVoteReply: 'var(--warn)',
  AppendEntries: 'var(--accent)',
  AppendEntriesReply: 'var(--accent)',
};

/** Props for the cluster picture. */
export interface RaftClusterProps {
  state: RaftState;
  selected: NodeId | null;
  onSelect(id: NodeId): void;
  /** The message whose details are shown, if any. */
  pickedMsg: number | null;
  /** Show a message's details (where it can be dropped). */
  onPickMsg(msgId: number): void;
  interactive: boolean;
}

const LABEL_H = 12;
const LABEL_CH = 6.2;

/**
 * How far from a server's centre, along direction (ux, uy), a glyph must start to clear both the
 * server's circle and its role label under it (slab test against the label's box).
 */
function clearOfServer(ux: number, uy: number): number {
  const out = R + 9;
  if (uy === 0) return out; // a horizontal ray never meets the label under the circle
  const [x0, x1, y0, y1] = [-30, 30, R + 8, R + 26];
  const tx = ux === 0 ? [-Infinity, Infinity] : [x0 / ux, x1 / ux].sort((a, b) => a - b);
  const ty = uy === 0 ? [-Infinity, Infinity] : [y0 / uy, y1 / uy].sort((a, b) => a - b);
  const enter = Math.max(tx[0], ty[0]);
  const exit = Math.min(tx[1], ty[1]);
  return enter <= exit && exit > 0 ? Math.max(out, exit + 7) : out;
}

/**
 * Where each message glyph is drawn: along its link from the edge of the sender's circle to the
 * edge of the receiver's (never over a server's name), by simulation time, and shifted a little to
 * one side by direction so that a request and its reply on one link do not sit on each other.
 */
export function glyphPositions(flights: readonly FlightView[], pos: Map<NodeId, { x: number; y: number }>) {
  return flights.map((f) => {
    const a = pos.get(f.from)!;
    const b = pos.get(f.to)!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.hypot(dx, dy) || 1;
    const ux = dx / d;
    const uy = dy / d;
    const start = clearOfServer(ux, uy);
    const stop = clearOfServer(-ux, -uy);
    const span = Math.max(0, d - start - stop);
    const side = f.from < f.to ? 1 : -1;
    const along = start + span * f.progress;
    return { f, x: a.x + ux * along - uy * 5 * side, y: a.y + uy * along + ux * 5 * side };
  });
}

/**
 * A server's body. A role change (or its undoing on a step back) swells it once; the role itself
 * changes at once. Memoised on the role, so the motion component is not re-rendered every frame.
 */
const ServerBody = memo(function ServerBody({ role }: { role: string }) {
  return (
    <ChangePulse changeKey={role}>
      <circle r={R} className="raft-body" />
    </ChangePulse>
  );
});

/** SVG picture of the cluster; the text alternative is the server list and the event log. */
export function RaftCluster({ state, selected, onSelect, pickedMsg, onPickMsg, interactive }: RaftClusterProps) {
  const views = serverViews(state);
  const pos = ringLayout(views.map((v) => v.id));
  const flights = flightViews(state);
  const glyphs = glyphPositions(flights, pos);
  // Labels never cover a server (its name, term and role) or another glyph, and stay in the picture.
  const obstacles: Box[] = [
    ...views.map((v) => {
      const p = pos.get(v.id)!;
      return { x: p.x - R - 8, y: p.y - R - 8, w: 2 * R + 16, h: 2 * R + 34 };
    }),
    ...glyphs.map((g) => ({ x: g.x - 6, y: g.y - 6, w: 12, h: 12 })),
  ];
  const placed = placeLabels(
    glyphs.map((g) => ({ key: g.f.key, x: g.x, y: g.y, w: g.f.short.length * LABEL_CH + 2, h: LABEL_H })),
    obstacles,
    { x: 0, y: 0, w: W, h: H },
  );
  const pairs: [NodeId, NodeId][] = [];
  for (let i = 0; i < views.length; i++) for (let j = i + 1; j < views.length; j++) pairs.push([views[i].id, views[j].id]);
  const key = (id: NodeId) => (e: KeyboardEvent<SVGGElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      onSelect(id);
    }
  };
  return (
    <svg className="raft-cluster" viewBox={`0 0 ${W} ${H}`} role="group" aria-label="Raft servers; choose one to act on it">
      <g aria-hidden="true">
        {pairs.map(([a, b]) => {
          const pa = pos.get(a)!;
          const pb = pos.get(b)!;
          const ok = linked(state.world, a, b);
          return <line key={`${a}-${b}`} x1={pa.x} y1={pa.y} x2={pb.x} y2={pb.y} className={ok ? 'raft-link' : 'raft-link raft-link-cut'} />;
        })}
      </g>
      {views.map((v) => {
        const p = pos.get(v.id)!;
        const label = `${v.id}: ${v.up ? v.role : 'down'}, term ${v.term}, ${v.logLength} log entries, commit index ${v.commitIndex}${
          v.votedFor ? `, voted for ${v.votedFor}` : ''
        }${v.timer !== null ? `, election timer ${Math.round(v.timer * 100)}% elapsed` : ''}`;
        return (
          <g
            key={v.id}
            transform={`translate(${p.x},${p.y})`}
            className={`raft-server raft-${v.up ? v.role : 'down'}${selected === v.id ? ' raft-selected' : ''}`}
            role="button"
            tabIndex={interactive ? 0 : -1}
            aria-pressed={selected === v.id}
            aria-label={label}
            data-server={v.id}
            onClick={() => interactive && onSelect(v.id)}
            onKeyDown={interactive ? key(v.id) : undefined}
          >
            <title>{label}</title>
            <circle r={R + 10} className="raft-hit" />
            {v.timer !== null && <path d={timerArc(v.timer) ?? ''} className="raft-timer" />}
            <ServerBody role={v.up ? v.role : 'down'} />
            <text y={-4} textAnchor="middle" className="raft-id">
              {v.id}
            </text>
            <text y={11} textAnchor="middle" className="raft-term">
              {`T${v.term}`}
            </text>
            <text y={R + 20} textAnchor="middle" className="raft-role">
              {v.up ? v.role : 'down'}
            </text>
          </g>
        );
      })}
      <g className="raft-msgs">
        {glyphs.map((g) => {
          const f = g.f;
          const reply = f.kind.endsWith('Reply');
          const label = `${f.label}, ${f.from} → ${f.to}${f.doomed ? ` (will not arrive: ${f.doomed})` : ''}`;
          return (
            <g
              key={f.key}
              transform={`translate(${g.x},${g.y})`}
              className={`raft-msg${pickedMsg === f.id ? ' raft-msg-picked' : ''}${f.doomed ? ' raft-msg-doomed' : ''}`}
              role="button"
              tabIndex={interactive ? 0 : -1}
              aria-label={`Message ${f.id}: ${label}. Show details.`}
              aria-pressed={pickedMsg === f.id}
              data-msg={f.id}
              onClick={() => interactive && onPickMsg(f.id)}
              onKeyDown={
                interactive
                  ? (e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        e.stopPropagation();
                        onPickMsg(f.id);
                      }
                    }
                  : undefined
              }
            >
              <title>{`${label}. Click for details.`}</title>
              <circle r={11} className="raft-hit" />
              {reply ? <rect x={-5} y={-5} width={10} height={10} fill={MSG_FILL[f.kind]} /> : <circle r={6} fill={MSG_FILL[f.kind]} />}
            </g>
          );
        })}
      </g>
      <g aria-hidden="true" className="raft-msg-labels">
        {glyphs.map((g) => {
          const box = placed.get(g.f.key);
          if (!box) return null;
          return (
            <text key={g.f.key} x={box.x + 1} y={box.y + LABEL_H - 2} className="raft-msg-label">
              {g.f.short}
            </text>
          );
        })}
      </g>
    </svg>
  );
}
