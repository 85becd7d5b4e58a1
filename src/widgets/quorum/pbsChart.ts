/** Pure geometry for the PBS chart: curves and axes from a result (no React, no DOM). */
import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import { ci95, consistentAt, kStalenessConsistent, tForProbability, type PbsResult } from '../../sim/quorum';

/** Chart size in viewBox units. */
export const CHART = { w: 360, h: 220, left: 40, right: 12, top: 12, bottom: 34 };

/** Everything the chart draws. */
export interface ChartModel {
  readonly tMax: number;
  readonly curve: string;
  readonly band: string;
  readonly closed: { k: number; p: number; y: number }[];
  readonly xTicks: { x: number; label: string }[];
  readonly yTicks: { y: number; label: string }[];
  readonly p0: number;
  readonly t999: number;
  readonly points: { t: number; p: number }[];
}

/** Build the chart for a result and the quorum sizes. */
export function chartModel(res: PbsResult, n: number, w: number, r: number): ChartModel {
  const t999 = tForProbability(res, 0.999);
  const tMax = Math.max(1, niceCeil(t999 * 1.15));
  const x = scaleLinear().domain([0, tMax]).range([CHART.left, CHART.w - CHART.right]);
  const y = scaleLinear().domain([0, 1]).range([CHART.h - CHART.bottom, CHART.top]);
  const points = Array.from({ length: 121 }, (_, i) => {
    const t = (tMax * i) / 120;
    return { t, p: consistentAt(res, t) };
  });
  const curve = line<{ t: number; p: number }>()
    .x((d) => x(d.t))
    .y((d) => y(d.p))(points) ?? '';
  const band =
    area<{ t: number; p: number }>()
      .x((d) => x(d.t))
      .y0((d) => y(Math.max(0, d.p - ci95(d.p, res.trials))))
      .y1((d) => y(Math.min(1, d.p + ci95(d.p, res.trials))))(points) ?? '';
  const closed = [1, 2, 3]
    .map((k) => ({ k, p: kStalenessConsistent(n, w, r, k) }))
    .map((c) => ({ ...c, y: y(c.p) }));
  const xTicks = x.ticks(5).map((t) => ({ x: x(t), label: `${t}` }));
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((p) => ({ y: y(p), label: `${Math.round(p * 100)}%` }));
  return { tMax, curve, band, closed, xTicks, yTicks, p0: consistentAt(res, 0), t999, points };
}

/**
 * The closed-form lines' labels without overlaps: lines that print the same percentage share one
 * label ("k = 1, 2, 3: 100.0%", where a strict quorum used to draw three labels on one spot), and
 * labels closer than `gap` chart units are pushed down (or up at the bottom) so none covers another.
 */
export function closedLabels(closed: readonly { k: number; p: number; y: number }[], gap = 11, bottom = CHART.h - CHART.bottom): { text: string; y: number }[] {
  const groups: { ks: number[]; p: number; y: number }[] = [];
  for (const c of closed) {
    const g = groups.find((x) => pct(x.p) === pct(c.p));
    if (g) g.ks.push(c.k);
    else groups.push({ ks: [c.k], p: c.p, y: c.y });
  }
  groups.sort((a, b) => a.y - b.y);
  const ys: number[] = [];
  for (const g of groups) ys.push(Math.max(g.y - 3, ys.length ? ys[ys.length - 1] + gap : -Infinity));
  // If the stack ran off the plot, shift it back up as a block.
  const over = ys.length ? ys[ys.length - 1] - (bottom - 2) : 0;
  return groups.map((g, i) => ({ text: `closed form, k = ${g.ks.join(', ')}: ${pct(g.p)}`, y: over > 0 ? ys[i] - over : ys[i] }));
}

function niceCeil(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** "97.4%" with enough digits to show the difference from 100%. */
export function pct(p: number): string {
  if (p >= 0.999 && p < 1) return `${(p * 100).toFixed(2)}%`;
  return `${(p * 100).toFixed(1)}%`;
}
