/**
 * Data types for histories of operations on shared registers, as in Herlihy & Wing,
 * "Linearizability: A Correctness Condition for Concurrent Objects" (TOPLAS 1990), §2:
 * a history is a set of operations, each with an invocation and a response, issued by
 * sequential clients. Plain serialisable data only.
 */

/** A value held by a register: a number or string, or null for "never written". */
export type Value = number | string | null;

/** The operations the lab's registers support. */
export type OpKind = 'read' | 'write' | 'cas' | 'append';

/** One operation by one client on one register (`key`). */
export interface Operation {
  /** Unique and stable within a history. */
  readonly id: number;
  /** The client (process) that issued it; each client is sequential. */
  readonly client: string;
  /** Register name; operations on different keys never interact. */
  readonly key: string;
  readonly kind: OpKind;
  /** write: the value written; append: the suffix; cas: the expected value; read: unused (null). */
  readonly value: Value;
  /** cas only: the value swapped in when the register held `value`. */
  readonly to?: Value;
  /**
   * read: the value returned; cas: true if it swapped, false if not.
   * Ignored when `ret` is null (the outcome is unknown).
   */
  readonly output: Value | boolean;
  /** Invocation time. */
  readonly call: number;
  /**
   * Response time, or null when the outcome is unknown (timeout, crash): the operation may
   * take effect at any moment after `call`, or never.
   */
  readonly ret: number | null;
}

/** A history plus the initial value of every register. */
export interface History {
  readonly ops: readonly Operation[];
  /** Value every register holds before any write. */
  readonly init: Value;
}

/** `a` precedes `b` in real time: `a` returned before `b` was invoked. */
export function precedes(a: Operation, b: Operation): boolean {
  return a.ret !== null && a.ret < b.call;
}

/** True when the operation changed nothing (a read, a failed cas) and its outcome is known. */
export function isPureRead(op: Operation): boolean {
  return op.kind === 'read' || (op.kind === 'cas' && op.ret !== null && op.output === false);
}

/** Human-readable one-liner, e.g. `c1: write(x, 3)` or `c2: read(x) → 3`. */
export function describeOp(op: Operation): string {
  const k = op.key === 'x' ? '' : `${op.key}, `;
  const show = (v: Value | boolean) => (v === null ? '∅' : v === '' ? '""' : String(v));
  let body: string;
  if (op.kind === 'read') body = `read(${op.key})` + (op.ret === null ? ' → ?' : ` → ${show(op.output)}`);
  else if (op.kind === 'write') body = `write(${k}${show(op.value)})`;
  else if (op.kind === 'append') body = `append(${k}${show(op.value)})`;
  else body = `cas(${k}${show(op.value)}→${show(op.to ?? null)})` + (op.ret === null ? ' → ?' : op.output ? ' ✓' : ' ✗');
  return `${op.client}: ${body}${op.ret === null ? ' (unknown outcome)' : ''}`;
}
