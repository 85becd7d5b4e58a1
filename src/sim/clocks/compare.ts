/**
 * Comparing two events the way each clock can: the ground truth is Lamport's happened-before
 * relation (1978 §2), computed here from the run's explicit causes; each clock then says what
 * its timestamps allow it to say.
 */
import { hlcCompare, vectorCompare } from './logical';
import type { ClockEvent } from './types';

/** The true relation between a and b. */
export type Relation = 'before' | 'after' | 'concurrent' | 'same';

/** What one clock concludes. */
export interface ClockVerdict {
  /** 'before' / 'after' / 'concurrent' when the clock decides; 'cannot-tell' when it cannot. */
  readonly says: Relation | 'cannot-tell';
  /** True when the verdict matches the truth (a 'cannot-tell' is never wrong, only unhelpful). */
  readonly correct: boolean;
  /** One sentence, for the table and the live region. */
  readonly explain: string;
}

/** The verdict of every clock on one pair. */
export interface Comparison {
  readonly truth: Relation;
  readonly physical: ClockVerdict;
  readonly lamport: ClockVerdict;
  readonly vector: ClockVerdict;
  readonly hlc: ClockVerdict;
}

/** Does a happen before b? Depth-first search over causes (program order and message receipt). */
export function happenedBefore(events: readonly ClockEvent[], a: number, b: number): boolean {
  if (a === b) return false;
  const seen = new Set<number>();
  const stack = [b];
  while (stack.length) {
    const x = stack.pop()!;
    for (const c of events[x].causes) {
      if (c === a) return true;
      if (!seen.has(c)) {
        seen.add(c);
        stack.push(c);
      }
    }
  }
  return false;
}

/** The true relation, from the causal graph alone (no clock involved). */
export function trueRelation(events: readonly ClockEvent[], a: number, b: number): Relation {
  if (a === b) return 'same';
  if (happenedBefore(events, a, b)) return 'before';
  if (happenedBefore(events, b, a)) return 'after';
  return 'concurrent';
}

const name = (e: ClockEvent) => `e${e.id}`;

/** Compare events a and b by every clock. */
export function compareEvents(events: readonly ClockEvent[], a: number, b: number): Comparison {
  const ea = events[a];
  const eb = events[b];
  const truth = trueRelation(events, a, b);
  const verdict = (says: Relation | 'cannot-tell', explain: string): ClockVerdict => ({ says, correct: says === 'cannot-tell' || says === truth, explain });

  // Physical: a timestamp order is all it has, so it always answers — and may be wrong.
  const physical =
    ea.pt < eb.pt
      ? verdict('before', `${ea.pt} < ${eb.pt}: ordered by wall clock, ${name(ea)} first`)
      : ea.pt > eb.pt
        ? verdict('after', `${ea.pt} > ${eb.pt}: ordered by wall clock, ${name(eb)} first`)
        : verdict('cannot-tell', `both read ${ea.pt} ms: the wall clock cannot order them`);

  // Lamport: a → b implies L(a) < L(b); the converse fails, so < only rules one direction out.
  // On one node the events are in program order, and any clock that only grows orders them.
  const sameNode = ea.node === eb.node && a !== b;
  const local = (aFirst: boolean, detail: string) =>
    verdict(aFirst ? 'before' : 'after', `same node (${detail}): program order, so ${aFirst ? name(ea) : name(eb)} happened first`);
  const lamport = sameNode
    ? local(ea.lamport < eb.lamport, `${ea.lamport} vs ${eb.lamport}`)
    : ea.lamport === eb.lamport
      ? verdict(a === b ? 'same' : 'concurrent', `equal timestamps (${ea.lamport}) on different nodes: neither can have happened before the other`)
      : verdict('cannot-tell', ea.lamport < eb.lamport ? `${ea.lamport} < ${eb.lamport}: ${name(eb)} did not happen before ${name(ea)}, but ${name(ea)} may or may not have caused ${name(eb)}` : `${ea.lamport} > ${eb.lamport}: ${name(ea)} did not happen before ${name(eb)}, but ${name(eb)} may or may not have caused ${name(ea)}`);

  // Vector: exact. V(a) ≤ V(b) everywhere and < somewhere iff a → b.
  const vc = vectorCompare(ea.vector, eb.vector);
  const vector =
    vc === 'before'
      ? verdict('before', `V(${name(ea)}) ≤ V(${name(eb)}) in every entry and < in one: ${name(ea)} happened before ${name(eb)}`)
      : vc === 'after'
        ? verdict('after', `V(${name(eb)}) ≤ V(${name(ea)}) in every entry and < in one: ${name(eb)} happened before ${name(ea)}`)
        : vc === 'equal'
          ? verdict('same', 'identical vectors: the same event')
          : verdict('concurrent', `each vector is larger in some entry: concurrent`);

  // HLC: like Lamport, (l,c) order is consistent with causality but does not capture it.
  const hc = hlcCompare(ea.hlc, eb.hlc);
  const fmt = (e: ClockEvent) => `(${e.hlc.l}, ${e.hlc.c})`;
  const hlc = sameNode
    ? local(hc < 0, `${fmt(ea)} vs ${fmt(eb)}`)
    : hc === 0
      ? verdict(a === b ? 'same' : 'concurrent', `equal HLC timestamps ${fmt(ea)}: neither happened before the other`)
      : verdict('cannot-tell', hc < 0 ? `${fmt(ea)} < ${fmt(eb)}: ${name(eb)} did not happen before ${name(ea)}; causality unknown` : `${fmt(ea)} > ${fmt(eb)}: ${name(ea)} did not happen before ${name(eb)}; causality unknown`);

  return { truth, physical, lamport, vector, hlc };
}
