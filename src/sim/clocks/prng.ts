/**
 * mulberry32 (Tommy Ettinger's public-domain 32-bit generator), from before the kernel existed.
 * The clock and consistency cores no longer use it: they draw from the kernel's sfc32 streams
 * (`src/sim/core/rng.ts`). It stays only while other early cores still import it; delete it
 * when `grep -rn "clocks/prng" src` finds no importer.
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
