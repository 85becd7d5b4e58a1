/**
 * The order saga's steps: which service runs each, its kind, and its compensation. The pivot is
 * `confirm`: once the order is confirmed to the customer the saga only goes forward, so the steps
 * after it (capture the payment, allocate the reserved stock) are retried until they succeed.
 */
import type { ServiceName, StepKind, StepName } from './types';

/** One step of the saga. */
export interface StepDef {
  readonly name: StepName;
  readonly service: ServiceName;
  readonly kind: StepKind;
  /** What the step does, for captions. */
  readonly label: string;
  /** The compensation's name (compensatable steps only). */
  readonly undo: string | null;
}

/** The steps in order. */
export const STEPS: readonly StepDef[] = [
  { name: 'reserve', service: 'INV', kind: 'compensatable', label: 'reserve inventory', undo: 'release' },
  { name: 'authorise', service: 'PAY', kind: 'compensatable', label: 'authorise payment', undo: 'refund' },
  { name: 'book', service: 'SHIP', kind: 'compensatable', label: 'book shipping', undo: 'cancel' },
  { name: 'confirm', service: 'ORD', kind: 'pivot', label: 'confirm order', undo: null },
  { name: 'capture', service: 'PAY', kind: 'retriable', label: 'capture payment', undo: null },
  { name: 'allocate', service: 'INV', kind: 'retriable', label: 'allocate stock', undo: null },
];

/** Index of a step by name. */
export function stepIndex(name: string): number {
  return STEPS.findIndex((s) => s.name === name);
}

/** The definition of a step. */
export function stepDef(name: StepName): StepDef {
  return STEPS[stepIndex(name)];
}

/** Index of the pivot. */
export const PIVOT = stepIndex('confirm');
