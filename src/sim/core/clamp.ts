/**
 * Clamping untrusted numeric parameters (from URLs, narration cues or settings) into the range a
 * mechanism supports. Each problem is reported in words so a lab can show why its settings changed;
 * nothing here throws, because bad input must never take a page down.
 */

/** `raw` clamped into [lo, hi]; `def` when absent or not a finite number. Problems are appended to `problems`. */
export function clampNumber(raw: unknown, lo: number, hi: number, def: number, name: string, problems: string[]): number {
  if (raw === undefined) return def;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    problems.push(`${name} must be a number; using ${def}.`);
    return def;
  }
  if (raw < lo || raw > hi) problems.push(`${name} ${raw} is outside ${lo}–${hi}; clamped.`);
  return Math.min(hi, Math.max(lo, raw));
}

/** As `clampNumber`, rounded to the nearest integer first (counts of nodes, clients, trials). */
export function clampInteger(raw: unknown, lo: number, hi: number, def: number, name: string, problems: string[]): number {
  return clampNumber(typeof raw === 'number' && Number.isFinite(raw) ? Math.round(raw) : raw, lo, hi, def, name, problems);
}

/**
 * The lowest positive arrival rate, per second, that a model accepts. A tinier rate puts the next
 * arrival days or years ahead (mean 1/rate), and a model that keeps a per-second series fills it up
 * to that arrival: a link with a rate of 1e-9 made one step allocate 10^9 samples and ran the tab out
 * of memory (found by the linkHardening property; regression tests in breaker/caller.test.ts and
 * overload/server.test.ts). Below this, a rate means no traffic within any lab run.
 */
export const MIN_RATE = 0.1;

/** An arrival rate per second clamped into [0, hi], a positive rate below MIN_RATE read as 0 (see MIN_RATE). */
export function clampRate(raw: unknown, hi: number, def: number, name: string, problems: string[]): number {
  const v = clampNumber(raw, 0, hi, def, name, problems);
  if (v > 0 && v < MIN_RATE) {
    problems.push(`${name} ${v} is below ${MIN_RATE} per second; using 0 (no traffic).`);
    return 0;
  }
  return v;
}

/** True for a rate an action may set: 0, or MIN_RATE to `hi` per second. */
export function isRate(x: unknown, hi: number): x is number {
  return typeof x === 'number' && Number.isFinite(x) && (x === 0 || (x >= MIN_RATE && x <= hi));
}

/**
 * The shortest period, in ms, of a timer that re-arms itself (a producer's publish tick, an order
 * generator). A tinier period never moves the clock forward in floating point (now + 5e-324 is now):
 * a link with publishEveryMs = 5e-324 fired the tick forever at t = 0, so the link's restore never
 * got past its first moment (url-fuzz seed 202612051700 #947; regression test in service/services.test.ts).
 */
export const MIN_PERIOD_MS = 1;

/** A period in ms clamped into [0, hi], 0 meaning off, a positive period below MIN_PERIOD_MS raised to it. */
export function clampPeriod(raw: unknown, hi: number, def: number, name: string, problems: string[]): number {
  const v = clampNumber(raw, 0, hi, def, name, problems);
  if (v > 0 && v < MIN_PERIOD_MS) {
    problems.push(`${name} ${v} is below ${MIN_PERIOD_MS} ms; using ${MIN_PERIOD_MS} ms.`);
    return MIN_PERIOD_MS;
  }
  return v;
}

/** True for a period an action may set: 0 (off), or MIN_PERIOD_MS to `hi` ms. */
export function isPeriod(x: unknown, hi: number): x is number {
  return typeof x === 'number' && Number.isFinite(x) && (x === 0 || (x >= MIN_PERIOD_MS && x <= hi));
}
