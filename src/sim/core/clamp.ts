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
