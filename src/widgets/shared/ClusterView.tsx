/**
 * The cluster picture: servers on a ring, clients outside next to their server, links
 * (crossed out when a partition cuts them) and messages in flight positioned by simulation
 * time through D3 scales. No animation clock: the picture is a pure function of the model.
 */
import { scaleLinear, scaleOrdinal } from 'd3-scale';
import { formatGroups } from '../../sim/core';
import { CLUSTER_W, clearStretch, clusterLabels } from './clusterLabels';
import { connected, type ClusterModel, type NodeView, type Tone } from './viewModel';

/** Props for the cluster view. */
export interface ClusterViewProps {
  model: ClusterModel;
  /** Current virtual time. */
  now: number;
  /** Accessible name of the picture. */
  title: string;
}

const W = CLUSTER_W;
const H = 280;
const NODE_COLORS = ['var(--node-a)', 'var(--node-b)', 'var(--node-c)', 'var(--node-d)', 'var(--node-e)'];
const TONE: Record<Tone, string> = { ok: 'var(--ok)', warn: 'var(--warn)', bad: 'var(--bad)', muted: 'var(--fg-muted)' };

interface Placed extends NodeView {
  x: number;
  y: number;
}

/** Place servers on a ring and clients just outside it. Pure, exported for tests. */
export function layoutNodes(nodes: readonly NodeView[]): Placed[] {
  const servers = nodes.filter((n) => !n.attachedTo);
  const hasClients = servers.length < nodes.length;
  const r = hasClients ? 70 : 95;
  const angle = scaleLinear().domain([0, Math.max(1, servers.length)]).range([-Math.PI / 2, (3 * Math.PI) / 2]);
  const cx = W / 2;
  const cy = H / 2 - 6;
  const placed = new Map<string, Placed>();
  servers.forEach((n, i) => {
    const a = servers.length === 1 ? Math.PI : servers.length === 2 ? (i === 0 ? Math.PI : 0) : angle(i);
    placed.set(n.id, { ...n, x: cx + r * Math.cos(a) * 1.35, y: cy + r * Math.sin(a) });
  });
  const byServer = new Map<string, NodeView[]>();
  for (const n of nodes) if (n.attachedTo) byServer.set(n.attachedTo, [...(byServer.get(n.attachedTo) ?? []), n]);
  for (const [sid, clients] of byServer) {
    const s = placed.get(sid);
    const dx = s ? s.x - cx : -1;
    const dy = s ? s.y - cy : 0;
    const len = Math.hypot(dx, dy) || 1;
    clients.forEach((c, j) => {
      const spread = (j - (clients.length - 1) / 2) * 0.5;
      const a = Math.atan2(dy, dx) + spread;
      const bx = s ? s.x : cx;
      const by = s ? s.y : cy;
      placed.set(c.id, { ...c, x: bx + 62 * Math.cos(a) * (len ? 1 : 0), y: by + 52 * Math.sin(a) });
    });
  }
  // Sideways the picture has a fixed width; vertically its viewBox follows what is drawn, so a client
  // keeps its distance from its server (clamped to the top, c1 sat too close to A for a message dot
  // to pass between them without covering a name).
  return nodes.map((n) => placed.get(n.id)!).map((p) => ({ ...p, x: Math.max(24, Math.min(W - 24, p.x)), y: p.attachedTo ? p.y : Math.max(22, Math.min(H - 44, p.y)) }));
}

