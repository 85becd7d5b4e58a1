/**
 * Key sets and key popularity for the sharding lab. Keys are named k0, k1, … and placed by their
 * hashes under a layout seed (which experiments draw from the kernel's named PRNG streams).
 * Zipf popularity follows the usual web-cache model (Breslau et al., INFOCOM 1999): the r-th most
 * popular key is requested with probability proportional to 1/r^s.
 */
import { hashKey, murmur3, type HashedKey } from './hash';

/** `count` keys "k0", "k1", … hashed with a layout seed. Their order positions are hashes too (like user ids). */
export function makeKeys(count: number, seed: number): HashedKey[] {
  return Array.from({ length: count }, (_, i) => hashKey(`k${i}`, seed));
}

/**
 * `count` keys that only grow, such as timestamps: key i sits at order position ⌊i·2^32/count⌋.
 * With `prefixBuckets` > 0 the range key is prefixed with hash(source) mod B (source = i mod 64,
 * e.g. a sensor id), the usual fix: writes for "now" spread over B ranges instead of one.
 */
export function makeMonotonicKeys(count: number, seed: number, prefixBuckets = 0): HashedKey[] {
  const span = 4294967296;
  return Array.from({ length: count }, (_, i) => {
    const t = Math.floor((i * span) / count);
    if (prefixBuckets <= 0) return hashKey(`t${i}`, seed, t);
    const b = murmur3(`sensor${i % 64}`, seed) % prefixBuckets;
    const width = span / prefixBuckets;
    return hashKey(`t${i}`, seed, Math.floor(b * width + t / prefixBuckets));
  });
}

/** Zipf weights for ranks 1..count with exponent s ≥ 0 (s = 0 is uniform), normalised to sum 1. */
export function zipfWeights(count: number, s: number): Float64Array {
  const w = new Float64Array(count);
  let sum = 0;
  for (let r = 0; r < count; r++) {
    w[r] = 1 / Math.pow(r + 1, s);
    sum += w[r];
  }
  for (let r = 0; r < count; r++) w[r] /= sum;
  return w;
}

/** Generalised harmonic number H(count, s); the hottest key's share is 1/H. */
export function harmonic(count: number, s: number): number {
  let h = 0;
  for (let r = 1; r <= count; r++) h += 1 / Math.pow(r, s);
  return h;
}

/**
 * Salt the `hot` most popular keys: each is split into `fanout` sub-keys "<id>#0" … carrying an equal
 * part of its load (writes pick a sub-key at random; reads must ask all of them). Returns the new key
 * list and weights; the other keys are unchanged.
 */
export function saltHotKeys(keys: readonly HashedKey[], weights: ArrayLike<number>, hot: number, fanout: number, seed: number): { keys: HashedKey[]; weights: number[] } {
  const order = Array.from({ length: keys.length }, (_, i) => i).sort((a, b) => weights[b] - weights[a] || a - b);
  const salted = new Set(order.slice(0, Math.max(0, hot)));
  const outK: HashedKey[] = [];
  const outW: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    if (!salted.has(i) || fanout <= 1) {
      outK.push(keys[i]);
      outW.push(weights[i]);
      continue;
    }
    for (let j = 0; j < fanout; j++) {
      outK.push(hashKey(`${keys[i].id}#${j}`, seed));
      outW.push(weights[i] / fanout);
    }
  }
  return { keys: outK, weights: outW };
}
