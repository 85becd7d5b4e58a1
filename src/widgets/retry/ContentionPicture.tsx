/**
 * The contention picture: the row on the left, one lane per client, messages moving along the lanes
 * by simulation time, waiting clients with a bar that shrinks as their backoff runs out, and under it
 * a raster of every write attempt so far (red refused, green accepted): with no jitter the red marks
 * stack up in columns (clients colliding in lockstep); with jitter they spread out.
 */
import { clientName, type ContentionState } from '../../sim/retry';
import type { Time, TraceEntry } from '../../sim/core';
import { attempts, contentionStats } from './selectors';

const ROW_X = 70;

/** Props: the state at the cursor, the cursor time and the trace. */
export interface ContentionPictureProps {
  readonly state: ContentionState;
  readonly now: Time;
  readonly trace: readonly TraceEntry[];
  /** Right end of the raster's time axis. */
  readonly end: Time;
  /** Width of the drawing in CSS pixels (text is drawn at its real size). */
  readonly width?: number;
}

/** Drawn with plain SVG; every position is a function of simulation time. */
export function ContentionPicture({ state, now, trace, end, width = 640 }: ContentionPictureProps) {
  const W = width;
  const CLIENT_X = W - 50;
  const maxBar = (CLIENT_X - ROW_X) * 0.35;
  const n = state.clients.length;
  const laneH = Math.max(2, Math.min(22, 220 / n));
  const top = 18;
  const H = top + laneH * n + 16;
  const y = (i: number) => top + laneH * (i + 0.5);
  const stats = contentionStats(state);
  const flash = state.collisions.filter((c) => now - c.t >= 0 && now - c.t < 12);
  const labels = laneH >= 12;
  return (
    <figure className="retry-figure">
      <svg className="retry-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${n} clients contending for one row: ${stats.calls} write attempts so far, ${stats.conflicts} refused, ${stats.done} of ${n} done.`}>
        <rect x={ROW_X - 52} y={top} width={64} height={laneH * n} rx={8} className="retry-row" data-flash={flash.length > 0 ? 'true' : 'false'} />
        <text x={ROW_X - 20} y={top + (laneH * n) / 2 - 6} textAnchor="middle" className="retry-label">
          row
        </text>
        <text x={ROW_X - 20} y={top + (laneH * n) / 2 + 10} textAnchor="middle" className="retry-label retry-strong">
          {`v${state.version}`}
        </text>
        {state.clients.map((c, i) => {
          const tone = c.phase === 'done' ? 'ok' : c.phase === 'backoff' ? 'warn' : c.phase === 'writing' ? 'accent' : 'muted';
          const wait = c.phase === 'backoff' ? Math.max(0, c.until - now) : 0;
          return (
            <g key={i} data-client={i} data-phase={c.phase}>
              <line x1={ROW_X + 12} x2={CLIENT_X - 8} y1={y(i)} y2={y(i)} className="retry-lane" />
              {c.phase === 'backoff' && wait > 0 && (
                <rect x={CLIENT_X - 10 - waitPx(wait, maxBar)} y={y(i) - Math.max(1, laneH * 0.2)} width={waitPx(wait, maxBar)} height={Math.max(2, laneH * 0.4)} className="retry-wait" />
              )}
              <circle cx={CLIENT_X} cy={y(i)} r={Math.max(1.5, Math.min(7, laneH * 0.38))} className="retry-client" data-tone={tone} />
              {labels && (
                <text x={CLIENT_X + 12} y={y(i) + 4} className="retry-label">
                  {clientName(i)}
                  {c.phase === 'done' ? ' ✓' : ''}
                </text>
              )}
            </g>
          );
        })}
        {state.queue.map((e) => {
          if (now < e.sent || e.t <= e.sent) return null;
          const f = Math.min(1, (now - e.sent) / (e.t - e.sent));
          const toRow = e.kind === 'read' || e.kind === 'write';
          const x = toRow ? CLIENT_X - 8 - f * (CLIENT_X - 8 - ROW_X - 12) : ROW_X + 12 + f * (CLIENT_X - 8 - ROW_X - 12);
          const tone = e.kind === 'writeReply' ? (e.ok ? 'ok' : 'bad') : e.kind === 'write' ? 'accent' : 'muted';
          return <circle key={e.seq} cx={x} cy={y(e.client)} r={Math.max(1.5, Math.min(4.5, laneH * 0.28))} className="retry-msg" data-tone={tone} data-kind={e.kind} />;
        })}
        {flash.map((c) => (
          <circle key={`${c.t}-${c.client}`} cx={ROW_X + 12} cy={y(c.client)} r={Math.max(3, Math.min(9, laneH * 0.5))} className="retry-collision" />
        ))}
      </svg>
      <AttemptRaster state={state} trace={trace} now={now} end={end} W={W} />
      <figcaption className="retry-stats">
        <span>{`Write attempts: ${stats.calls}`}</span>
        <span>{`Refused: ${stats.conflicts}`}</span>
        <span>{`Done: ${stats.done} of ${n}`}</span>
      </figcaption>
    </figure>
  );
}

