/**
 * The saga experiment's result: the share of sagas that completed at each per-step failure rate
 * (with the (1 − p)^4 curve it should follow), and the unwind-time distribution per mode.
 */
import { useRef } from 'react';
import { scaleBand, scaleLinear } from 'd3-scale';
import { useSvgWidth } from '../shared/useSvgWidth';
import { line } from 'd3-shape';
import type { SagaRow } from '../../sim/saga';

const H = 220;
const M = { l: 48, r: 14, t: 12, b: 38 };

/** Tick values whose labels stay at least `gap` px apart, so narrow charts leave some off rather than overlap. */
function spaced(values: readonly number[], x: (v: number) => number, gap: number): number[] {
  const out: number[] = [];
  for (const v of values) if (out.length === 0 || x(v) - x(out[out.length - 1]) >= gap) out.push(v);
  return out;
}

/** Completion chart and unwind table. */
export function SagaChart({ rows, binMs }: { rows: readonly SagaRow[]; binMs: number }) {
  // Drawn at the panel's real width, so the text keeps its size on a phone.
  const ref = useRef<HTMLDivElement>(null);
  const W = useSvgWidth(ref, 560, 280, 640);
  const ps = [...new Set(rows.map((r) => r.failRate))].sort((a, b) => a - b);
  const x = scaleLinear().domain([0, Math.max(0.05, ps[ps.length - 1] ?? 0.3)]).range([M.l, W - M.r]);
  const y = scaleLinear().domain([0, 1]).range([H - M.b, M.t]);
  const modes = [...new Set(rows.map((r) => r.mode))];
  const expected = line<number>()
    .x((p) => x(p))
    .y((p) => y((1 - p) ** 4));
  const grid = Array.from({ length: 41 }, (_, i) => (i / 40) * (x.domain()[1] as number));
  return (
    <div className="saga-results" ref={ref}>
      <svg viewBox={`0 0 ${W} ${H}`} className="saga-chart" role="img" aria-label="Fraction of sagas that completed against the per-step failure rate, with the (1 − p) to the fourth curve">
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={M.l} x2={W - M.r} y1={y(t)} y2={y(t)} className="saga-grid" />
            <text x={M.l - 6} y={y(t) + 4} textAnchor="end">
              {Math.round(t * 100)}%
            </text>
          </g>
        ))}
        {spaced(ps, x, 30).map((p) => (
          <text key={p} x={x(p)} y={H - M.b + 15} textAnchor="middle">
            {p}
          </text>
        ))}
        <text x={(M.l + W - M.r) / 2} y={H - 5} textAnchor="middle">
          chance each step fails
        </text>
        <path d={expected(grid) ?? ''} className="saga-expected" />
        {modes.map((m) =>
          rows
            .filter((r) => r.mode === m)
            .map((r) => <circle key={`${m}-${r.failRate}`} cx={x(r.failRate)} cy={y(r.completed / r.trials)} r={m === 'orchestration' ? 5 : 3} className="saga-point" data-mode={m} />),
        )}
        <text x={W - M.r} y={M.t + 12} textAnchor="end" className="saga-chart-key">
          dots: measured · line: (1 − p)⁴
        </text>
      </svg>
      <UnwindHistogram rows={rows} binMs={binMs} width={W} />
      <div className="saga-table-wrap" tabIndex={0} role="region" aria-label="Results table">
      <table className="saga-table" data-testid="saga-exp-table">
        <caption>Unwind time (failure to last compensation), compensations failing and retried</caption>
        <thead>
          <tr>
            <th scope="col">Mode</th>
            <th scope="col">p</th>
            <th scope="col">Completed</th>
            <th scope="col">Compensated</th>
            <th scope="col">Violations</th>
            <th scope="col">Unwind p50 / p95 / max</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.mode}-${r.failRate}`} data-mode={r.mode} data-p={r.failRate}>
              <th scope="row">{r.mode}</th>
              <td>{r.failRate}</td>
              <td>{r.completed}</td>
              <td>{r.compensated}</td>
              <td>{r.violations}</td>
              <td>
                {r.unwindMs.p50} / {r.unwindMs.p95} / {r.unwindMs.max} ms
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}

const MAX_BINS = 30;

/**
 * The distribution of unwind time, per mode, over every failure rate run: the share of unwound
 * sagas in each `binMs` bin (the last bin holds everything longer).
 */
function UnwindHistogram({ rows, binMs, width }: { rows: readonly SagaRow[]; binMs: number; width: number }) {
  const modes = [...new Set(rows.map((r) => r.mode))];
  const hists = modes.map((m) => {
    const bins = new Array<number>(MAX_BINS).fill(0);
    for (const r of rows.filter((x) => x.mode === m)) r.histogram.forEach((c, i) => (bins[Math.min(MAX_BINS - 1, i)] += c));
    const n = bins.reduce((a, b) => a + b, 0);
    return { mode: m, share: bins.map((c) => (n ? c / n : 0)), n };
  });
  let last = 0;
  for (const h of hists) h.share.forEach((v, i) => (v > 0 ? (last = Math.max(last, i)) : 0));
  const bins = Array.from({ length: last + 1 }, (_, i) => i);
  const h = 180;
  const m = { l: 44, r: 10, t: 12, b: 36 };
  const x = scaleBand<number>().domain(bins).range([m.l, width - m.r]).paddingInner(0.15);
  const yMax = Math.max(0.05, ...hists.flatMap((q) => q.share));
  const y = scaleLinear().domain([0, yMax]).nice().range([h - m.b, m.t]);
  const sub = scaleBand<string>().domain(modes).range([0, x.bandwidth()]).paddingInner(0.1);
  const labelEvery = Math.max(1, Math.ceil(bins.length / Math.max(1, Math.floor((width - m.l - m.r) / 44))));
  return (
    <svg viewBox={`0 0 ${width} ${h}`} className="saga-chart" role="img" aria-label={`Unwind time distribution in ${binMs} ms bins: ${hists.map((q) => `${q.mode}, ${q.n} unwound sagas`).join('; ')}`}>
      {y.ticks(4).map((t) => (
        <g key={t}>
          <line x1={m.l} x2={width - m.r} y1={y(t)} y2={y(t)} className="saga-grid" />
          <text x={m.l - 6} y={y(t) + 4} textAnchor="end">
            {Math.round(t * 100)}%
          </text>
        </g>
      ))}
      {hists.map((q) =>
        q.share.slice(0, last + 1).map((v, i) => (
          <rect key={`${q.mode}-${i}`} x={(x(i) ?? 0) + (sub(q.mode) ?? 0)} y={y(v)} width={sub.bandwidth()} height={y(0) - y(v)} className="saga-bar" data-mode={q.mode} />
        )),
      )}
      {bins
        .filter((i) => i % labelEvery === 0)
        .map((i) => (
          <text key={i} x={(x(i) ?? 0) + x.bandwidth() / 2} y={h - m.b + 14} textAnchor="middle">
            {i === MAX_BINS - 1 ? `≥${i * binMs}` : i * binMs}
          </text>
        ))}
      <text x={(m.l + width - m.r) / 2} y={h - 4} textAnchor="middle">
        unwind time (ms): failure to last compensation
      </text>
      {modes.map((md, i) => (
        <g key={md} transform={`translate(${width - m.r - 130}, ${m.t + i * 16})`}>
          <rect width={10} height={10} className="saga-bar" data-mode={md} />
          <text x={14} y={9} className="saga-chart-key">
            {md === 'orchestration' ? 'orchestrated' : 'choreographed'}
          </text>
        </g>
      ))}
    </svg>
  );
}
