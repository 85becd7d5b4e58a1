/**
 * Charts for the RetryLab's experiments: the backoff curves (calls and completion time against
 * clients, one line per strategy), the amplification table and the metastability map. Each has a
 * text alternative: a summary sentence and a table of the numbers.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { ampLayers, ampPolicyLabel, msPolicies, msPolicyLabel, strategies, strategyLabel, type AmpRow, type BackoffPoint, type MsCell, type MsPolicy, type Strategy } from '../../sim/retry';

const COLORS: Record<Strategy, string> = { none: 'var(--node-a)', exponential: 'var(--node-b)', full: 'var(--node-c)', equal: 'var(--node-d)', decorrelated: 'var(--node-e)' };
const W = 300;
const H = 200;
const M = { l: 46, r: 10, t: 10, b: 30 };

/** The reduction in calls from exponential backoff without jitter, per jittered strategy, at the point nearest 100 clients. */
export function jitterSavings(results: Record<Strategy, BackoffPoint[]>): { clients: number; expo: number; rows: { s: Strategy; calls: number; cut: number }[]; slowest: Strategy } | null {
  const pts = results.exponential;
  if (!pts || pts.length === 0) return null;
  let idx = 0;
  pts.forEach((p, i) => {
    if (Math.abs(p.clients - 100) < Math.abs(pts[idx]!.clients - 100)) idx = i;
  });
  const expo = pts[idx]!.calls;
  const rows = (['full', 'equal', 'decorrelated'] as const).map((s) => ({ s, calls: results[s][idx]!.calls, cut: 1 - results[s][idx]!.calls / expo }));
  const slowest = strategies.reduce((a, s) => (results[s][idx]!.timeMs > results[a][idx]!.timeMs ? s : a), strategies[0]!);
  return { clients: pts[idx]!.clients, expo, rows, slowest };
}

/** One sentence comparing the run with the blog's two findings. */
export function backoffSummary(results: Record<Strategy, BackoffPoint[]>): string {
  const j = jitterSavings(results);
  if (!j) return 'No points.';
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const cuts = j.rows.map((r) => `${strategyLabel[r.s].toLowerCase()} ${Math.round(r.calls)} (−${pct(r.cut)})`).join(', ');
  return `At ${j.clients} clients, exponential backoff without jitter took ${Math.round(j.expo)} calls; ${cuts}. The blog: jitter cuts calls by more than half at 100 clients. Slowest here: ${strategyLabel[j.slowest].toLowerCase()} (the blog: exponential without jitter).`;
}

function Curves({ results, metric, title, log }: { results: Record<Strategy, BackoffPoint[]>; metric: 'calls' | 'timeMs'; title: string; log: boolean }) {
  const all = strategies.flatMap((s) => results[s]);
  const xs = all.map((p) => p.clients);
  const ys = all.map((p) => p[metric]).filter((v) => v > 0);
  const x = scaleLinear().domain([Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)]).range([M.l, W - M.r]);
  const y = (log ? scaleLog().domain([Math.max(1, Math.min(...ys)), Math.max(...ys, 2)]) : scaleLinear().domain([0, Math.max(...ys, 1)])).range([H - M.b, M.t]).nice();
  const fmt = (v: number) => (metric === 'timeMs' ? (v >= 1000 ? `${v / 1000} s` : `${v} ms`) : String(v));
  const yt = log ? (y.ticks(4) as number[]).filter((v) => [1, 2, 5].includes(Number(String(v)[0]))).slice(0, 8) : (y.ticks(5) as number[]);
  return (
    <svg className="retry-svg retry-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title} against clients, one line per strategy.`}>
      <text x={M.l} y={M.t - 1} className="retry-label retry-small">
        {title}
      </text>
      {yt.map((v) => (
        <g key={v}>
          <line x1={M.l} x2={W - M.r} y1={y(v)} y2={y(v)} className="retry-grid" />
          <text x={M.l - 4} y={y(v) + 3} textAnchor="end" className="retry-label retry-small">
            {fmt(v)}
          </text>
        </g>
      ))}
      {x.ticks(5).map((v) => (
        <text key={v} x={x(v)} y={H - M.b + 12} textAnchor="middle" className="retry-label retry-small">
          {v}
        </text>
      ))}
      <text x={(M.l + W - M.r) / 2} y={H - 4} textAnchor="middle" className="retry-label retry-small">
        clients
      </text>
      {strategies.map((s) => (
        <path key={s} d={line<BackoffPoint>().x((p) => x(p.clients)).y((p) => y(Math.max(log ? 1 : 0, p[metric])))(results[s]) ?? ''} fill="none" stroke={COLORS[s]} strokeWidth={2} data-strategy={s} />
      ))}
    </svg>
  );
}

