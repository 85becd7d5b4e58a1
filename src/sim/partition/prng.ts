/**
 * The Chapter 1 cores' seeded PRNG: mulberry32 from `src/sim/clocks/prng.ts` (one implementation
 * for every early core), in the `[value, nextWord]` shape the partition and timeout cores use,
 * plus the seed scrambler they derive their streams with.
 */
import { nextRandom } from '../clocks/prng';

/** Draw a uniform number in [0, 1) and the next PRNG word. */
export function nextUniform(word: number): [number, number] {
  const r = nextRandom(word);
  return [r.value, r.state];
}

/**
 * Scramble a seed so nearby seeds give unrelated streams (murmur3's 32-bit finaliser). Kept here
 * rather than using the kernel's splitmix32/FNV seeding because a different seed mix would change
 * the exact outcomes the Chapter 1 scenario tests pin.
 */
export function seedWord(seed: number, stream = 0): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
