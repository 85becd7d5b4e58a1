/**
 * The one copy of mulberry32 (Tommy Ettinger's public-domain 32-bit generator) that the clock,
 * consistency, partition, timeout and Raft cores share. Its whole state is one 32-bit word, so it
 * lives inside serialisable simulation state and can be cloned or compared.
 *
 * Why not the kernel's `src/sim/core/rng.ts`: that is sfc32 seeded through splitmix32, a
 * different algorithm with a 128-bit state. These cores were written (and their scenario tests
 * pinned to exact outcomes) before it landed; switching would change every scenario's numbers.
 * The cores' scenario tests assert exact outcomes, so any change to this function fails them.
 */

/** Advance the generator: returns the next state (unsigned 32-bit) and a float in [0, 1). */
export function nextRandom(state: number): { state: number; value: number } {
  const s = (state + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { state: s, value: ((t ^ (t >>> 14)) >>> 0) / 4294967296 };
}

/** Integer in [min, max] from the generator. */
export function nextInt(state: number, min: number, max: number): { state: number; value: number } {
  const r = nextRandom(state);
  return { state: r.state, value: min + Math.floor(r.value * (max - min + 1)) };
}
