/**
 * The Raft cluster picture: servers on a ring with term, role and a ring-shaped election timer,
 * network links (dashed where a partition cuts them) and messages in flight positioned by
 * simulation time (no animation clock, so reduced motion needs nothing extra here: the toolkit's
 * playback already jumps instead of gliding). Servers are focusable buttons that select the target
 * of the lab's actions.
 */
import { arc } from 'd3-shape';
import { scaleLinear } from 'd3-scale';
import type { KeyboardEvent } from 'react';
import type { NodeId } from '../../sim/core';
import type { RaftState } from '../../sim/raft';
import { linked } from '../../sim/raft';
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
  onDrop(msgId: number): void;
  interactive: boolean;
}

/** SVG picture of the cluster; the text alternative is the server list and the event log. */
export function RaftCluster({ state, selected, onSelect, onDrop, interactive }: RaftClusterProps) {
  const views = serverViews(state);
  const pos = ringLayout(views.map((v) => v.id));
  const flights = flightViews(state);
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
            <circle r={R} className="raft-body" />
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
      <g>
        {flights.map((f) => {
          const a = pos.get(f.from)!;
          const b = pos.get(f.to)!;
          const x = a.x + (b.x - a.x) * f.progress;
          const y = a.y + (b.y - a.y) * f.progress;
          const reply = f.kind.endsWith('Reply');
          return (
            <g
              key={f.key}
              transform={`translate(${x},${y})`}
              className="raft-msg"
              aria-hidden="true"
              onClick={() => interactive && onDrop(f.id)}
            >
              <title>{`${f.label}, ${f.from} → ${f.to}. Click to drop it.`}</title>
              {reply ? <rect x={-5} y={-5} width={10} height={10} fill={MSG_FILL[f.kind]} /> : <circle r={6} fill={MSG_FILL[f.kind]} />}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
