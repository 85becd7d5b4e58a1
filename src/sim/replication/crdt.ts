/**
 * State-based CRDTs (convergent replicated data types) after Shapiro, Preguiça, Baquero & Zawirski,
 * "Conflict-free Replicated Data Types" (SSS 2011) and the companion technical report
 * (INRIA RR-7506, 2011): G-Counter (Spec. 6), PN-Counter (Spec. 7), LWW-Register (Spec. 8) and the
 * add-wins Observed-Remove Set (Spec. 15). Each state is plain data; `merge` is the least upper
 * bound of a join-semilattice, which is what makes it commutative, associative and idempotent, and
 * every update only moves a state up the lattice. So replicas that have seen the same updates, in
 * any order and any number of times, hold equal states.
 */

/** G-Counter: one non-decreasing count per replica; the value is their sum. */
export type GCounter = Readonly<Record<string, number>>;

/** Increment replica r's entry by n ≥ 0. */
export function gInc(c: GCounter, r: string, n = 1): GCounter {
  return { ...c, [r]: (c[r] ?? 0) + Math.max(0, n) };
}
/** The counter's value. */
export function gValue(c: GCounter): number {
  return Object.values(c).reduce((a, b) => a + b, 0);
}
/** Pointwise maximum. */
export function gMerge(a: GCounter, b: GCounter): GCounter {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = Math.max(out[k] ?? 0, v);
  return sortKeys(out);
}

/** PN-Counter: increments and decrements as two G-Counters. */
export interface PNCounter {
  readonly p: GCounter;
  readonly n: GCounter;
}
/** Empty PN-Counter. */
export const pnEmpty: PNCounter = { p: {}, n: {} };
/** Add `by` (negative to decrement) at replica r. */
export function pnAdd(c: PNCounter, r: string, by: number): PNCounter {
  return by >= 0 ? { p: gInc(c.p, r, by), n: c.n } : { p: c.p, n: gInc(c.n, r, -by) };
}
/** The counter's value. */
export function pnValue(c: PNCounter): number {
  return gValue(c.p) - gValue(c.n);
}
/** Merge both halves. */
export function pnMerge(a: PNCounter, b: PNCounter): PNCounter {
  return { p: gMerge(a.p, b.p), n: gMerge(a.n, b.n) };
}

/** LWW-Register: a value with a (time, replica) stamp; the higher stamp wins. */
export interface LwwRegister<T> {
  readonly value: T;
  readonly time: number;
  readonly replica: string;
}
/** True if stamp a is newer than stamp b (ties broken by replica id, so the order is total). */
export function lwwNewer<T>(a: LwwRegister<T>, b: LwwRegister<T>): boolean {
  return a.time > b.time || (a.time === b.time && a.replica > b.replica);
}
/** Keep the newer of the two. */
export function lwwMerge<T>(a: LwwRegister<T>, b: LwwRegister<T>): LwwRegister<T> {
  return lwwNewer(b, a) ? b : a;
}
/**
 * Assign at replica r with its clock reading `time`. The stamp is moved past the current one when
 * the clock has not (as a hybrid logical clock does), so one stamp never names two values.
 */
export function lwwSet<T>(reg: LwwRegister<T>, value: T, time: number, r: string): LwwRegister<T> {
  return { value, time: time > reg.time ? time : Math.floor(reg.time) + 1, replica: r };
}

/**
 * Add-wins Observed-Remove Set: every add carries a unique tag (replica:counter); a remove
 * tombstones only the tags it has observed, so an add concurrent with a remove survives.
 */
export interface OrSet {
  /** element → tags that added it (sorted). */
  readonly adds: Readonly<Record<string, readonly string[]>>;
  /** Removed tags (sorted). */
  readonly removed: readonly string[];
  /** Per-replica counter used to mint tags. */
  readonly clock: GCounter;
}
/** Empty OR-Set. */
export const orEmpty: OrSet = { adds: {}, removed: [] , clock: {} };

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])].sort();

/** Add element e at replica r with a fresh tag. */
export function orAdd(s: OrSet, r: string, e: string): OrSet {
  const clock = gInc(s.clock, r);
  const tag = `${r}:${clock[r]}`;
  return { adds: sortKeys({ ...s.adds, [e]: union(s.adds[e] ?? [], [tag]) }), removed: s.removed, clock: sortKeys(clock) };
}
/** Remove e: tombstone the tags of e this replica has seen. */
export function orRemove(s: OrSet, e: string): OrSet {
  return { ...s, removed: union(s.removed, s.adds[e] ?? []) };
}
/** Elements with at least one tag not removed, sorted. */
export function orValue(s: OrSet): string[] {
  const dead = new Set(s.removed);
  return Object.keys(s.adds)
    .filter((e) => s.adds[e].some((t) => !dead.has(t)))
    .sort();
}
/** Union of adds, tombstones and clocks. */
export function orMerge(a: OrSet, b: OrSet): OrSet {
  const adds: Record<string, readonly string[]> = { ...a.adds };
  for (const [e, tags] of Object.entries(b.adds)) adds[e] = union(adds[e] ?? [], tags);
  return { adds: sortKeys(adds), removed: union(a.removed, b.removed), clock: gMerge(a.clock, b.clock) };
}

/** Same contents, keys in sorted order (so equal states are deep-equal and print the same). */
function sortKeys<V>(o: Record<string, V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}
