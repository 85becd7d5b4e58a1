/**
 * The consistency models the lab checks, from strongest to weakest, and how a history is
 * prepared for the order searches: sequential consistency (Lamport 1979) and causal memory
 * (Ahamad, Neiger, Burns, Kohli & Hutto 1995). Linearizability lives in `linearizability.ts`.
 */
import { mayWrite } from './model';
import { findLegalOrder, type SearchItem, type SearchResult } from './orderSearch';
import type { History, Operation } from './types';

/** The models, strongest first. Each implies every weaker one. */
export const LEVELS = ['linearizable', 'sequential', 'causal', 'eventual'] as const;
/** One consistency model. */
export type Level = (typeof LEVELS)[number];

/** Operations that constrain something: reads with unknown outcome are dropped. */
export function relevant(ops: readonly Operation[]): Operation[] {
  return ops.filter((o) => !(o.kind === 'read' && o.ret === null));
}

/** Each client's operations in the order it issued them (clients are sequential). */
export function programOrder(ops: readonly Operation[]): Map<string, Operation[]> {
  const m = new Map<string, Operation[]>();
  for (const o of [...ops].sort((a, b) => a.call - b.call || a.id - b.id)) {
    const l = m.get(o.client);
    if (l) l.push(o);
    else m.set(o.client, [o]);
  }
  return m;
}

/**
 * Sequential consistency: one legal total order of all operations that keeps each client's
 * program order. Every client therefore observes the same order of writes; real time between
 * clients does not matter.
 */
export function checkSequential(h: History, maxSteps?: number): { result: SearchResult; ops: Operation[] } {
  const ops = relevant(h.ops);
  const index = new Map(ops.map((o, i) => [o.id, i]));
  const after: number[][] = ops.map(() => []);
  for (const list of programOrder(ops).values()) {
    for (let k = 1; k < list.length; k++) after[index.get(list[k].id)!].push(index.get(list[k - 1].id)!);
  }
  const items: SearchItem[] = ops.map((op, i) => ({ op, after: after[i], optional: op.ret === null }));
  const result = findLegalOrder(items, h.init, maxSteps);
  return { result, ops };
}

/** Where each read (or cas) got its value: the id of the write, 'init', or 'nowhere'. */
export type Source = number | 'init' | 'nowhere' | 'ambiguous';

/**
 * The writes-into relation: which write each read observed. Needs distinct written values per
 * key to be well defined (the lab's editor guarantees that); otherwise 'ambiguous'.
 */
export function readSources(h: History): Map<number, Source> {
  const writers = new Map<string, Operation[]>();
  for (const o of h.ops) {
    if (!mayWrite(o) || o.kind === 'append') continue;
    const v = o.kind === 'cas' ? o.to : o.value;
    const k = `${o.key}\u0000${JSON.stringify(v)}`;
    writers.set(k, [...(writers.get(k) ?? []), o]);
  }
  const out = new Map<number, Source>();
  for (const o of relevant(h.ops)) {
    let observed: unknown;
    if (o.kind === 'read') observed = o.output;
    else if (o.kind === 'cas' && o.ret !== null && o.output === true) observed = o.value;
    else continue;
    const ws = (writers.get(`${o.key}\u0000${JSON.stringify(observed)}`) ?? []).filter((w) => w.id !== o.id);
    const fromInit = observed === h.init;
    if (ws.length === 0) out.set(o.id, fromInit ? 'init' : 'nowhere');
    else if (ws.length === 1 && !fromInit) out.set(o.id, ws[0].id);
    else out.set(o.id, 'ambiguous');
  }
  return out;
}

