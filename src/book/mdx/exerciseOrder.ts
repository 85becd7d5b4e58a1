/**
 * The order an exercise shows its options in. Authors write the correct option wherever they like
 * (often first); readers should not be able to guess it from its place. The order is a pure function
 * of the exercise's id and its ordinal in the chapter, so the server and the browser agree (no
 * hydration mismatch) and it never changes between visits:
 * - the options are shuffled by a PRNG seeded from the id;
 * - the correct one is then placed at position (ordinal + a per-chapter shift) mod n, so within a
 *   chapter it cycles through the positions instead of clumping (the content check holds every
 *   chapter to "no position more than half the time").
 * No React here: the content check and the e2e specs import it.
 */

/** 32-bit FNV-1a hash of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG giving floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Display order of an exercise's options: `order[position]` is the index of the option (as written)
 * shown at that position. `ordinal` is the exercise's 0-based place among the chapter's exercises.
 */
export function exerciseOrder(id: string, ordinal: number, options: readonly { readonly correct?: boolean }[]): number[] {
  const n = options.length;
  const order = Array.from({ length: n }, (_, i) => i);
  if (n < 2) return order;
  const rand = mulberry32(fnv1a(id));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const correct = options.findIndex((o) => o.correct === true);
  if (correct < 0) return order;
  // Per-chapter shift: the id without its trailing number ("ch4-ex" for "ch4-ex2").
  const target = (((Number.isFinite(ordinal) ? Math.trunc(ordinal) : 0) + fnv1a(id.replace(/\d+$/, ''))) % n + n) % n;
  const at = order.indexOf(correct);
  [order[at], order[target]] = [order[target], order[at]];
  return order;
}

/** The position (0-based) at which the correct option is shown, or -1 when there is none. */
export function correctPosition(id: string, ordinal: number, options: readonly { readonly correct?: boolean }[]): number {
  const correct = options.findIndex((o) => o.correct === true);
  return correct < 0 ? -1 : exerciseOrder(id, ordinal, options).indexOf(correct);
}
