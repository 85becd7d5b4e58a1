/**
 * A tiny seeded PRNG (mulberry32) whose whole state is one 32-bit word, so it can live inside
 * a simulation state and be cloned or compared. Local to the Chapter 1 cores until they move
 * onto the shared kernel's generator.
 */

/** Draw a uniform number in [0, 1) and the next PRNG word. */
export function nextUniform(word: number): [number, number] {
  const w = (word + 0x6d2b79f5) >>> 0;
  let t = w;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, w];
}

/** Scramble a seed so nearby seeds give unrelated streams. */
export function seedWord(seed: number, stream = 0): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
