/**
 * The server: arrivals on the left, each pool's queue (oldest on the right, next to the workers),
 * the workers (filling as their request is served), and finished requests leaving on the right:
 * green when answered in time, amber when answered after the client left, red crosses when shed.
 */
import { useRef } from 'react';
import { useSvgWidth } from '../shared/useSvgWidth';
import type { ServerState } from '../../sim/overload';
import { outcomeDots, pools } from './selectors';

/** Width of one character of an `.ovl-small` label (10.5 px), rounded up. */
const SMALL_CHAR_W = 6.2;

/**
 * A pool's queue label, in the longest wording that fits beside the workers: on a phone "expensive
 * requests: queue 242 (oldest 93 shown)" ran into the workers' box. The full sentence stays in a
 * <title>.
 */
function QueueLabel({ x, y, width, name, total, shown }: { x: number; y: number; width: number; name: string; total: number; shown: number }) {
  const more = total > shown;
  const full = `${name ? `${name}: ` : ''}queue ${total}${more ? ` (oldest ${shown} shown)` : ''}`;
  const words = [full, `${name ? `${name}: ` : ''}queue ${total}${more ? ` (${shown} shown)` : ''}`, `${name ? `${name.split(' ')[0]}: ` : ''}queue ${total}${more ? ` (${shown} shown)` : ''}`, `${name ? `${name.split(' ')[0]}: ` : ''}queue ${total}`, `q ${total}`];
  const text = words.find((w) => w.length * SMALL_CHAR_W <= width) ?? words[words.length - 1]!;
  return (
    <text className="ovl-small" x={x} y={y}>
      {text !== full && <title>{full}</title>}
      {text}
    </text>
  );
}

/** The server picture. */
export function ServerPicture({ state }: { state: ServerState }) {
  const ref = useRef<HTMLDivElement>(null);
  const W = useSvgWidth(ref, 640, 300, 900);
  const pv = pools(state);
  const dots = outcomeDots(state);
  const p = state.params;
  const narrow = W < 480;
  const outW = narrow ? 46 : 90;
  const wkW = narrow ? 96 : 150;
  const qX = 8, qW = W - outW - wkW - 24;
  const wkX = qX + qW + 8;
  const maxCols = Math.max(1, ...pv.map((x) => x.workers.length));
  const cols = Math.min(maxCols, 4);
  const cell = Math.max(10, Math.min(28, (wkW - 8) / cols - 4));
  const slot = Math.max(4, Math.min(10, qW / 60));
  const perRow = Math.max(1, Math.floor(qW / (slot + 1)));
  const poolH = (x: (typeof pv)[number]) => Math.max(Math.ceil(x.workers.length / cols) * (cell + 4) + 22, 3 * (slot + 1) + 30);
  let y = 4;
  const layout = pv.map((x) => {
    const top = y;
    y += poolH(x) + 10;
    return top;
  });
  const H = y + 4;
  const outX = wkX + wkW + 8;
  return (
    <div ref={ref} className="ovl-picture-wrap">
      <svg className="ovl-picture" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Server with ${p.servers} workers: ${pv.map((x) => `${x.workers.filter((w) => w.cls !== null).length} busy and ${x.total} waiting${pv.length > 1 ? ` in pool ${x.pool + 1}` : ''}`).join('; ')}.`}>
        {pv.map((x, k) => {
          const top = layout[k]!;
          const shown = x.queue.slice(0, perRow * 3);
          return (
            <g key={x.pool} data-testid={`ovl-pool-${x.pool}`}>
              <QueueLabel x={qX} y={top + 12} width={qW} name={pv.length > 1 ? (p.classes[x.pool]?.name ?? '') : ''} total={x.total} shown={shown.length} />
              {shown.map((r, i) => (
                <rect key={r.id} className="ovl-queued" data-cls={r.cls} data-old={p.clientTimeout > 0 && r.age > p.clientTimeout ? 'true' : undefined} x={wkX - 8 - (i % perRow + 1) * (slot + 1)} y={top + 20 + Math.floor(i / perRow) * (slot + 1)} width={slot} height={slot} />
              ))}
              <rect className="ovl-box" x={wkX} y={top} width={wkW} height={poolH(x)} rx={6} />
              <text className="ovl-small" x={wkX + 6} y={top + 12}>{`${x.workers.length} workers`}</text>
              {x.workers.map((w, i) => {
                const cx = wkX + 6 + (i % cols) * (cell + 4);
                const cy = top + 18 + Math.floor(i / cols) * (cell + 4);
                return (
                  <g key={w.i} className="ovl-worker" data-busy={w.cls !== null ? 'true' : 'false'} data-cls={w.cls ?? undefined}>
                    <rect x={cx} y={cy} width={cell} height={cell} rx={3} />
                    {w.cls !== null && <rect className="ovl-worker-fill" x={cx} y={cy + cell * (1 - w.progress)} width={cell} height={cell * w.progress} rx={2} />}
                  </g>
                );
              })}
            </g>
          );
        })}
        {dots.map((d) => {
          const x = outX + d.age * (outW - 8);
          const pool = pv.length > 1 ? d.cls : 0;
          const yy = layout[pool]! + 24 + (d.id % 7) * 5;
          return d.fate === 'good' || d.fate === 'late' ? (
            <circle key={d.id} className="ovl-dot" data-fate={d.fate} cx={x} cy={yy} r={2.6} opacity={1 - d.age * 0.8} />
          ) : (
            <path key={d.id} className="ovl-dot-x" d={`M${x - 2.5},${yy - 2.5}L${x + 2.5},${yy + 2.5}M${x - 2.5},${yy + 2.5}L${x + 2.5},${yy - 2.5}`} opacity={1 - d.age * 0.8} />
          );
        })}
      </svg>
      <p className="ovl-legend ovl-key">
        <span data-key="queued">waiting</span>
        {p.clientTimeout > 0 && <span data-key="old">waited longer than its client</span>}
        {p.classes.length > 1 && <span data-key="cls1">{p.classes[1]!.name}</span>}
        <span data-key="good">answered in time</span>
        {p.clientTimeout > 0 && <span data-key="late">answered too late</span>}
        <span data-key="shed">shed (×)</span>
      </p>
    </div>
  );
}