/** Outcome of the causal check. */
export type CausalResult =
  | { readonly kind: 'ok'; readonly views: ReadonlyMap<string, readonly number[]> }
  | { readonly kind: 'violated'; readonly client: string | null; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * Causal memory: causality is program order plus writes-into, closed transitively; it must be
 * acyclic, and each client must have a legal order of (every write) ∪ (its own operations) that
 * extends it. Different clients may order concurrent writes differently. A successful cas by
 * another client appears in a view as its write; its read half is checked in its own client's view.
 */
export function checkCausal(h: History, maxSteps?: number, patternsOnly = false): CausalResult {
  const ops = relevant(h.ops);
  if (ops.some((o) => o.kind === 'append')) return { kind: 'unknown', reason: 'causal check supports read, write and cas only' };
  const sources = readSources(h);
  for (const [id, s] of sources) {
    if (s === 'ambiguous') return { kind: 'unknown', reason: `two writes wrote the value op ${id} read; causality is ambiguous` };
    if (s === 'nowhere') return { kind: 'violated', client: null, reason: `op ${id} read a value nobody wrote` };
  }
  const n = ops.length;
  const index = new Map(ops.map((o, i) => [o.id, i]));
  const direct: number[][] = ops.map(() => []);
  for (const list of programOrder(ops).values()) {
    for (let k = 1; k < list.length; k++) direct[index.get(list[k].id)!].push(index.get(list[k - 1].id)!);
  }
  for (const [id, s] of sources) if (typeof s === 'number') direct[index.get(id)!].push(index.get(s)!);
  // Transitive closure: before[i] = every op causally before i. Small histories, so O(n^3) is fine.
  const before: Set<number>[] = ops.map(() => new Set());
  const visiting = new Uint8Array(n);
  const visit = (i: number): boolean => {
    if (visiting[i] === 2) return true;
    if (visiting[i] === 1) return false;
    visiting[i] = 1;
    for (const j of direct[i]) {
      if (!visit(j)) return false;
      before[i].add(j);
      for (const k of before[j]) before[i].add(k);
    }
    visiting[i] = 2;
    return true;
  };
  for (let i = 0; i < n; i++) if (!visit(i)) return { kind: 'violated', client: null, reason: 'causality has a cycle: a read observed a write that causally follows it' };
  // Cheap "bad patterns" first (Bouajjani, Enea, Guerraoui & Hamza, POPL 2017, for differentiated
  // histories): each one alone proves a violation, and they catch most violations without search.
  const isWrite = (i: number) => mayWrite(ops[i]) && ops[i].kind !== 'read';
  for (const [id, src] of sources) {
    const r = index.get(id)!;
    if (src === 'init') {
      // WriteCOInitRead: the reader already knew of a write to the key, yet read the initial value.
      const w = [...before[r]].find((j) => isWrite(j) && ops[j].key === ops[r].key);
      if (w !== undefined) return { kind: 'violated', client: ops[r].client, reason: `${ops[r].client} read the initial value after causally seeing op ${ops[w].id}'s write` };
    } else if (typeof src === 'number') {
      // WriteCORead: the write read from was causally overwritten before the read.
      const w1 = index.get(src)!;
      const w2 = [...before[r]].find((j) => j !== w1 && j !== r && isWrite(j) && ops[j].key === ops[r].key && before[j].has(w1));
      if (w2 !== undefined) return { kind: 'violated', client: ops[r].client, reason: `op ${id} read op ${src}'s value although op ${ops[w2].id} had causally overwritten it` };
    }
  }
  if (patternsOnly) return { kind: 'unknown', reason: 'no cheap violation pattern; a search would be needed' };
  const views = new Map<string, number[]>();
  let spent = 0;
  for (const client of programOrder(ops).keys()) {
    const members = ops.map((o, i) => i).filter((i) => ops[i].client === client || (mayWrite(ops[i]) && ops[i].kind !== 'read'));
    const pos = new Map(members.map((g, k) => [g, k]));
    const items: SearchItem[] = members.map((g) => {
      const op = ops[g];
      const own = op.client === client;
      return { op, after: [...before[g]].filter((j) => pos.has(j)).map((j) => pos.get(j)!), optional: op.ret === null, writeOnly: !own && op.kind === 'cas' };
    });
    const r = findLegalOrder(items, h.init, maxSteps === undefined ? undefined : Math.max(1, maxSteps - spent));
    if (r.kind === 'gave-up') return { kind: 'unknown', reason: 'search budget exhausted' };
    if (r.kind === 'none') return { kind: 'violated', client, reason: `no order of the writes explains what ${client} saw` };
    views.set(client, r.order.map((k) => ops[members[k]].id));
    spent += r.order.length;
  }
  return { kind: 'ok', views };
}

/**
 * Eventual consistency is a liveness promise (replicas converge once writes stop), so a finite
 * history can only refute its safety side: every read returns the initial value or a value some
 * operation wrote — nothing out of thin air. (No real-time condition: that would make this check
 * stronger than sequential consistency in places, and the models must nest.)
 */
export function checkEventual(h: History): { ok: boolean; offending: number[] } {
  const offending: number[] = [];
  for (const o of relevant(h.ops)) {
    if (o.kind !== 'read') continue;
    if (o.output === h.init) continue;
    const ok = h.ops.some((w) => w.key === o.key && mayWrite(w) && (w.kind === 'cas' ? w.to : w.value) === o.output && w.id !== o.id);
    if (!ok) offending.push(o.id);
  }
  return { ok: offending.length === 0, offending };
}

/**
 * True when a cheap check (thin-air read, causality cycle, or a POPL'17 bad pattern) already
 * shows the history is not causal — and therefore not sequentially consistent either.
 */
export function causalPatternViolation(h: History): boolean {
  return checkCausal(h, undefined, true).kind === 'violated';
}
