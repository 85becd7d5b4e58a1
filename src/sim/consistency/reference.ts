/**
 * Converts the reference histories (Jepsen/etcd, Knossos and Porcupine test data; see
 * `__fixtures__/reference/README.md`) into {@link History} values.
 */
import type { History, Operation, Value } from './types';

/** One operation in the reference JSON shape. */
export interface ReferenceOp {
  client: number;
  op: string;
  input: unknown;
  output: unknown;
  call: number;
  return: number | null;
}

/** Convert one reference file's operations; `init` comes from the manifest. */
export function fromReference(raw: readonly ReferenceOp[], model: 'register' | 'kv', init: Value): History {
  const ops: Operation[] = raw.map((r, id) => {
    const base = { id, client: `c${r.client}`, call: r.call, ret: r.return };
    if (model === 'kv') {
      const inp = r.input as { key: string; value?: string };
      const kind = r.op === 'get' ? 'read' : r.op === 'put' ? 'write' : 'append';
      return { ...base, key: inp.key, kind, value: kind === 'read' ? null : (inp.value ?? ''), output: kind === 'read' ? (r.output as string) : null };
    }
    if (r.op === 'cas') {
      const inp = r.input as { from: Value; to: Value };
      return { ...base, key: 'x', kind: 'cas', value: inp.from, to: inp.to, output: r.output as boolean };
    }
    if (r.op === 'write') return { ...base, key: 'x', kind: 'write', value: r.input as Value, output: null };
    return { ...base, key: 'x', kind: 'read', value: null, output: r.output as Value };
  });
  return { ops, init: model === 'kv' ? '' : init };
}
