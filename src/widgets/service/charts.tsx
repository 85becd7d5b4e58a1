/**
 * Results of the lab's experiments: the fan-out run (slow share against N beside 1 − 0.99ᴺ, request
 * quantiles beside their closed forms, extra load, and the paper's BigTable figures when they apply)
 * and the outbox run (lost, ghost, duplicate and delivered events per mode).
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import type { FanoutResult, OutboxResult } from '../../sim/service';

const fmt = (x: number) => (x >= 100 ? `${Math.round(x).toLocaleString('en-US')} ms` : `${x.toFixed(1)} ms`);
const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)}%`;

/** One sentence for the live region when a fan-out run completes. */
export function fanoutSummary(r: FanoutResult): string {
  return `${r.trials.toLocaleString('en-US')} requests to ${r.leaves} leaves: ${pct(r.fractionSlowerThanLeafP99)} slower than a leaf p99 (closed form ${pct(r.closedForm)}); p99.9 ${fmt(r.p999)}; ${pct(r.extraRequestFraction)} extra requests.`;
}

/** The fan-out experiment's result. */
export function FanoutResultView({ r }: { r: FanoutResult }) {
  const W = 480;
  const h = 170;
  const left = 40;
  const bottom = h - 30;
  const x = scaleLog().domain([1, Math.max(2, r.leaves)]).range([left, W - 12]);
  const y = scaleLinear().domain([0, 1]).range([bottom, 10]);
  const closed = r.curve.map((p, i) => `${i ? 'L' : 'M'}${x(p.n).toFixed(1)},${y(p.closedForm).toFixed(1)}`).join('');
  const ticks = [1, 10, 100, 1000].filter((t) => t <= r.leaves);
  return (
    <div className="svc-exp" data-testid="fanout-result">
      <svg className="svc-svg" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={fanoutSummary(r)}>
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line x1={left} x2={W - 12} y1={y(v)} y2={y(v)} className="svc-grid" />
            <text x={left - 4} y={y(v) + 4} textAnchor="end" className="svc-label svc-tiny">
              {`${v * 100}%`}
            </text>
          </g>
        ))}
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={bottom + 13} textAnchor="middle" className="svc-label svc-tiny">
            {t}
          </text>
        ))}
        <text x={(left + W) / 2} y={h - 3} textAnchor="middle" className="svc-label svc-tiny">
          share slower than a leaf p99, by fan-out width N (line: 1 − 0.99ᴺ)
        </text>
        <path d={closed} className="svc-line" data-tone="accent" />
        {r.curve.map((p) => (
          <circle key={p.n} cx={x(p.n)} cy={y(p.fraction)} r={3} className="svc-dot" data-tone="warn" />
        ))}
      </svg>
      <table className="lab-table">
        <caption>{`${r.trials.toLocaleString('en-US')} requests, ${r.leaves} leaves, ${r.mitigation.kind === 'none' ? 'no mitigation' : r.mitigation.kind === 'hedged' ? `hedged after ${r.mitigation.afterMs} ms` : `tied after ${r.mitigation.afterMs} ms`}`}</caption>
        <thead>
          <tr>
            <th scope="col">figure</th>
            <th scope="col">simulated</th>
            <th scope="col">closed form</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">slower than a leaf p99</th>
            <td>{pct(r.fractionSlowerThanLeafP99)}</td>
            <td>{r.mitigation.kind === 'none' ? pct(r.closedForm) : '–'}</td>
          </tr>
          <tr>
            <th scope="row">p50</th>
            <td>{fmt(r.p50)}</td>
            <td>{r.closed ? fmt(r.closed.p50) : '–'}</td>
          </tr>
          <tr>
            <th scope="row">p99</th>
            <td>{fmt(r.p99)}</td>
            <td>{r.closed ? fmt(r.closed.p99) : '–'}</td>
          </tr>
          <tr>
            <th scope="row">p99.9</th>
            <td>{fmt(r.p999)}</td>
            <td>{r.closed ? fmt(r.closed.p999) : '–'}</td>
          </tr>
          <tr>
            <th scope="row">extra requests</th>
            <td>{pct(r.extraRequestFraction, 2)}</td>
            <td>–</td>
          </tr>
          <tr>
            <th scope="row">extra work</th>
            <td>{pct(r.extraWorkFraction, 3)}</td>
            <td>–</td>
          </tr>
        </tbody>
      </table>
      {r.paper && (
        <p className="lab-description" data-testid="fanout-paper">
          {`The paper’s BigTable benchmark (${r.paper.keys.toLocaleString('en-US')} keys over ${r.paper.servers} servers): hedging after ${r.paper.hedgeAfterMs} ms took the p99.9 from ${r.paper.p999UnhedgedMs.toLocaleString('en-US')} ms to ${r.paper.p999HedgedMs} ms for ${pct(r.paper.extraRequestFraction, 0)} more requests. This model was fitted to the 2% and the 1,800 ms; its hedged p99.9 is a prediction, and with independent replicas it comes out lower than the paper’s 74 ms. Try a small correlation between replicas.`}
        </p>
      )}
    </div>
  );
}

const MODE_LABEL: Record<string, string> = {
  'db-first': 'dual write, DB first',
  'publish-first': 'dual write, publish first',
  outbox: 'outbox',
  cdc: 'CDC',
};

/** Column headings: short, so four modes fit side by side at 360 px. */
const MODE_HEAD: Record<string, string> = { 'db-first': 'DB first', 'publish-first': 'publish first', outbox: 'outbox', cdc: 'CDC' };

/** One sentence for the live region when an outbox run completes. */
export function outboxSummary(r: OutboxResult): string {
  return r.modes.map((m) => `${MODE_LABEL[m.mode]}: ${m.lost} lost, ${m.ghosts} ghosts, ${m.duplicates} duplicates`).join('; ') + '.';
}

/** The outbox experiment's result: one column per mode (the first two are dual writes), one row per count. */
export function OutboxResultView({ r }: { r: OutboxResult }) {
  const rows: { key: 'committed' | 'delivered' | 'lost' | 'ghosts' | 'duplicates'; label: string; tone?: 'bad' | 'warn' }[] = [
    { key: 'committed', label: 'committed' },
    { key: 'delivered', label: 'delivered' },
    { key: 'lost', label: 'lost', tone: 'bad' },
    { key: 'ghosts', label: 'ghosts', tone: 'bad' },
    { key: 'duplicates', label: 'duplicates', tone: 'warn' },
  ];
  return (
    <table className="lab-table svc-compact" data-testid="outbox-result">
      <caption>{`${r.trials} crash schedules, the same for every mode; the first two columns are dual writes`}</caption>
      <thead>
        <tr>
          <th scope="col">events</th>
          {r.modes.map((m) => (
            <th key={m.mode} scope="col" data-mode={m.mode}>
              {MODE_HEAD[m.mode]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-row={row.key}>
            <th scope="row">{row.label}</th>
            {r.modes.map((m) => (
              <td key={m.mode} data-mode={m.mode} data-tone={row.tone && m[row.key] > 0 ? row.tone : undefined}>
                {m[row.key].toLocaleString('en-US')}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
