/**
 * Latency distributions as plain data, sampled from a kernel random stream.
 *
 * The shapes are the ones used to model message delay in the literature the
 * book draws on: constant and uniform (textbook examples), exponential and
 * Pareto mixtures (Bailis et al., "Probabilistically Bounded Staleness",
 * VLDB 2012, §5 fits LinkedIn and Yammer latencies this way) and log-normal
 * (a common fit for datacenter RPC latency).
 */
import type { Sanitized } from './types';
import { exponentialMut, logNormalMut, nextFloatMut, paretoMut, type MutRng } from './rng';

/** A delay distribution in milliseconds. */
export type Dist =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number; readonly shift?: number }
  | { readonly kind: 'lognormal'; readonly mu: number; readonly sigma: number; readonly shift?: number }
  | { readonly kind: 'pareto'; readonly xm: number; readonly alpha: number; readonly shift?: number }
  | { readonly kind: 'mixture'; readonly parts: readonly { readonly weight: number; readonly dist: Dist }[] };

/** Draw one sample (never negative) from `d`, advancing the private stream `s` in place. */
export function sampleMut(d: Dist, s: MutRng): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * nextFloatMut(s);
    case 'exponential':
      return (d.shift ?? 0) + exponentialMut(s, d.mean);
    case 'lognormal':
      return (d.shift ?? 0) + logNormalMut(s, d.mu, d.sigma);
    case 'pareto':
      return (d.shift ?? 0) + paretoMut(s, d.xm, d.alpha);
    case 'mixture': {
      let total = 0;
      for (const p of d.parts) total += p.weight;
      let u = nextFloatMut(s) * total;
      for (const p of d.parts) {
        u -= p.weight;
        if (u < 0) return sampleMut(p.dist, s);
      }
      return sampleMut(d.parts[d.parts.length - 1].dist, s);
    }
  }
}

/** Analytic mean of a distribution (Infinity for Pareto with alpha ≤ 1). */
export function distMean(d: Dist): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'exponential':
      return (d.shift ?? 0) + d.mean;
    case 'lognormal':
      return (d.shift ?? 0) + Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'pareto':
      return d.alpha <= 1 ? Infinity : (d.shift ?? 0) + (d.alpha * d.xm) / (d.alpha - 1);
    case 'mixture': {
      let total = 0;
      let acc = 0;
      for (const p of d.parts) {
        total += p.weight;
        acc += p.weight * distMean(p.dist);
      }
      return total > 0 ? acc / total : 0;
    }
  }
}

/** Cumulative distribution function P(X ≤ x), exact for every shape (used by closed-form checks). */
export function distCdf(d: Dist, x: number): number {
  switch (d.kind) {
    case 'constant':
      return x >= d.value ? 1 : 0;
    case 'uniform':
      if (d.max <= d.min) return x >= d.min ? 1 : 0;
      return Math.min(1, Math.max(0, (x - d.min) / (d.max - d.min)));
    case 'exponential': {
      const y = x - (d.shift ?? 0);
      return y <= 0 ? 0 : 1 - Math.exp(-y / d.mean);
    }
    case 'lognormal': {
      const y = x - (d.shift ?? 0);
      return y <= 0 ? 0 : 0.5 * (1 + erf((Math.log(y) - d.mu) / (d.sigma * Math.SQRT2)));
    }
    case 'pareto': {
      const y = x - (d.shift ?? 0);
      return y <= d.xm ? 0 : 1 - Math.pow(d.xm / y, d.alpha);
    }
    case 'mixture': {
      let total = 0;
      let acc = 0;
      for (const p of d.parts) {
        total += p.weight;
        acc += p.weight * distCdf(p.dist, x);
      }
      return total > 0 ? acc / total : 0;
    }
  }
}

/** Error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7), enough for CDF plots. */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const y =
    1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-ax * ax);
  return sign * y;
}

const MAX_DELAY = 1e7;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Validate an untrusted distribution (URL, props); falls back to `fallback` with a reason. */
export function sanitizeDist(raw: unknown, fallback: Dist, path = 'dist', depth = 0): Sanitized<Dist> {
  const bad = (why: string): Sanitized<Dist> => ({ value: fallback, problems: [`${path}: ${why}; using the default`] });
  if (typeof raw !== 'object' || raw === null) return bad('not an object');
  const r = raw as Record<string, unknown>;
  const inRange = (v: unknown, lo: number, hi: number): v is number => finite(v) && v >= lo && v <= hi;
  switch (r.kind) {
    case 'constant':
      return inRange(r.value, 0, MAX_DELAY) ? { value: { kind: 'constant', value: r.value }, problems: [] } : bad('bad value');
    case 'uniform':
      return inRange(r.min, 0, MAX_DELAY) && inRange(r.max, r.min as number, MAX_DELAY)
        ? { value: { kind: 'uniform', min: r.min, max: r.max }, problems: [] }
        : bad('need 0 ≤ min ≤ max');
    case 'exponential':
      return inRange(r.mean, 1e-6, MAX_DELAY) && (r.shift === undefined || inRange(r.shift, 0, MAX_DELAY))
        ? { value: { kind: 'exponential', mean: r.mean, ...(r.shift !== undefined ? { shift: r.shift as number } : {}) }, problems: [] }
        : bad('need mean > 0');
    case 'lognormal':
      return inRange(r.mu, -50, 20) && inRange(r.sigma, 0, 10) && (r.shift === undefined || inRange(r.shift, 0, MAX_DELAY))
        ? { value: { kind: 'lognormal', mu: r.mu, sigma: r.sigma, ...(r.shift !== undefined ? { shift: r.shift as number } : {}) }, problems: [] }
        : bad('need finite mu and 0 ≤ sigma ≤ 10');
    case 'pareto':
      return inRange(r.xm, 1e-6, MAX_DELAY) && inRange(r.alpha, 0.05, 100) && (r.shift === undefined || inRange(r.shift, 0, MAX_DELAY))
        ? { value: { kind: 'pareto', xm: r.xm, alpha: r.alpha, ...(r.shift !== undefined ? { shift: r.shift as number } : {}) }, problems: [] }
        : bad('need xm > 0 and alpha > 0');
    case 'mixture': {
      if (depth > 3) return bad('mixtures nested too deeply');
      if (!Array.isArray(r.parts) || r.parts.length === 0 || r.parts.length > 8) return bad('need 1–8 parts');
      const parts: { weight: number; dist: Dist }[] = [];
      const problems: string[] = [];
      for (let i = 0; i < r.parts.length; i++) {
        const p = r.parts[i] as Record<string, unknown> | null;
        if (!p || !inRange(p.weight, 0, 1e9)) return bad(`part ${i} has a bad weight`);
        const sd = sanitizeDist(p.dist, fallback, `${path}.parts[${i}]`, depth + 1);
        problems.push(...sd.problems);
        parts.push({ weight: p.weight, dist: sd.value });
      }
      if (parts.every((p) => p.weight === 0)) return bad('all weights are zero');
      return { value: { kind: 'mixture', parts }, problems };
    }
    default:
      return bad(`unknown kind ${JSON.stringify(r.kind)}`);
  }
}
