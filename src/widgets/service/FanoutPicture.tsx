/**
 * The fan-out picture: the last request's leaves as bars on a log scale (the slowest highlighted,
 * a line at one leaf's p99), then the share of requests slower than a leaf's p99 against the fan-out
 * width, simulated from this run's own draws (dots) beside the closed form 1 − 0.99ᴺ (line).
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import type { FanoutModel } from './selectors';

const W = 340;

const fmt = (x: number) => (x >= 100 ? `${Math.round(x)} ms` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);

/** The leaves of the last request. */
function LeafStrip({ m }: { m: FanoutModel }) {
  const h = 120;
  const top = 14;
  const base = h - 16;
  const leafMs = m.last?.leafMs ?? [];
  const max = Math.max(100, m.leafP99 * 4, ...leafMs);
  const y = scaleLog().domain([0.3, max]).range([base, top]).clamp(true);
  const bw = (W - 56) / Math.max(1, m.leaves);
  const p99y = y(m.leafP99);
  const slow = m.last?.slowest ?? -1;
  const label = m.last
    ? `Request ${m.last.index}: ${m.leaves} leaves; the slowest, leaf ${slow + 1}, took ${fmt(m.last.ms)}; a leaf's p99 is ${fmt(m.leafP99)}.`
    : `No request yet; ${m.leaves} leaves.`;
  return (
    <svg className="svc-svg" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={label} data-testid="fanout-leaves">
      {[1, 10, 100, 1000].filter((t) => t <= max).map((t) => (
        <g key={t}>
          <line x1={46} x2={W - 8} y1={y(t)} y2={y(t)} className="svc-grid" />
          <text x={42} y={y(t) + 4} textAnchor="end" className="svc-label svc-tiny">
            {t >= 1000 ? `${t / 1000} s` : `${t} ms`}
          </text>
        </g>
      ))}
      {leafMs.map((v, i) => (
        <rect key={i} x={48 + i * bw} y={y(v)} width={Math.max(0.6, bw - (bw > 3 ? 1 : 0))} height={Math.max(0.5, base - y(v))} className="svc-bar" data-tone={i === slow ? 'bad' : v > m.leafP99 ? 'warn' : undefined} />
      ))}
      <line x1={46} x2={W - 8} y1={p99y} y2={p99y} className="svc-threshold" />
      <text x={W - 10} y={p99y - 4} textAnchor="end" className="svc-label svc-tiny svc-halo">
        {`one leaf’s p99 = ${fmt(m.leafP99)}`}
      </text>
      <text x={48} y={h - 3} className="svc-label svc-tiny">
        {m.last ? `request ${m.last.index}: ${m.leaves} leaves, slowest ${fmt(m.last.ms)} (red)` : 'leaves of the last request'}
      </text>
    </svg>
  );
}

/** Share of requests slower than a leaf's p99 against fan-out width. */
function SlowShareChart({ m }: { m: FanoutModel }) {
  const h = 170;
  const left = 40;
  const bottom = h - 30;
  const maxN = Math.max(2, m.leaves);
  const x = scaleLog().domain([1, maxN]).range([left, W - 12]);
  const y = scaleLinear().domain([0, 1]).range([bottom, 10]);
  const closed: string[] = [];
  for (let i = 0; i <= 60; i++) {
    const n = Math.pow(maxN, i / 60);
    closed.push(`${i ? 'L' : 'M'}${x(n).toFixed(1)},${y(1 - Math.pow(0.99, n)).toFixed(1)}`);
  }
  const ticks = [1, 2, 5, 10, 20, 50, 100, 200].filter((t) => t <= maxN);
  const label = `Share of requests slower than a leaf's p99, by fan-out width. At N = ${m.leaves}: simulated ${(m.slowShare * 100).toFixed(1)}% over ${m.count} requests; closed form 1 − 0.99^N = ${(m.closedForm * 100).toFixed(1)}%.`;
  return (
    <svg className="svc-svg" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={label} data-testid="fanout-chart">
      {[0, 0.25, 0.5, 0.75, 1].map((v) => (
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
        leaves a request waits for (N, log scale)
      </text>
      <path d={closed.join('')} className="svc-line" data-tone="accent" />
      {m.count > 0 && m.curve.map((p) => <circle key={p.n} cx={x(p.n)} cy={y(p.fraction)} r={3.2} className="svc-dot" data-tone="warn" />)}
      <g className="svc-legend">
        <line x1={left + 8} x2={left + 28} y1={18} y2={18} className="svc-line" data-tone="accent" />
        <text x={left + 32} y={22} className="svc-label svc-tiny svc-halo">
          1 − 0.99ᴺ
        </text>
        <circle cx={left + 18} cy={34} r={3.2} className="svc-dot" data-tone="warn" />
        <text x={left + 32} y={38} className="svc-label svc-tiny svc-halo">
          {m.mitigation === 'no mitigation' ? `this run (${m.count} requests)` : `this run, ${m.mitigation}`}
        </text>
      </g>
    </svg>
  );
}

/** Props: the model from `fanoutModel`. */
export function FanoutPicture({ m }: { m: FanoutModel }) {
  const row = (name: string, sim: number, closed: number | undefined) => (
    <tr key={name}>
      <th scope="row">{name}</th>
      <td>{m.count ? fmt(sim) : '–'}</td>
      <td>{closed === undefined ? '–' : fmt(closed)}</td>
    </tr>
  );
  return (
    <figure className="svc-figure">
      <LeafStrip m={m} />
      <SlowShareChart m={m} />
      <div className="svc-fan-stats">
        <table className="svc-table" data-testid="fanout-quantiles">
          <caption>{`Request latency over ${m.count} requests (${m.mitigation})`}</caption>
          <thead>
            <tr>
              <th scope="col">percentile</th>
              <th scope="col">simulated</th>
              <th scope="col">closed form</th>
            </tr>
          </thead>
          <tbody>
            {row('p50', m.p50, m.closed?.p50)}
            {row('p99', m.p99, m.closed?.p99)}
            {row('p99.9', m.p999, m.closed?.p999)}
          </tbody>
        </table>
        <p className="svc-stats" data-testid="fanout-stats">
          <span>{`slower than a leaf p99: ${(m.slowShare * 100).toFixed(1)}% (1 − 0.99^${m.leaves} = ${(m.closedForm * 100).toFixed(1)}%)`}</span>
          <span>{`extra requests ${(m.extraRequestFraction * 100).toFixed(1)}%`}</span>
          <span>{`extra work ${(m.extraWorkFraction * 100).toFixed(2)}%`}</span>
        </p>
      </div>
    </figure>
  );
}
