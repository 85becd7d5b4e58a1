/**
 * A compact way to write histories in tests and scenarios:
 * `op('c1', 'w', 1, 0, 10)` is client c1 writing 1 from time 0 to 10.
 */
import type { History, Operation, Value } from './types';

/** Shorthand operation spec: [client, kind, value(s), output?, call, ret]. */
export type OpSpec =
  | readonly [client: string, kind: 'w', value: Value, call: number, ret: number | null]
  | readonly [client: string, kind: 'r', output: Value, call: number, ret: number | null]
  | readonly [client: string, kind: 'cas', from: Value, to: Value, ok: boolean, call: number, ret: number | null];

/** Build a single-register ('x') history from specs; ids follow the order given. */
export function history(specs: readonly OpSpec[], init: Value = 0): History {
  const ops: Operation[] = specs.map((s, id): Operation => {
    if (s[1] === 'w') return { id, client: s[0], key: 'x', kind: 'write', value: s[2], output: null, call: s[3], ret: s[4] };
    if (s[1] === 'r') return { id, client: s[0], key: 'x', kind: 'read', value: null, output: s[2], call: s[3], ret: s[4] };
    return { id, client: s[0], key: 'x', kind: 'cas', value: s[2], to: s[3], output: s[4], call: s[5], ret: s[6] };
  });
  return { ops, init };
}
