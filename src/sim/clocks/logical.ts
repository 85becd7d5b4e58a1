/**
 * The three logical clocks, as pure update rules.
 * - Lamport clocks: Lamport, "Time, Clocks, and the Ordering of Events in a Distributed System"
 *   (CACM 1978), rules IR1 and IR2.
 * - Vector clocks: Fidge (1988) and Mattern (1989). On receipt, take the element-wise maximum over
 *   every entry, then increment your own entry.
 * - Hybrid logical clocks: Kulkarni, Demirbas, Madappa, Avva & Leone, "Logical Physical Clocks"
 *   (OPODIS 2014), Figure 5 (the HLC algorithm with l and c).
 */

/** A vector clock: one counter per node id. */
export type Vector = Readonly<Record<string, number>>;

/** A hybrid logical clock timestamp: l tracks the largest physical time heard of, c breaks ties. */
export interface Hlc {
  readonly l: number;
  readonly c: number;
}

/** Lamport IR1: a local or send event increments the counter. */
export function lamportTick(l: number): number {
  return l + 1;
}

/** Lamport IR2: on receipt, move past the message's timestamp. */
export function lamportReceive(l: number, msg: number): number {
  return Math.max(l, msg) + 1;
}

/** Vector clock: a local or send event increments the node's own entry. */
export function vectorTick(v: Vector, self: string): Vector {
  return { ...v, [self]: (v[self] ?? 0) + 1 };
}

/** Vector clock receive: element-wise max over all entries, then increment own. */
export function vectorReceive(v: Vector, msg: Vector, self: string): Vector {
  const out: Record<string, number> = { ...v };
  for (const k of Object.keys(msg)) out[k] = Math.max(out[k] ?? 0, msg[k]);
  out[self] = (out[self] ?? 0) + 1;
  return out;
}

/** HLC send or local event (Kulkarni et al. 2014, Fig. 5), with physical time `pt`. */
export function hlcTick(h: Hlc, pt: number): Hlc {
  const l = Math.max(h.l, pt);
  return { l, c: l === h.l ? h.c + 1 : 0 };
}

/** HLC receive of message timestamp `m` (Kulkarni et al. 2014, Fig. 5). */
export function hlcReceive(h: Hlc, m: Hlc, pt: number): Hlc {
  const l = Math.max(h.l, m.l, pt);
  let c: number;
  if (l === h.l && l === m.l) c = Math.max(h.c, m.c) + 1;
  else if (l === h.l) c = h.c + 1;
  else if (l === m.l) c = m.c + 1;
  else c = 0;
  return { l, c };
}

/** Lexicographic order on HLC timestamps: negative if a < b. */
export function hlcCompare(a: Hlc, b: Hlc): number {
  return a.l - b.l || a.c - b.c;
}

/** Vector comparison: 'before' iff a ≤ b everywhere and < somewhere; 'equal'; 'after'; or 'concurrent'. */
export function vectorCompare(a: Vector, b: Vector): 'before' | 'after' | 'equal' | 'concurrent' {
  let less = false;
  let greater = false;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k] ?? 0;
    const y = b[k] ?? 0;
    if (x < y) less = true;
    if (x > y) greater = true;
  }
  if (less && greater) return 'concurrent';
  if (less) return 'before';
  if (greater) return 'after';
  return 'equal';
}
