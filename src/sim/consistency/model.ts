/**
 * The sequential specification of a register with read, write, compare-and-set and append —
 * the "model" of Wing & Gong (1993) and Porcupine: a pure function saying which operations are
 * legal in which state and what state they lead to.
 */
import type { Operation, Value } from './types';

/**
 * Apply `op` to a register holding `state`. Returns the new state, or `undefined` when the
 * operation could not have returned what it returned from this state.
 */
export function stepRegister(state: Value, op: Operation): Value | undefined {
  switch (op.kind) {
    case 'read':
      // An unknown-outcome read constrains nothing; checkers drop those before searching.
      return op.ret === null || op.output === state ? state : undefined;
    case 'write':
      return op.value;
    case 'append':
      return String(state ?? '') + String(op.value ?? '');
    case 'cas': {
      const matches = state === op.value;
      // Unknown outcome: the swap is decided by the state at its linearization point.
      if (op.ret === null) return matches ? (op.to ?? null) : state;
      if (op.output === true) return matches ? (op.to ?? null) : undefined;
      return matches ? undefined : state;
    }
  }
}

/** A string that identifies a register state exactly (null and "null" differ). */
export function stateKey(v: Value): string {
  return v === null ? 'N' : typeof v === 'number' ? `n${v}` : `s${v}`;
}

/** Whether an operation can change the register (a write, append or a cas that may swap). */
export function mayWrite(op: Operation): boolean {
  if (op.kind === 'write' || op.kind === 'append') return true;
  if (op.kind === 'cas') return op.ret === null || op.output === true;
  return false;
}
