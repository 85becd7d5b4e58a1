/**
 * Linearizability checking by the Wing & Gong search ("Testing and verifying concurrent
 * objects", JPDC 1993) with Lowe's memoisation of (linearized set, state) pairs ("Testing for
 * linearizability", CCPE 2017) — the algorithm Porcupine (Athalye) and Knossos' `wgl` use.
 *
 * The history is a list of call and return entries in time order. The search repeatedly takes
 * the first call whose operation can be applied to the model, "lifts" it (removes its call and
 * return from the list) and continues; reaching a return entry means the operation that returns
 * there was never linearized, so it backtracks. Unknown-outcome operations return at infinity.
 * Registers with different keys are independent (Herlihy & Wing's locality, §3.1), so the
 * history is split by key and each part checked alone.
 */
import { Bitset, ConfigCache } from './bitset';
import { stateKey, stepRegister } from './model';
import { isPureRead, type History, type Operation, type Value } from './types';

/** Outcome of one linearizability check. */
export interface LinearizabilityResult {
  /** 'unknown' when the search budget ran out before an answer. */
  readonly verdict: 'yes' | 'no' | 'unknown';
  /** When 'yes': operation ids in linearization order (per key, keys in order of first call). */
  readonly order: readonly number[];
  /** Search steps taken (for benchmarks and budgets). */
  readonly steps: number;
}

/** Options for {@link checkLinearizable}. */
export interface LinearizabilityOptions {
  /** Give up (verdict 'unknown') after this many search steps. */
  readonly maxSteps?: number;
}

interface Entry {
  readonly isCall: boolean;
  readonly op: number;
  readonly time: number;
  match: Entry | null;
  prev: Entry | null;
  next: Entry | null;
}

/** Check a whole history, split by key. */
export function checkLinearizable(history: History, opts: LinearizabilityOptions = {}): LinearizabilityResult {
  const byKey = partitionByKey(history.ops);
  const order: number[] = [];
  let steps = 0;
  let budget = opts.maxSteps ?? Infinity;
  for (const ops of byKey.values()) {
    const r = checkSingle(ops, history.init, budget);
    steps += r.steps;
    budget -= r.steps;
    if (r.verdict !== 'yes') return { verdict: r.verdict, order: [], steps };
    order.push(...r.order);
  }
  return { verdict: 'yes', order, steps };
}

/** Group operations by key, keys in order of first appearance. */
export function partitionByKey(ops: readonly Operation[]): Map<string, Operation[]> {
  const m = new Map<string, Operation[]>();
  for (const op of ops) {
    const list = m.get(op.key);
    if (list) list.push(op);
    else m.set(op.key, [op]);
  }
  return m;
}

function buildEntries(ops: readonly Operation[]): Entry {
  const entries: Entry[] = [];
  ops.forEach((op, i) => {
    const call: Entry = { isCall: true, op: i, time: op.call, match: null, prev: null, next: null };
    const ret: Entry = { isCall: false, op: i, time: op.ret ?? Infinity, match: null, prev: null, next: null };
    call.match = ret;
    entries.push(call, ret);
  });
  // Calls sort before returns at equal times: operations that touch are concurrent, because
  // A precedes B only when A.ret < B.call.
  entries.sort((a, b) => a.time - b.time || (a.isCall === b.isCall ? a.op - b.op : a.isCall ? -1 : 1));
  const head: Entry = { isCall: false, op: -1, time: -Infinity, match: null, prev: null, next: null };
  let last = head;
  for (const e of entries) {
    last.next = e;
    e.prev = last;
    last = e;
  }
  return head;
}

function lift(e: Entry): void {
  e.prev!.next = e.next;
  if (e.next) e.next.prev = e.prev;
  const m = e.match!;
  m.prev!.next = m.next;
  if (m.next) m.next.prev = m.prev;
}

function unlift(e: Entry): void {
  const m = e.match!;
  m.prev!.next = m;
  if (m.next) m.next.prev = m;
  e.prev!.next = e;
  if (e.next) e.next.prev = e;
}