/** SVG cluster picture; decorative details are aria-hidden, the text alternative is the event table. */
export function ClusterView({ model, now, title }: ClusterViewProps) {
  const placed = layoutNodes(model.nodes);
  const pos = new Map(placed.map((p) => [p.id, p]));
  const servers = placed.filter((p) => !p.attachedTo);
  const color = scaleOrdinal<string, string>().domain(servers.map((s) => s.id)).range(NODE_COLORS);
  const links: [Placed, Placed][] = [];
  for (let i = 0; i < servers.length; i++) for (let j = i + 1; j < servers.length; j++) links.push([servers[i], servers[j]]);
  const desc = model.groups ? `Partitioned: ${formatGroups(model.groups)}.` : 'All nodes can reach each other.';
  // Every word's place (servers' lines under them, clients' lines wherever they are free), and the
  // picture's height from where the words went; the partition line gets a row of its own.
  const labels = clusterLabels(placed);
  const top = labels.top;
  const bottom = labels.bottom + (model.groups ? 18 : 0);
  const stretches = new Map<string, [number, number]>();
  const stretch = (a: Placed, b: Placed) => {
    const k = `${a.id}>${b.id}`;
    if (!stretches.has(k)) stretches.set(k, clearStretch(a, b, labels.obstacles, labels.shapes));
    return stretches.get(k)!;
  };

  return (
    <svg className="lab-cluster" viewBox={`0 ${top.toFixed(0)} ${W} ${(bottom - top).toFixed(0)}`} role="img" aria-label={`${title}. ${desc}`}>
      <g aria-hidden="true">
        {links.map(([a, b]) => {
          const ok = connected(model.groups, a.id, b.id);
          const mx = (a.x + b.x) / 2;
          const my = (a.y + b.y) / 2;
          return (
            <g key={`${a.id}-${b.id}`} className={ok ? 'lab-link' : 'lab-link lab-link-cut'}>
              <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} />
              {!ok && <path d={`M${mx - 6},${my - 6} L${mx + 6},${my + 6} M${mx + 6},${my - 6} L${mx - 6},${my + 6}`} className="lab-cut-mark" />}
            </g>
          );
        })}
        {placed
          .filter((c) => c.attachedTo && pos.get(c.attachedTo))
          .map((c) => {
            const s = pos.get(c.attachedTo!)!;
            return <line key={`att-${c.id}`} x1={c.x} y1={c.y} x2={s.x} y2={s.y} className="lab-attach" />;
          })}
        {model.messages.map((m, i) => {
          const a = pos.get(m.from);
          const b = pos.get(m.to);
          if (!a || !b) return null;
          // Undelivered-by-schedule messages queue along their link instead of piling up mid-way.
          const queued = model.messages.slice(0, i).filter((o) => o.deliverAt === undefined && o.from === m.from && o.to === m.to).length;
          const p =
            m.deliverAt === undefined
              ? Math.max(0.2, 0.6 - queued * 0.12)
              : scaleLinear().domain([m.sentAt, Math.max(m.sentAt + 1e-9, m.deliverAt)]).range([0, 1]).clamp(true)(now);
          // Simulation time still decides the position; it runs over the stretch clear of every word.
          const [lo, hi] = stretch(a, b);
          const x = a.x + (b.x - a.x) * (lo + (hi - lo) * p);
          const y = a.y + (b.y - a.y) * (lo + (hi - lo) * p);
          return (
            <g key={m.id} className="lab-msg" transform={`translate(${x.toFixed(1)},${y.toFixed(1)})`}>
              <circle r={6} fill={m.tone ? TONE[m.tone] : 'var(--accent)'} />
              <title>{m.label}</title>
            </g>
          );
        })}
        {placed.map((n) => {
          const client = Boolean(n.attachedTo);
          const stroke = n.tone ? TONE[n.tone] : client ? 'var(--fg-muted)' : color(n.id);
          const lab = labels.nodes.get(n.id);
          return (
            <g key={n.id} transform={`translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`} className={n.up ? 'lab-node' : 'lab-node lab-node-down'}>
              {client ? (
                <rect x={-15} y={-12} width={30} height={24} rx={4} stroke={stroke} />
              ) : (
                <circle r={19} stroke={stroke} />
              )}
              <text className="lab-node-label" textAnchor="middle" dy="0.35em" style={n.label.length > 3 ? { fontSize: client ? 9 : 9.5 } : undefined}>
                {n.label}
              </text>
              {!n.up && (
                <text className="lab-node-down-mark" textAnchor="middle" y={(lab?.crashedY ?? n.y) - n.y}>
                  crashed
                </text>
              )}
              {n.badge && (
                <text className="lab-node-badge" textAnchor="middle" y={(lab?.badgeY ?? n.y) - n.y}>
                  {n.badge}
                </text>
              )}
              {(lab?.lineYs ?? []).map((ly, i) => (
                <text key={i} className="lab-node-line" textAnchor="middle" x={(lab?.linesX ?? n.x) - n.x} y={ly - n.y}>
                  {n.lines![i]}
                </text>
              ))}
            </g>
          );
        })}
      </g>
      {model.groups && (
        <text x={8} y={bottom - 6} className="lab-groups-text">
          {`Partition: ${formatGroups(model.groups)}`}
        </text>
      )}
    </svg>
  );
}
