/**
 * The consistency core's seeded PRNG: mulberry32, shared with the other early cores from
 * `src/sim/clocks/prng.ts` (one implementation; see there for why it is not the kernel's sfc32).
 */
export { nextInt, nextRandom } from '../clocks/prng';
