import { describe, expect, it } from 'vitest';
import { classify } from './classify';
import { boundaries, historyMechanism as M, historyOf } from './mechanism';
import { parseHistoryAction, sanitizeHistoryParams } from './historyParams';

const start = (id = 'stale-read-not-linearizable') => {
  const sc = M.scenarios.find((s) => s.id === id)!;
  return M.init(sc.seed, M.sanitizeParams(sc.params).value);
};
const runAll = (s: ReturnType<typeof start>) => {
  let cur = s;
  while (M.peek(cur) < Infinity) cur = M.next(cur);
  return cur;
};

describe('consistency lab mechanism', () => {
  it('every scenario’s params survive sanitising unchanged', () => {
    for (const sc of M.scenarios) expect(M.sanitizeParams(sc.params)).toEqual({ value: sc.params, problems: [] });
  });

  it('plays the history: one invocation or response per step, in time order', () => {
    const s = runAll(start());
    const trace = M.trace(s);
    expect(trace.map((e) => e.label)).toEqual(['c1 invokes write(1)', 'c1: write(1) returns', 'c2 invokes read(x)', 'c2: read(x) → 0 returns']);
    expect(trace.map((e) => e.t)).toEqual([0, 30, 45, 70]);
    expect(M.next(s)).toBe(s);
  });

  it('an edit changes the verdict and says so in the trace', () => {
    // Arrange: the stale read (sequential, not linearizable).
    const s0 = start();
    expect(classify(historyOf(s0)).strongest).toBe('sequential');
    // Act: make the read overlap the write.
    const s1 = M.apply(s0, { type: 'op/update', id: 1, changes: { call: 10 } });
    // Assert
    expect(classify(historyOf(s1)).strongest).toBe('linearizable');
    expect(M.trace(s1).at(-1)!.label).toMatch(/The history is linearizable\.$/);
    expect(s0.ops[1].call).toBe(45); // input not mutated
  });

  it('add, delete, generate and clear', () => {
    let s = start();
    s = M.apply(s, { type: 'op/add', op: { client: 'c3', kind: 'read', value: null, output: 1, call: 80, ret: 90 } });
    expect(s.ops).toHaveLength(3);
    expect(s.ops[2].id).toBe(2);
    s = M.apply(s, { type: 'op/delete', id: 0 });
    expect(s.ops.map((o) => o.id)).toEqual([1, 2]);
    s = M.apply(s, { type: 'history/generate', settings: { mode: 'leader', clients: 2, opsPerClient: 3, seed: 4 } });
    expect(s.ops).toHaveLength(6);
    expect(new Set(s.ops.map((o) => o.id)).size).toBe(6);
    s = M.apply(s, { type: 'history/clear' });
    expect(s.ops).toEqual([]);
  });

  it('an update that would make a malformed op is ignored', () => {
    const s = start();
    expect(M.apply(s, { type: 'op/update', id: 0, changes: { kind: 'cas' } })).toBe(s);
    expect(M.apply(s, { type: 'op/update', id: 0, changes: { ret: 0, call: 50 } })).toBe(s);
  });

  it('rejects hostile input with reasons', () => {
    const r = sanitizeHistoryParams({ init: 'x', ops: [{ client: 'c9', kind: 'read' }, { client: 'c1', kind: 'write', value: 1, output: null, call: 5, ret: 2 }] });
    expect(r.value.ops).toEqual([]);
    expect(r.problems).toHaveLength(3);
    expect(parseHistoryAction({ type: 'history/generate', settings: { mode: 'magic' } })).toBeNull();
    expect(parseHistoryAction({ type: 'op/update', id: 1, changes: { evil: 1 } })).toBeNull();
    expect(parseHistoryAction({ type: 'op/delete', id: 3 })).toEqual({ type: 'op/delete', id: 3 });
  });

  it('responses sort before invocations at the same instant', () => {
    const b = boundaries(start().ops.map((o, i) => (i === 1 ? { ...o, call: 30 } : o)));
    expect(b.map((x) => x.kind)).toEqual(['call', 'return', 'call', 'return']);
  });
});
