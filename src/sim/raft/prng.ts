/**
 * The Raft core's seeded PRNG: mulberry32 from `src/sim/clocks/prng.ts` (one implementation for
 * every early core; see there for why it is not the kernel's sfc32), kept as a plain number so it
 * lives inside serialisable state, plus named streams and a uniform draw.
 *
 * The Raft core stores the generator word as a *signed* 32-bit integer (`| 0`), the other cores as
 * unsigned; mulberry32's output is the same either way, and the signed form is kept so stored
 * states (and anything hashed or compared from them) stay exactly as they were.
 */
import { nextRandom } from '../clocks/prng';

/** One draw: a float in [0, 1) and the generator state to use next. */
export interface Draw {
  readonly value: number;
  readonly next: number;
}

/** Advance the generator once. Pure: the same state always gives the same draw. */
export function draw(state: number): Draw {
  const r = nextRandom(state);
  return { value: r.value, next: r.state | 0 };
}

/**
 * Derive an independent stream from a seed and a name, so adding draws to one stream never shifts
 * another. (FNV-1a like the kernel's `hashString`, but mixed with the seed differently from the
 * kernel's `createRng`, so it stays: the Raft scenario tests pin outcomes of these streams.)
 */
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
