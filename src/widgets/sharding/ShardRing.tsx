/**
 * The key circle: ownership arcs in each node's colour (ring arcs, fixed partitions or key ranges),
 * ring points as ticks, and every key as a dot in its owner's colour. After a membership change the
 * keys that moved are drawn larger, on an inner track, in their destination's colour with a line
 * back to where they were; the rest fade. A pure function of the model (D3 only for the arcs).
 */
import { arc as d3arc } from 'd3-shape';
import type { CircleModel } from './selectors';
import { nodeColor, nodeIndex } from './selectors';

const SIZE = 320;
const C = SIZE / 2;
const R = 128; // ownership ring
const KEY_R = 106; // key dots
const MOVED_R = 88; // moved keys, pulled inwards
const TAU = Math.PI * 2;

const pos = (turn: number, r: number): [number, number] => [C + r * Math.sin(turn * TAU), C - r * Math.cos(turn * TAU)];

/** Props: the circle model, a title and the centre text lines. */
export function ShardRing({ model, title, centre }: { model: CircleModel; title: string; centre: readonly string[] }) {
  const path = d3arc<{ from: number; to: number }>()
    .innerRadius(R - 9)
    .outerRadius(R + 9)
    .startAngle((a) => a.from * TAU)
    .endAngle((a) => a.to * TAU);
  const anyMoved = model.keys.some((k) => k.moved);
  const maxW = Math.max(1e-9, ...model.keys.map((k) => k.weight));
  const heavy = model.keys.some((k) => k.weight > 3 / model.keys.length);
  return (
    <svg className="shard-ring" viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={title}>
      <title>{title}</title>
      <circle cx={C} cy={C} r={R} className="shard-track" />
      <g className="shard-arcs">
        {model.arcs.map((a, i) => (
          <path key={i} d={path(a) ?? ''} transform={`translate(${C},${C})`} style={{ fill: nodeColor(nodeIndex(a.node)) }} data-node={a.node} />
        ))}
      </g>
      <g className="shard-points">
        {model.points.map((p, i) => {
          const [x1, y1] = pos(p.turn, R - 12);
          const [x2, y2] = pos(p.turn, R + 12);
          return <line key={i} x1={x1} y1={y1} x2={x2} y2={y2} data-node={p.node} />;
        })}
      </g>
      <g className="shard-keys" data-faded={anyMoved ? 'true' : 'false'}>
        {model.keys.map((k) => {
          if (k.moved) return null;
          const [x, y] = pos(k.turn, KEY_R);
          const r = heavy ? 1.6 + 5 * Math.sqrt(k.weight / maxW) : 2.1;
          return <circle key={k.i} cx={x} cy={y} r={r} style={{ fill: nodeColor(nodeIndex(k.node)) }} />;
        })}
      </g>
      <g className="shard-moved">
        {model.keys.map((k) => {
          if (!k.moved) return null;
          const [x0, y0] = pos(k.turn, KEY_R);
          const [x, y] = pos(k.turn, MOVED_R);
          const col = nodeColor(nodeIndex(k.moved.to));
          return (
            <g key={k.i} data-from={k.moved.from} data-to={k.moved.to}>
              <line x1={x0} y1={y0} x2={x} y2={y} style={{ stroke: col }} />
              <circle cx={x} cy={y} r={3.4} style={{ fill: col }} />
            </g>
          );
        })}
      </g>
      <text x={C} y={C - (centre.length - 1) * 9} className="shard-centre">
        {centre.map((line, i) => (
          <tspan key={i} x={C} dy={i === 0 ? 0 : 18} className={i === 0 ? 'shard-centre-big' : undefined}>
            {line}
          </tspan>
        ))}
      </text>
    </svg>
  );
}
