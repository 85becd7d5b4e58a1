/**
 * Jump consistent hash, exactly the algorithm of Lamping & Veach, "A Fast, Minimal Memory,
 * Consistent Hash Algorithm" (2014), Figure 1:
 *
 *   b = -1, j = 0
 *   while j < num_buckets:
 *     b = j
 *     key = key * 2862933555777941757 + 1        (mod 2^64)
 *     j = floor((b + 1) * (2^31 / ((key >> 33) + 1)))
 *   return b
 *
 * JavaScript numbers cannot hold a 64-bit product, so `jumpHash` keeps the key as two 32-bit halves
 * and multiplies with 16-bit limbs (exact in doubles); `jumpHashBig` is the same loop on BigInt,
 * kept as the reference the tests compare against. The division stays in doubles, as in the paper.
 */

const C_HI = 0x27bb2ee6; // 2862933555777941757 = 0x27BB2EE6_87B0B0FD
const C_LO = 0x87b0b0fd;
const C_LO_HI16 = C_LO >>> 16;
const C_LO_LO16 = C_LO & 0xffff;
const TWO32 = 4294967296;
const TWO31 = 2147483648;

/**
 * Bucket in [0, buckets) for the 64-bit key (hi·2^32 + lo), with split 32-bit arithmetic.
 * `buckets` must be a positive integer below 2^31.
 */
export function jumpHash(hi: number, lo: number, buckets: number): number {
  let khi = hi >>> 0;
  let klo = lo >>> 0;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    // key * C mod 2^64: the full 64-bit product of the low words, plus the cross terms mod 2^32.
    const a1 = klo >>> 16;
    const a0 = klo & 0xffff;
    const p00 = a0 * C_LO_LO16;
    const mid = a0 * C_LO_HI16 + a1 * C_LO_LO16; // < 2^33, exact
    const low = p00 + (mid % 65536) * 65536; // < 2^33
    const lowWord = low % TWO32;
    const highOfLoLo = a1 * C_LO_HI16 + Math.floor(mid / 65536) + Math.floor(low / TWO32);
    let nhi = (highOfLoLo + Math.imul(khi, C_LO) + Math.imul(klo, C_HI)) >>> 0;
    // + 1
    let nlo = lowWord + 1;
    if (nlo === TWO32) {
      nlo = 0;
      nhi = (nhi + 1) >>> 0;
    }
    khi = nhi;
    klo = nlo;
    j = Math.floor((b + 1) * (TWO31 / ((khi >>> 1) + 1)));
  }
  return b;
}

const MASK64 = (1n << 64n) - 1n;
const C = 2862933555777941757n;

/** The same algorithm on BigInt (the reference implementation for tests). */
export function jumpHashBig(key: bigint, buckets: number): number {
  let k = key & MASK64;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    k = (k * C + 1n) & MASK64;
    j = Math.floor((b + 1) * (TWO31 / (Number(k >> 33n) + 1)));
  }
  return b;
}

/** Split a non-negative 64-bit BigInt into [hi, lo] 32-bit words. */
export function splitU64(key: bigint): [number, number] {
  const k = key & MASK64;
  return [Number(k >> 32n), Number(k & 0xffffffffn)];
}
