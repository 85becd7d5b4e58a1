/**
 * A tiny seeded PRNG kept as a plain number so it can live inside serialisable state.
 *
 * mulberry32 (Tommy Ettinger's 32-bit generator): good enough statistical quality for
 * simulation, and, unlike Math.random, reproducible from a seed. The kernel in
 * `src/sim/core` provides a richer PRNG; this copy keeps the Raft core self-contained.
 */

/** One draw: a float in [0, 1) and the generator state to use next. */
export interface Draw {
  readonly value: number;
  readonly next: number;
}

/** Advance the generator once. Pure: the same state always gives the same draw. */
export function draw(state: number): Draw {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, next };
}

/** Derive an independent stream from a seed and a name, so adding draws to one stream never shifts another. */
export function streamSeed(seed: number, name: string): number {
  // FNV-1a over the name, mixed with the seed; then one mulberry step to spread bits.
  let h = 0x811c9dc5 ^ (seed | 0);
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return draw(h).next;
}

/** A uniform draw in [lo, hi]; returns lo without consuming randomness when the range is empty. */
export function uniform(state: number, lo: number, hi: number): Draw {
  if (hi <= lo) return { value: lo, next: state };
  const d = draw(state);
  return { value: lo + d.value * (hi - lo), next: d.next };
}