/** The backoff experiment's result. */
export function BackoffChart({ results }: { results: Record<Strategy, BackoffPoint[]> }) {
  return (
    <div className="retry-exp">
      <div className="retry-charts">
        <Curves results={results} metric="calls" title="write attempts (mean)" log={false} />
        <Curves results={results} metric="timeMs" title="time to the last success (mean, log scale)" log />
      </div>
      <ul className="retry-key">
        {strategies.map((s) => (
          <li key={s}>
            <span className="retry-swatch" style={{ background: COLORS[s] }} />
            {strategyLabel[s]}
          </li>
        ))}
      </ul>
      <p className="lab-description" data-testid="backoff-summary">
        {backoffSummary(results)}
      </p>
      <details>
        <summary>Table of values</summary>
        <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Backoff results">
          <table className="lab-table">
            <thead>
              <tr>
                <th scope="col">Clients</th>
                {strategies.map((s) => (
                  <th key={s} scope="col">
                    {strategyLabel[s]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {results.none.map((p, i) => (
                <tr key={p.clients}>
                  <th scope="row">{p.clients}</th>
                  {strategies.map((s) => (
                    <td key={s}>{`${Math.round(results[s][i]!.calls)} calls, ${Math.round(results[s][i]!.timeMs).toLocaleString('en-US')} ms`}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

/** The amplification experiment's result. */
export function AmplificationTable({ rows }: { rows: readonly AmpRow[] }) {
  const k3 = rows.find((r) => r.policy === 'every' && r.failRate === 1);
  return (
    <div className="retry-exp">
      {k3 && (
        <p className="lab-description" data-testid="amp-summary">{`With the database down and k = ${k3.attempts}, every-layer retries send ${k3.database.toFixed(1)} database calls per client request (k³ = ${k3.attempts ** 3}).`}</p>
      )}
      <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Amplification results">
        <table className="lab-table">
          <thead>
            <tr>
              <th scope="col">k</th>
              <th scope="col">DB fails</th>
              <th scope="col">Policy</th>
              {ampLayers.map((l) => (
                <th key={l} scope="col">{`${l} calls/request`}</th>
              ))}
              <th scope="col">Succeeded</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{r.attempts}</td>
                <td>{`${Math.round(r.failRate * 100)}%`}</td>
                <td>{ampPolicyLabel[r.policy]}</td>
                <td>{r.edge.toFixed(2)}</td>
                <td>{r.service.toFixed(2)}</td>
                <td>{r.database.toFixed(2)}</td>
                <td>{`${Math.round(r.success * 100)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The metastability map: rows are policies, columns trigger lengths, cells the share of runs that recovered. */
export function MetastableMap({ results }: { results: Record<MsPolicy, MsCell[]> }) {
  const triggers = results.retry.map((c) => c.triggerMs);
  const stuck = msPolicies.filter((p) => results[p].some((c) => c.recovered < 0.5)).map((p) => msPolicyLabel[p].toLowerCase());
  return (
    <div className="retry-exp">
      <p className="lab-description" data-testid="ms-summary">
        {stuck.length === 0 ? 'Every policy recovered from every trigger here.' : `Stuck after some triggers (fewer than half the runs recovered): ${stuck.join(', ')}.`}
      </p>
      <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Metastability map">
        <table className="lab-table retry-map">
          <thead>
            <tr>
              <th scope="col">Policy \ trigger</th>
              {triggers.map((t) => (
                <th key={t} scope="col">{t >= 1000 ? `${t / 1000} s` : `${t} ms`}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {msPolicies.map((p) => (
              <tr key={p}>
                <th scope="row">{msPolicyLabel[p]}</th>
                {results[p].map((c) => (
                  <td key={c.triggerMs} data-tone={c.recovered >= 0.8 ? 'ok' : c.recovered >= 0.2 ? 'warn' : 'bad'}>
                    {`${Math.round(c.recovered * 100)}% (${Math.round(c.goodput)}/s)`}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
