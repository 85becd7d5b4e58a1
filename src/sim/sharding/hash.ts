/**
 * Stable key hashing for the sharding core: MurmurHash3 x86_32 (Austin Appleby, public domain),
 * over the UTF-8 bytes of a string. Every placement in this folder derives from these hashes, never
 * from Math.random, so a layout is a pure function of (keys, nodes, seed) in Node and in the browser.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
let buf = new Uint8Array(64);
const utf8 = typeof TextEncoder === 'undefined' ? null : new TextEncoder();

/** The 32-bit finaliser of MurmurHash3 (a bijection with full avalanche). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function bytesOf(s: string): [Uint8Array, number] {
  if (s.length > buf.length) buf = new Uint8Array(Math.max(s.length * 3, buf.length * 2));
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) {
      // Non-ASCII: fall back to a real UTF-8 encoding.
      const b = utf8 ? utf8.encode(s) : Uint8Array.from(unescape(encodeURIComponent(s)), (ch) => ch.charCodeAt(0));
      return [b, b.length];
    }
    buf[i] = c;
  }
  return [buf, s.length];
}

function block(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3 x86_32 of the string's UTF-8 bytes with a 32-bit seed; an unsigned 32-bit result. */
export function murmur3(s: string, seed = 0): number {
  const [b, n] = bytesOf(s);
  let h = seed | 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) h = block(h, b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
  let k = 0;
  const rest = n & 3;
  if (rest === 3) k ^= b[i + 2] << 16;
  if (rest >= 2) k ^= b[i + 1] << 8;
  if (rest >= 1) {
    k ^= b[i];
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  return fmix32(h ^ n);
}

/** MurmurHash3 x86_32 of one 32-bit word (4 little-endian bytes) with a seed: a keyed mix of two words. */
export function mix2(seed: number, word: number): number {
  return fmix32(block(seed | 0, word | 0) ^ 4);
}

/** A key with every hash the schemes need, computed once. */
export interface HashedKey {
  readonly id: string;
  /** 32-bit hash: ring position, mod-N, rendezvous, fixed partitions. */
  readonly h: number;
  /** High 32 bits of the 64-bit hash that jump hash takes (low bits are `h`). */
  readonly hi: number;
  /** Position in key order for range partitioning (0 ≤ ord < 2^32). */
  readonly ord: number;
}

/** Hash a key id with a layout seed; `ord` defaults to a hash too (keys such as user ids are unordered). */
export function hashKey(id: string, seed: number, ord?: number): HashedKey {
  const h = murmur3(id, seed);
  return { id, h, hi: murmur3(id, seed ^ 0x9747b28c), ord: ord ?? murmur3(id, seed ^ 0x5bd1e995) };
}