/** Remaining backoff as a bar length: logarithmic, so 10 ms is visible and 2 s still fits. */
function waitPx(wait: number, max: number): number {
  return Math.min(max, 24 * Math.log2(1 + wait / 5));
}

/** Time scale of the raster: log(1 + t/τ), so doubling waits land in evenly spaced columns. */
const TAU = 5;
const logT = (t: number) => Math.log1p(Math.max(0, t) / TAU);

function AttemptRaster({ state, trace, now, end, W }: { state: ContentionState; trace: readonly TraceEntry[]; now: Time; end: Time; W: number }) {
  const n = state.clients.length;
  const all = attempts(trace);
  const left = 34;
  const right = 12;
  const rowH = Math.max(1.5, Math.min(8, 120 / n));
  const H = rowH * n + 30;
  const span = logT(Math.max(1, end, now));
  const x = (t: Time) => left + (logT(t) / span) * (W - left - right);
  const ticks = [0, 10, 100, 1000, 10_000, 100_000].filter((t) => t <= Math.max(end, now));
  // At most one mark per client per pixel column (an accepted write wins the column), so a
  // 200-client storm draws a bounded number of rectangles however many attempts it makes.
  const cells = new Map<number, { t: Time; client: number; ok: boolean }>();
  for (const m of all) {
    const key = m.client * 4096 + Math.round(x(m.t));
    const prev = cells.get(key);
    if (!prev || (m.ok && !prev.ok)) cells.set(key, m);
  }
  const marks = [...cells.values()];
  const refused = all.length - all.filter((m) => m.ok).length;
  return (
    <svg className="retry-svg retry-raster" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Write attempts over time (logarithmic): ${refused} refused (red) and ${all.length - refused} accepted (green).`}>
      <text x={4} y={10} className="retry-label retry-small">
        attempts by client over time (log scale)
      </text>
      {marks.map((m, i) => (
        <rect key={i} x={x(m.t) - 1} y={14 + m.client * rowH} width={2.5} height={Math.max(1.5, rowH - 0.5)} className="retry-mark" data-tone={m.ok ? 'ok' : 'bad'} />
      ))}
      <line x1={x(now)} x2={x(now)} y1={12} y2={14 + rowH * n} className="retry-cursor" />
      {ticks.map((t) => (
        <text key={t} x={x(t)} y={H - 4} textAnchor="middle" className="retry-label retry-small">
          {t >= 1000 ? `${t / 1000} s` : `${t} ms`}
        </text>
      ))}
    </svg>
  );
}

/** Round tick values from 0 to `span`, about `count` of them. */
export function niceTicks(span: number, count = 5): number[] {
  const raw = span / count;
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? pow * 10;
  const out: number[] = [];
  for (let t = 0; t <= span + 1e-9; t += step) out.push(Math.round(t * 1000) / 1000);
  return out;
}
