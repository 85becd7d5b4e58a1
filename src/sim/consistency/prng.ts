/**
 * A tiny seeded PRNG (mulberry32, Tommy Ettinger's public-domain generator) kept as plain state
 * so cores stay serialisable and deterministic. (Same as src/sim/clocks/prng.ts; each core keeps
 * its own tiny copy so a change to one lab's numbers never reshuffles another's scenarios.)
 */

/** Advance the generator: returns the next state and a float in [0, 1). */
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
