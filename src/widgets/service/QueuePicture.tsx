/**
 * The queue picture: producer, broker and consumers. The broker shows its ready messages as cells
 * (amber for a redelivery, red for poison), the messages out with consumers, and the dead-letter
 * queue; consumers show what they are working on or that they are stopped or down. Under it, the
 * consumer lag over time, read from the broker's own records.
 */
import { scaleLinear } from 'd3-scale';
import type { QueueModel } from './selectors';

const W = 340;
const H = 212;
const BROKER_X = 74;
const BROKER_W = 166;
const CELLS = 24;
const PER_ROW = 8;
const CONSUMER_X = 248;
const CONSUMER_W = 88;

/** Props: the model and the lag series. */
export function QueuePicture({ m, lag, end }: { m: QueueModel; lag: readonly { t: number; lag: number }[]; end: number }) {
  const cx = CONSUMER_X;
  const cy = (i: number) => 24 + i * (176 / Math.max(1, m.consumers.length));
  const cellW = (BROKER_W - 16) / PER_ROW;
  const shown = m.ready.slice(0, CELLS);
  const c = m.counts;
  const label = `Queue: ${c.ready} ready, ${c.inflight} with consumers, ${c.dead} in the dead-letter queue, ${c.acked} acknowledged of ${c.published} published. Lag ${c.lag}.`;
  const nodeX = (id: string) => (id === 'producer' ? 35 : id === 'broker' ? BROKER_X + BROKER_W / 2 : cx + CONSUMER_W / 2);
  const nodeY = (id: string) => (id.startsWith('C') ? cy(Number(id.slice(1)) - 1) + 24 : 80);
  return (
    <figure className="svc-figure">
      <svg className="svc-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="queue-picture">
        <rect x={2} y={52} width={66} height={56} rx={8} className="svc-box" />
        <text x={35} y={74} textAnchor="middle" className="svc-label svc-strong">
          producer
        </text>
        <text x={35} y={92} textAnchor="middle" className="svc-label svc-small">
          {m.publishEveryMs > 0 ? `${m.publishEveryMs} ms` : 'paused'}
        </text>
        <rect x={BROKER_X} y={8} width={BROKER_W} height={140} rx={8} className="svc-box" data-down={!m.brokerUp} />
        <text x={BROKER_X + 10} y={26} className="svc-label svc-strong">
          {m.brokerUp ? 'broker' : 'broker ✕'}
        </text>
        <text x={BROKER_X + BROKER_W - 10} y={26} textAnchor="end" className="svc-label svc-small">
          {`${c.ready} ready · ${c.inflight} out`}
        </text>
        {shown.map((q, i) => (
          <g key={q.id}>
            <rect x={BROKER_X + 8 + (i % PER_ROW) * cellW} y={34 + Math.floor(i / PER_ROW) * 22} width={cellW - 2} height={19} rx={3} className="svc-cell" data-tone={q.poison ? 'bad' : q.attempts > 0 ? 'warn' : 'accent'} />
            {q.id < 1000 && (
              <text x={BROKER_X + 8 + (i % PER_ROW) * cellW + (cellW - 2) / 2} y={47 + Math.floor(i / PER_ROW) * 22} textAnchor="middle" className="svc-label svc-cellnum svc-oncell">
                {q.id}
              </text>
            )}
          </g>
        ))}
        <text x={BROKER_X + 10} y={118} className="svc-label svc-small">
          {`visibility ${m.visibilityMs} ms · ${m.maxAttempts} tries`}
        </text>
        <text x={BROKER_X + 10} y={136} className="svc-label svc-small">
          {`acked ${c.acked} · duplicates ${c.duplicates}`}
        </text>
        <rect x={BROKER_X} y={156} width={BROKER_W} height={48} rx={8} className="svc-box svc-dlq" data-tone={m.dlq.length > 0 ? 'bad' : undefined} />
        <text x={BROKER_X + 10} y={176} className="svc-label svc-strong">
          dead-letter queue
        </text>
        <text x={BROKER_X + 10} y={195} className="svc-label svc-small" data-testid="queue-dlq">
          {m.dlq.length === 0 ? 'empty' : m.dlq.map((q) => `m${q.id}`).join(', ')}
        </text>
        {m.consumers.map((k, i) => (
          <g key={k.id} data-node={k.id}>
            <rect x={cx} y={cy(i)} width={CONSUMER_W} height={48} rx={8} className="svc-box" data-down={!k.up} data-busy={k.busyWith !== null} />
            <text x={cx + CONSUMER_W / 2} y={cy(i) + 19} textAnchor="middle" className="svc-label svc-strong">
              {`${k.id}${!k.up ? ' ✕' : k.paused ? ' stopped' : ''}`}
            </text>
            <text x={cx + CONSUMER_W / 2} y={cy(i) + 37} textAnchor="middle" className="svc-label svc-small">
              {!k.up ? 'down' : k.busyWith !== null ? `on m${k.busyWith}` : k.paused ? 'takes nothing' : `idle · ${k.processed} done`}
            </text>
          </g>
        ))}
        {m.flights.map((f) => {
          const x0 = nodeX(f.from);
          const x1 = nodeX(f.to);
          const y0 = nodeY(f.from);
          const y1 = nodeY(f.to);
          // Only the stretch between boxes is drawn; a dot inside a box would hide its text.
          const xa = x0 < x1 ? (f.from === 'producer' ? 68 : BROKER_X + BROKER_W) : f.from === 'broker' ? BROKER_X : cx;
          const xb = x0 < x1 ? (f.to === 'broker' ? BROKER_X : cx) : f.to === 'producer' ? 68 : BROKER_X + BROKER_W;
          const y = y0 + (y1 - y0) * f.progress;
          return <circle key={f.id} cx={xa + (xb - xa) * f.progress} cy={y} r={4} className="svc-dot" data-tone={f.tone} />;
        })}
      </svg>
      <LagChart lag={lag} end={end} />
    </figure>
  );
}

/** Consumer lag over time, from the broker's records. */
function LagChart({ lag, end }: { lag: readonly { t: number; lag: number }[]; end: number }) {
  const w = 340;
  const h = 80;
  const max = Math.max(5, ...lag.map((p) => p.lag));
  const x = scaleLinear().domain([0, Math.max(1, end)]).range([34, w - 8]);
  const y = scaleLinear().domain([0, max]).range([h - 18, 8]);
  const d = lag.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.lag).toFixed(1)}`).join('');
  const last = lag[lag.length - 1];
  return (
    <svg className="svc-svg" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`Consumer lag over time: now ${last?.lag ?? 0}, peak ${Math.max(0, ...lag.map((p) => p.lag))} messages.`} data-testid="lag-chart">
      <line x1={34} x2={w - 8} y1={h - 18} y2={h - 18} className="svc-axis" />
      <text x={30} y={y(max) + 4} textAnchor="end" className="svc-label svc-tiny">
        {max}
      </text>
      <text x={30} y={h - 15} textAnchor="end" className="svc-label svc-tiny">
        0
      </text>
      <text x={w - 8} y={h - 4} textAnchor="end" className="svc-label svc-tiny">
        {`${(end / 1000).toFixed(1)} s`}
      </text>
      <text x={40} y={h - 4} className="svc-label svc-tiny">
        consumer lag (messages not yet acked)
      </text>
      {lag.length > 1 && <path d={d} className="svc-line" data-tone="warn" />}
    </svg>
  );
}
