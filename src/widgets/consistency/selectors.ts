/**
 * Pure selectors from the consistency core to what the ConsistencyLab draws: bar geometry,
 * labels, the checker's verdicts and their overlays. No React, so unit-tested directly.
 */
import type { Tagged } from '../../sim/core';
import { classify, minimalViolation, type Classification } from '../../sim/consistency';
import type { HistoryAction } from '../../sim/consistency';
import type { Level } from '../../sim/consistency';
import { describeOp, type History, type Operation } from '../../sim/consistency';

/** Search budget for the lab: reader-sized histories finish far below it. */
export const LAB_BUDGET = 50_000;

/** Short label drawn on an operation's bar. */
export function barLabel(op: Operation): string {
  const v = (x: unknown) => (x === null ? '∅' : String(x));
  if (op.kind === 'write') return `w(${v(op.value)})`;
  if (op.kind === 'read') return op.ret === null ? 'r→?' : `r→${v(op.output)}`;
  return `cas(${v(op.value)}→${v(op.to)})${op.ret === null ? '?' : op.output ? '✓' : '✗'}`;
}

/** Clients to draw: every client with an operation, in name order, plus c1 and c2 always. */
export function clientLanes(ops: readonly Operation[]): string[] {
  return [...new Set(['c1', 'c2', ...ops.map((o) => o.client)])].sort();
}

/** Classify without minimising (fast); violations are minimised on demand per level. */
export function verdicts(h: History): Classification {
  return classify(h, { minimize: false, maxSteps: LAB_BUDGET });
}

/** A minimal violating set for one level, or null when the level holds or is undecided. */
export function violationFor(h: History, c: Classification, level: Level): number[] | null {
  const v = c.levels.find((l) => l.level === level)!;
  if (v.holds !== false) return null;
  return level === 'eventual' ? [...(v.violation ?? [])] : minimalViolation(level, h, LAB_BUDGET);
}

/** Human names of the models. */
export const LEVEL_NAMES: Record<Level, string> = {
  linearizable: 'Linearizable',
  sequential: 'Sequentially consistent',
  causal: 'Causally consistent',
  eventual: 'Eventually consistent',
};

/** A witness order as text: "c1: write(1) → c2: read(x) → 1 → …". */
export function orderText(h: History, ids: readonly number[]): string {
  const byId = new Map(h.ops.map((o) => [o.id, o]));
  // Unknown outcomes get one short "?" (describeOp spells them out, which is too long here).
  return ids.map((id) => describeOp(byId.get(id)!).replace(' → ? (unknown outcome)', ' ?').replace(' (unknown outcome)', ' ?')).join('  ⟶  ');
}

/** The value a fresh write should use: one more than any value in the history. */
export function freshValue(ops: readonly Operation[]): number {
  let m = 0;
  for (const o of ops) for (const v of [o.value, o.to, o.output]) if (typeof v === 'number') m = Math.max(m, v);
  return m + 1;
}

/** Timeline markers for logged edits. */
export function describeHistoryAction(a: Tagged): string {
  const x = a as HistoryAction;
  switch (x.type) {
    case 'op/add':
      return `add ${x.op.client} ${x.op.kind}`;
    case 'op/update':
      return `edit op ${x.id}`;
    case 'op/delete':
      return `delete op ${x.id}`;
    case 'history/clear':
      return 'clear';
    case 'history/generate':
      return `generate (${x.settings.mode ?? 'default'})`;
    default:
      return a.type;
  }
}
