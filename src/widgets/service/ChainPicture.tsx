/**
 * The chain picture: client and hops in a row, calls travelling right above the links and replies
 * travelling left below them (positions from simulation time), each hop's work in progress, its
 * queue, and the calls it is still serving for a client that has already given up; under it, a strip
 * of the latest calls coloured by outcome.
 */
import type { ChainModel } from './selectors';

const W = 340;
const BOX_W = 70;
const BOX_H = 64;
const TOP = 14;

const toneOf = (o: string) => (o === 'ok' ? 'ok' : o === 'error' ? 'bad' : o === 'timeout' ? 'warn' : 'muted');

/** Props: the model from `chainModel`. */
export function ChainPicture({ m }: { m: ChainModel }) {
  const ids = ['client', ...m.hops.map((h) => h.id)];
  const gap = (W - 16 - BOX_W * ids.length) / Math.max(1, ids.length - 1);
  const x = (i: number) => 8 + i * (BOX_W + gap);
  const idx = new Map(ids.map((id, i) => [id, i]));
  const mid = TOP + BOX_H / 2;
  const stripY = TOP + BOX_H + 34;
  const cells = m.calls.slice(-30);
  const cw = (W - 16) / 30;
  const H = stripY + cw + 20;
  const label = `Client and ${m.hops.length} hops. ${m.ok} calls succeeded, ${m.failed} failed, ${m.timedOut} timed out. ${Math.round(m.wastedMs)} ms of hop work done after the client gave up.`;
  return (
    <figure className="svc-figure">
      <svg className="svc-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="chain-picture">
        {ids.slice(1).map((id, i) => (
          <line key={id} x1={x(i) + BOX_W} x2={x(i + 1)} y1={mid} y2={mid} className="svc-link" />
        ))}
        {m.flights.map((f) => {
          const a = idx.get(f.from);
          const b = idx.get(f.to);
          if (a === undefined || b === undefined) return null;
          const forward = b > a;
          const x0 = forward ? x(a) + BOX_W : x(a);
          const x1 = forward ? x(b) : x(b) + BOX_W;
          return <circle key={f.id} cx={x0 + (x1 - x0) * f.progress} cy={mid + (forward ? -9 : 9)} r={4.5} className="svc-dot" data-tone={f.tone} />;
        })}
        <g>
          <rect x={x(0)} y={TOP} width={BOX_W} height={BOX_H} rx={8} className="svc-box" />
          <text x={x(0) + BOX_W / 2} y={TOP + 18} textAnchor="middle" className="svc-label svc-strong">
            client
          </text>
          <text x={x(0) + BOX_W / 2} y={TOP + 36} textAnchor="middle" className="svc-label svc-small">
            {m.mode === 'deadline' ? 'deadline' : 'timeout'}
          </text>
          <text x={x(0) + BOX_W / 2} y={TOP + 52} textAnchor="middle" className="svc-label svc-small">
            {`${m.ok} ok`}
          </text>
        </g>
        {m.hops.map((h, i) => {
          const bx = x(i + 1);
          return (
            <g key={h.id} data-node={h.id} data-up={h.up ? 'true' : 'false'}>
              <rect x={bx} y={TOP} width={BOX_W} height={BOX_H} rx={8} className="svc-box" data-down={!h.up} data-busy={h.working > 0} />
              <text x={bx + BOX_W / 2} y={TOP + 18} textAnchor="middle" className="svc-label svc-strong">
                {h.up ? h.id : `${h.id} ✕`}
              </text>
              <text x={bx + BOX_W / 2} y={TOP + 35} textAnchor="middle" className="svc-label svc-small">
                {h.concurrency > 0 ? `${h.working}/${h.concurrency} busy` : `${h.working} working`}
              </text>
              <text x={bx + BOX_W / 2} y={TOP + 51} textAnchor="middle" className="svc-label svc-small">
                {h.queued > 0 ? `${h.queued} queued` : `${Math.round(h.availability * 1000) / 10}% up`}
              </text>
              {h.orphans > 0 && (
                <text x={bx + BOX_W / 2} y={TOP + BOX_H + 14} textAnchor="middle" className="svc-label svc-small" data-tone="warn">
                  {`${h.orphans} for nobody`}
                </text>
              )}
            </g>
          );
        })}
        <text x={8} y={stripY - 6} className="svc-label svc-small">
          Latest calls: green ok · red failed · amber timed out
        </text>
        {cells.map((c, i) => (
          <rect key={c.req} x={8 + i * cw + 1} y={stripY} width={cw - 2} height={cw - 2} rx={2} className="svc-cell" data-tone={toneOf(c.outcome)}>
            <title>{`#${c.req}: ${c.outcome}${c.end !== null ? ` after ${Math.round(c.end - c.start)} ms` : ''}${c.why ? ` (${c.why})` : ''}`}</title>
          </rect>
        ))}
      </svg>
    </figure>
  );
}
