/**
 * Test helper: deep-freeze a value so that any mutation of a simulation input
 * throws (ES modules run in strict mode) instead of silently corrupting a
 * state that another part of the program still holds.
 */
export function deepFreeze<T>(v: T, seen = new Set<unknown>()): T {
  if (typeof v !== 'object' || v === null || seen.has(v)) return v;
  seen.add(v);
  for (const k of Object.keys(v as object)) deepFreeze((v as Record<string, unknown>)[k], seen);
  return Object.freeze(v);
}

/** A JSON-stable copy (for comparing states structurally without shared-buffer details). */
export function snapshotOf(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_k, x) => (x === undefined ? null : x)));
}