/**
 * Check the operations on one register. Reads with unknown outcome constrain nothing and are
 * dropped. The candidates at each configuration are the calls before the first pending return;
 * they are tried earliest-deadline first, so operations with unknown outcome (deadline infinity)
 * come last. That order changes only speed, not the answer: every candidate is still tried.
 *
 * Symmetry pruning: two unknown-outcome operations with the same effect (same kind and
 * arguments) are interchangeable once both have been called, so the later-called one is only
 * tried after the earlier one is placed. (Exchange argument: in any linearization, hand the used
 * twins' slots to the twins in call order; each still lands after its own call.) Jepsen histories
 * are full of such twins — timed-out writes of the same few values — and without this the search
 * revisits every subset of them.
 *
 * Lazy unknown outcomes: an operation that may never have happened is only placed at a point
 * where it changes the state and another candidate's outcome depends on that (exchange argument:
 * move it later past every operation it does not affect; if it meets a write first, or nothing,
 * drop it — "never happened" is allowed). The search ends once every known operation is placed.
 *
 * Greedy reads: if a candidate that never changes the state (a read, a cas known to have failed)
 * is legal now, it is the only one tried. Moving such an operation earlier to the
 * current point keeps every other operation legal, and no unplaced operation must precede it
 * (it is a candidate), so if any linearization exists from here, one starts with it.
 */
function checkSingle(all: readonly Operation[], init: Value, maxSteps: number): LinearizabilityResult {
  const ops = all.filter((o) => !(o.kind === 'read' && o.ret === null));
  const head = buildEntries(ops);
  const callEntry: Entry[] = [];
  for (let e = head.next; e; e = e.next) if (e.isCall) callEntry[e.op] = e;
  const deadline = (i: number) => ops[i].ret ?? Infinity;
  const twin = pendingTwins(ops);
  const bits = new Bitset(ops.length);
  const candidates = (state: Value): number[] => {
    const c: number[] = [];
    for (let e = head.next; e && e.isCall; e = e.next) {
      const o = ops[e.op];
      if (isPureRead(o) && stepRegister(state, o) !== undefined) return [e.op];
      if (twin[e.op] < 0 || bits.has(twin[e.op])) c.push(e.op);
    }
    // Lazy unknown-outcome operations: place one only where it matters, i.e. where it changes
    // the state and some other candidate's outcome depends on that change.
    const useful = c.filter((i) => {
      if (ops[i].ret !== null) return true;
      const after = stepRegister(state, ops[i]);
      if (after === state) return false;
      return c.some((j) => j !== i && stepRegister(after!, ops[j]) !== stepRegister(state, ops[j]));
    });
    return useful.sort((a, b) => deadline(a) - deadline(b) || a - b);
  };
  const mustPlace = ops.filter((o) => o.ret !== null).length;
  let placedKnown = 0;
  const cache = new ConfigCache();
  // Each frame: the candidates at a configuration, which one is being tried, and the state there.
  const frames: { cands: number[]; idx: number; state: Value }[] = [{ cands: candidates(init), idx: 0, state: init }];
  const chosen: number[] = [];
  let steps = 0;
  while (frames.length > 0) {
    if (++steps > maxSteps) return { verdict: 'unknown', order: [], steps };
    const f = frames[frames.length - 1];
    // Done when every operation with a known outcome is placed: unknown ones left over never took effect.
    if (placedKnown === mustPlace) break;
    if (f.idx >= f.cands.length) {
      // Nothing left to try here: undo the choice that led to this configuration.
      frames.pop();
      const op = chosen.pop();
      if (op === undefined) return { verdict: 'no', order: [], steps };
      if (ops[op].ret !== null) placedKnown--;
      bits.flip(op);
      unlift(callEntry[op]);
      continue;
    }
    const op = f.cands[f.idx++];
    const next = stepRegister(f.state, ops[op]);
    if (next === undefined) continue;
    bits.flip(op);
    if (!cache.add(bits, stateKey(next))) {
      bits.flip(op);
      continue;
    }
    lift(callEntry[op]);
    chosen.push(op);
    if (ops[op].ret !== null) placedKnown++;
    frames.push({ cands: candidates(next), idx: 0, state: next });
  }
  if (placedKnown !== mustPlace) return { verdict: 'no', order: [], steps };
  return { verdict: 'yes', order: chosen.map((i) => ops[i].id), steps };
}

/** For each unknown-outcome operation, the previous-called one with the same effect, or -1. */
function pendingTwins(ops: readonly Operation[]): number[] {
  const last = new Map<string, number>();
  const twin = ops.map(() => -1);
  const order = ops.map((_, i) => i).sort((a, b) => ops[a].call - ops[b].call || a - b);
  for (const i of order) {
    const o = ops[i];
    if (o.ret !== null) continue;
    const sig = JSON.stringify([o.kind, o.value, o.to ?? null]);
    twin[i] = last.get(sig) ?? -1;
    last.set(sig, i);
  }
  return twin;
}
