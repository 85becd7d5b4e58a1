/**
 * The caller, its worker pool and queue, the breaker(s) and the dependency host(s), as one SVG drawn
 * from the state alone: a worker waiting on the dependency fills as its call timeout approaches;
 * finished requests drift back towards the clients, green when answered, red when failed (a cross
 * when the breaker refused them without a call).
 */
import { useRef } from 'react';
import { useSvgWidth } from '../shared/useSvgWidth';
import type { CallerState, DepMode } from '../../sim/breaker';
import { hostName } from '../../sim/breaker';
import { breakerBadges, recentDots, workerCells } from './selectors';

const MODE_TONE: Record<string, string> = { CLOSED: 'ok', OPEN: 'bad', HALF_OPEN: 'warn' };
const HEALTH_TONE: Record<DepMode, string> = { healthy: 'ok', slow: 'warn', failing: 'bad', recovering: 'warn', flaky: 'warn' };

/** The breaker lab's main picture. */
export function BreakerPicture({ state }: { state: CallerState }) {
  const ref = useRef<HTMLDivElement>(null);
  const W = useSvgWidth(ref, 640, 300, 900);
  const p = state.params;
  const cells = workerCells(state);
  const badges = breakerBadges(state);
  const dots = recentDots(state);
  const narrow = W < 480;
  const cols = 10;
  const rows = Math.ceil(p.workers / cols);
  const callerX = narrow ? 44 : 70;
  const depW = narrow ? 74 : 110;
  const brW = narrow ? 78 : 120;
  const callerW = W - callerX - brW - depW - 16;
  const cell = Math.max(8, Math.min(24, (callerW - 16) / cols - 3));
  const gridTop = 34;
  const queueTop = gridTop + rows * (cell + 3) + 14;
  const qCell = Math.max(4, Math.min(9, (callerW - 16) / 25 - 1));
  const queueRows = Math.max(1, Math.ceil(p.queueLimit / 25));
  const H = Math.max(queueTop + queueRows * (qCell + 1) + 36, 40 + Math.max(state.health.length, badges.length, 1) * 62);
  const brX = callerX + callerW + 8;
  const depX = brX + brW + 8;
  // The endpoints' letters sit beside the first and last worker rows, at least a line apart: on a
  // phone the cells shrink to 8 px and two rows put "A" and "B" on top of each other.
  const rowY = (ep: 'A' | 'B') => (ep === 'A' ? gridTop + 6 : Math.max(gridTop + rows * (cell + 3) - 6, gridTop + 22));
  const hostY = (i: number) => 34 + i * 62;
  const queue = state.queue;
  return (
    <div ref={ref} className="brk-picture-wrap">
      <svg className="brk-picture" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Caller with ${p.workers} workers, ${cells.filter((c) => c.kind !== 'idle').length} busy, ${queue.length} queued; ${badges.length ? badges.map((b) => `breaker for ${b.name} ${b.mode}`).join(', ') : 'no breaker'}; dependency ${state.health.map((h, i) => `${hostName(i)} ${h}`).join(', ')}.`}>
        <text className="brk-label" x={4} y={rowY('A') + 4}>A</text>
        <text className="brk-label" x={4} y={rowY('B') + 4}>B</text>
        <text className="brk-small" x={4} y={rowY('B') + 18}>clients</text>
        {dots.map((d) => {
          const x = callerX - 6 - d.age * (callerX - 22);
          const y = rowY(d.ep) + ((d.id % 5) - 2) * 2.2;
          const tone = d.fate === 'ok' ? 'ok' : d.fate === 'fallback' ? 'fallback' : 'bad';
          return d.fate === 'refused' ? (
            <path key={d.id} className="brk-dot-x" data-tone={tone} d={`M${x - 3},${y - 3}L${x + 3},${y + 3}M${x - 3},${y + 3}L${x + 3},${y - 3}`} opacity={1 - d.age * 0.8} />
          ) : (
            <circle key={d.id} className="brk-dot" data-tone={tone} cx={x} cy={y} r={3} opacity={1 - d.age * 0.8} />
          );
        })}
        <rect className="brk-box" x={callerX} y={4} width={callerW} height={H - 8} rx={8} />
        <text className="brk-title" x={callerX + 8} y={22}>{`Caller: ${p.workers} workers`}</text>
        {cells.map((c) => {
          const x = callerX + 8 + (c.i % cols) * (cell + 3);
          const y = gridTop + Math.floor(c.i / cols) * (cell + 3);
          return (
            <g key={c.i} className="brk-worker" data-kind={c.kind} data-ep={c.ep ?? undefined}>
              <rect x={x} y={y} width={cell} height={cell} rx={3} />
              {c.kind === 'call' && <rect className="brk-worker-fill" x={x} y={y + cell * (1 - c.progress)} width={cell} height={cell * c.progress} rx={2} />}
              {cell >= 14 && c.ep && <text className="brk-worker-ep" x={x + cell / 2} y={y + cell / 2 + 4} textAnchor="middle">{c.ep}</text>}
            </g>
          );
        })}
        <text className="brk-small" x={callerX + 8} y={queueTop - 4}>{`queue ${queue.length}/${p.queueLimit}`}</text>
        {queue.map((r, k) => (
          <rect key={r.id} className="brk-queued" data-ep={r.ep} x={callerX + 8 + (k % 25) * (qCell + 1)} y={queueTop + Math.floor(k / 25) * (qCell + 1)} width={qCell} height={qCell} />
        ))}
        {badges.length === 0 ? (
          <text className="brk-small" x={brX + brW / 2} y={hostY(0) + 22} textAnchor="middle">no breaker</text>
        ) : (
          badges.map((b) => {
            const y = hostY(badges.length === 1 ? Math.floor((state.health.length - 1) / 2) : b.i) + 22;
            const sx = narrow ? brX + brW / 2 - 14 : brX;
            return (
              <g key={b.i} className="brk-breaker" data-mode={b.mode} data-tone={MODE_TONE[b.mode]} data-testid={`brk-breaker-${b.i}`}>
                <circle cx={sx + 14} cy={y} r={11} />
                {b.mode === 'CLOSED' ? <line x1={sx + 5} y1={y} x2={sx + 23} y2={y} /> : b.mode === 'OPEN' ? <line x1={sx + 5} y1={y} x2={sx + 20} y2={y - 9} /> : <line x1={sx + 5} y1={y} x2={sx + 22} y2={y - 4} />}
                {/* On a phone the badge is too narrow for "HALF-OPEN" beside the switch: its words go under it. */}
                <text className="brk-mode" x={narrow ? brX + brW / 2 : brX + 30} y={narrow ? y + 24 : y - 4} textAnchor={narrow ? 'middle' : undefined}>{b.mode.replace('_', '-')}</text>
                <text className="brk-small" x={narrow ? brX + brW / 2 : brX + 30} y={narrow ? y + 36 : y + 9} textAnchor={narrow ? 'middle' : undefined}>{b.failurePct === null ? `${b.calls}/${b.minCalls} calls` : `fail ${Math.round(b.failurePct)}%${b.slowPct ? ` slow ${Math.round(b.slowPct)}%` : ''}`}</text>
                {!narrow && <text className="brk-small" x={brX + 2} y={y + 24}>{b.detail}</text>}
              </g>
            );
          })
        )}
        {state.health.map((h, i) => (
          <g key={i} className="brk-host" data-tone={HEALTH_TONE[h]} data-testid={`brk-host-${i}`}>
            <line className="brk-wire" x1={callerX + callerW} y1={hostY(i) + 22} x2={depX} y2={hostY(i) + 22} />
            <rect x={depX} y={hostY(i)} width={depW} height={48} rx={6} />
            <text className="brk-title" x={depX + 8} y={hostY(i) + 19}>{hostName(i)}</text>
            <text className="brk-small" x={depX + 8} y={hostY(i) + 36}>{h}</text>
          </g>
        ))}
      </svg>
    </div>
  );
}
