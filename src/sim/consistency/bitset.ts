/**
 * A fixed-size bitset with an incremental hash, used as the memo key of the search in
 * Lowe's optimisation of Wing & Gong ("Testing for linearizability", 2017): a configuration is
 * (set of operations already placed, model state), and revisiting one is pointless.
 */

/** Mutable bitset over operation indices 0..n-1 with an order-independent 2×32-bit hash. */
export class Bitset {
  readonly words: Uint32Array;
  h1 = 0;
  h2 = 0;
  constructor(n: number) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(n / 32)));
  }
  /** Whether bit i is set. */
  has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }
  /** Flip bit i (set if clear, clear if set) and update the hash. */
  flip(i: number): void {
    this.words[i >>> 5] ^= 1 << (i & 31);
    // XOR of per-index mixes is its own inverse, so set and clear share one update.
    this.h1 ^= mix(i * 2 + 1);
    this.h2 ^= mix(i * 2 + 0x9e3779b9);
  }
  /** A copy of the words (for storing in the memo). */
  snapshot(): Uint32Array {
    return this.words.slice();
  }
  /** Exact equality with a stored snapshot. */
  equals(w: Uint32Array): boolean {
    const a = this.words;
    for (let k = 0; k < a.length; k++) if (a[k] !== w[k]) return false;
    return true;
  }
}

/** murmur3 finaliser: spreads each index over all 32 bits. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Memo of visited (bitset, state) configurations with exact collision checks. */
export class ConfigCache {
  private readonly map = new Map<string, Uint32Array[]>();
  /** Number of distinct configurations stored. */
  size = 0;
  /** Add the configuration; returns false if it was already present. */
  add(bits: Bitset, state: string): boolean {
    const key = `${bits.h1}:${bits.h2}:${state}`;
    const list = this.map.get(key);
    if (list) {
      for (const w of list) if (bits.equals(w)) return false;
      list.push(bits.snapshot());
    } else this.map.set(key, [bits.snapshot()]);
    this.size++;
    return true;
  }
}
