/**
 * Seeded, splittable pseudo-random numbers whose state is plain data.
 *
 * Generator: sfc32 ("Small Fast Counting", Chris Doty-Humphrey, PractRand 0.94),
 * a 128-bit-state generator that passes PractRand and BigCrush; seeded through
 * splitmix32 (a 32-bit variant of Steele, Lea & Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014) so that nearby seeds and
 * stream names give unrelated sequences.
 *
 * Why named streams: a simulation draws randomness in many places (each link's
 * latency, each node's election timeout). Deriving every stream from
 * (run seed, stream name) instead of one shared sequence means an extra
 * message on link A→B does not reshuffle the timeouts of node C, so a reader's
 * small change has a small, local effect.
 *
 * Two styles are offered: pure functions that return a new state (for callers
 * that hold states immutably), and `*Mut` functions that advance a private,
 * freshly cloned state in place (for the kernel's hot loop).
 */

/** The four 32-bit words of an sfc32 generator; plain data, clonable and comparable. */
export type RngState = readonly [number, number, number, number];

/** A mutable generator state owned by exactly one caller (never shared). */
export type MutRng = [number, number, number, number];

/** One step of splitmix32: returns the next 32-bit output for the given counter value. */
export function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** FNV-1a 32-bit hash of a string, used to turn a stream name into a number. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Advance a mutable sfc32 state in place and return a uint32. */
export function nextU32Mut(s: MutRng): number {
  const a = s[0], b = s[1], c = s[2], d = s[3];
  const t = (((a + b) | 0) + d) | 0;
  s[3] = (d + 1) | 0;
  s[0] = b ^ (b >>> 9);
  s[1] = (c + (c << 3)) | 0;
  s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return t >>> 0;
}

/** Advance a mutable state and return a float uniformly distributed in [0, 1). */
export function nextFloatMut(s: MutRng): number {
  return nextU32Mut(s) / 4294967296;
}

/**
 * Create the generator for a run seed and a stream name.
 * The same (seed, name) always yields the same stream; different names are independent.
 */
export function createRng(seed: number, stream = ''): RngState {
  // Mix seed and name through splitmix32 so related inputs do not give related states.
  let x = (splitmix32(seed >>> 0) ^ hashString(stream)) >>> 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    x = splitmix32(x);
    words.push(x | 0);
  }
  const s: MutRng = [words[0], words[1], words[2], words[3]];
  // sfc32's authors recommend discarding the first outputs so the counter word mixes in.
  for (let i = 0; i < 12; i++) nextU32Mut(s);
  return s;
}

/** Derive an independent child stream from a parent state and a name (the parent is unchanged). */
export function splitRng(parent: RngState, name: string): RngState {
  return createRng((parent[0] ^ parent[2]) >>> 0, `${parent[1] >>> 0}:${parent[3] >>> 0}:${name}`);
}

/** Pure: next uint32 and the advanced state. */
export function nextU32(s: RngState): [number, RngState] {
  const m: MutRng = [s[0], s[1], s[2], s[3]];
  const v = nextU32Mut(m);
  return [v, m];
}

/** Pure: a float in [0, 1) and the advanced state. */
export function uniform(s: RngState): [number, RngState] {
  const [v, n] = nextU32(s);
  return [v / 4294967296, n];
}

/** Mutable: an integer uniformly drawn from [lo, hi] (inclusive), without modulo bias for small ranges. */
export function intMut(s: MutRng, lo: number, hi: number): number {
  if (hi < lo) throw new RangeError(`intMut: empty range [${lo}, ${hi}]`);
  const span = hi - lo + 1;
  return lo + Math.floor(nextFloatMut(s) * span);
}

/** Pure: an integer uniformly drawn from [lo, hi] (inclusive) and the advanced state. */
export function intRange(s: RngState, lo: number, hi: number): [number, RngState] {
  const m: MutRng = [s[0], s[1], s[2], s[3]];
  return [intMut(m, lo, hi), m];
}

/** Mutable: exponential variate with the given mean (inverse-CDF method). */
export function exponentialMut(s: MutRng, mean: number): number {
  // 1 - u is in (0, 1], so the log is finite.
  return -Math.log(1 - nextFloatMut(s)) * mean;
}

/** Mutable: standard normal variate (Box–Muller; both uniforms drawn fresh so the state stays a plain 4-tuple). */
export function normalMut(s: MutRng): number {
  const u1 = 1 - nextFloatMut(s);
  const u2 = nextFloatMut(s);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Mutable: log-normal variate, exp(mu + sigma·Z). */
export function logNormalMut(s: MutRng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * normalMut(s));
}

/** Mutable: Pareto (type I) variate with scale xm > 0 and shape alpha > 0: P(X > x) = (xm/x)^alpha. */
export function paretoMut(s: MutRng, xm: number, alpha: number): number {
  return xm * Math.pow(1 - nextFloatMut(s), -1 / alpha);
}

/** Pure: exponential variate with the given mean, and the advanced state. */
export function exponential(s: RngState, mean: number): [number, RngState] {
  const m: MutRng = [s[0], s[1], s[2], s[3]];
  return [exponentialMut(m, mean), m];
}

/** Pure: log-normal variate and the advanced state. */
export function logNormal(s: RngState, mu: number, sigma: number): [number, RngState] {
  const m: MutRng = [s[0], s[1], s[2], s[3]];
  return [logNormalMut(m, mu, sigma), m];
}

/** Pure: Pareto variate and the advanced state. */
export function pareto(s: RngState, xm: number, alpha: number): [number, RngState] {
  const m: MutRng = [s[0], s[1], s[2], s[3]];
  return [paretoMut(m, xm, alpha), m];
}

/** Copy a state into a fresh mutable tuple (the caller then owns it). */
export function cloneRng(s: RngState): MutRng {
  return [s[0], s[1], s[2], s[3]];
}
