/**
 * Search for a legal total order of a set of operations that extends a given partial order —
 * the core question behind sequential consistency (Lamport 1979: one order, each process's
 * operations in program order) and causal memory (Ahamad et al. 1995: one order per process,
 * extending causality). Same memoised depth-first search as the linearizability checker, over
 * an arbitrary "must come after" relation instead of real time. Exponential in the worst case
 * (checking sequential consistency is NP-complete, Gibbons & Korach 1997), hence the budget.
 */
import { Bitset, ConfigCache } from './bitset';
import { stateKey, stepRegister } from './model';
import { isPureRead, type Operation, type Value } from './types';

/** How one operation is treated by the search. */
export interface SearchItem {
  readonly op: Operation;
  /** Indices (into the item list) that must be placed before this one. */
  readonly after: readonly number[];
  /** May be left out entirely (an operation whose outcome is unknown may never have happened). */
  readonly optional: boolean;
  /** Apply only the write part (another process's cas seen in this process's view). */
  readonly writeOnly?: boolean;
}

/** Result: an order of item indices (skipped optional items omitted), or why there is none. */
export type SearchResult =
  | { readonly kind: 'found'; readonly order: readonly number[]; readonly steps: number }
  | { readonly kind: 'none'; readonly steps: number }
  | { readonly kind: 'gave-up'; readonly steps: number };

/**
 * State of every register, by key. Sequential consistency is not a local property (Herlihy &
 * Wing §3.1), so unlike linearizability these checks cannot split a history by key.
 */
export type Store = Readonly<Record<string, Value>>;

/** Apply an item to the store; undefined when illegal; the same object when nothing changed. */
function applyItem(store: Store, it: SearchItem, init: Value): Store | undefined {
  const cur = it.op.key in store ? store[it.op.key] : init;
  const next = it.writeOnly && it.op.kind === 'cas' ? (it.op.to ?? null) : stepRegister(cur, it.op);
  if (next === undefined) return undefined;
  if (next === cur) return store;
  return { ...store, [it.op.key]: next };
}

function storeKey(s: Store): string {
  return Object.keys(s)
    .sort()
    .map((k) => `${k}=${stateKey(s[k])}`)
    .join(',');
}

/** Find a legal order of `items`, every register starting at `init`, trying at most `maxSteps` moves. */
export function findLegalOrder(items: readonly SearchItem[], init: Value, maxSteps = 200_000): SearchResult {
  const n = items.length;
  const placed = new Bitset(n);
  const cache = new ConfigCache();
  const order: number[] = [];
  let steps = 0;
  let gaveUp = false;
  const ready = (i: number) => !placed.has(i) && items[i].after.every((j) => placed.has(j));
  // Dead-value pruning: an unplaced read of v (or a successful cas from v) needs the register to
  // hold v at some future point: either it does now, or some unplaced operation can write v.
  // If not, no completion exists. (With distinct written values, an overwritten value is gone for good.)
  const slot = (key: string, v: Value) => `${key}\u0000${stateKey(v)}`;
  const needs = items.map((it) => {
    const o = it.op;
    if (it.writeOnly || o.ret === null) return null;
    if (o.kind === 'read') return slot(o.key, o.output as Value);
    if (o.kind === 'cas' && o.output === true) return slot(o.key, o.value);
    return null;
  });
  const writes = items.map((it) => {
    const o = it.op;
    if (o.kind === 'write') return slot(o.key, o.value);
    if (o.kind === 'cas' && (it.writeOnly || o.ret === null || o.output === true)) return slot(o.key, o.to ?? null);
    return null; // appends produce values we cannot enumerate cheaply: treat as unknown below
  });
  const hasAppend = items.some((it) => it.op.kind === 'append');
  // Slots as small integers, so the per-step check is array work rather than string sets.
  const slotIds = new Map<string, number>();
  const idOf = (k: string | null) => (k === null ? -1 : (slotIds.get(k) ?? (slotIds.set(k, slotIds.size), slotIds.size - 1)));
  const needId = needs.map(idOf);
  const writeId = writes.map(idOf);
  const reach = new Uint8Array(slotIds.size + 1);
  const doomed = (state: Store): boolean => {
    if (hasAppend) return false;
    reach.fill(0);
    for (let i = 0; i < n; i++) if (writeId[i] >= 0 && !placed.has(i)) reach[writeId[i]] = 1;
    for (let i = 0; i < n; i++) {
      const need = needId[i];
      if (need < 0 || reach[need] || placed.has(i)) continue;
      const key = items[i].op.key;
      if (needs[i] !== slot(key, key in state ? state[key] : init)) return true;
    }
    return false;
  };
  const dfs = (state: Store, count: number): boolean => {
    if (count === n) return true;
    if (++steps > maxSteps) {
      gaveUp = true;
      return false;
    }
    if (doomed(state)) return false;
    const cands: number[] = [];
    for (let i = 0; i < n; i++) if (ready(i)) cands.push(i);
    // Greedy step, as in the linearizability checker: a ready, known, state-preserving op is
    // safe to place now (nothing unplaced must precede it, and it changes nothing).
    const pure = cands.find((i) => !items[i].writeOnly && isPureRead(items[i].op) && applyItem(state, items[i], init) !== undefined);
    const tries = pure !== undefined ? [pure] : cands;
    for (const i of tries) {
      const moves: { next: Store; skip: boolean }[] = [];
      const next = applyItem(state, items[i], init);
      if (next !== undefined) moves.push({ next, skip: false });
      if (items[i].optional && pure === undefined) moves.push({ next: state, skip: true });
      for (const m of moves) {
        placed.flip(i);
        if (cache.add(placed, storeKey(m.next))) {
          if (!m.skip) order.push(i);
          if (dfs(m.next, count + 1)) return true;
          if (!m.skip) order.pop();
        }
        placed.flip(i);
        if (gaveUp) return false;
      }
    }
    return false;
  };
  if (dfs({}, 0)) return { kind: 'found', order: [...order], steps };
  return gaveUp ? { kind: 'gave-up', steps } : { kind: 'none', steps };
}
