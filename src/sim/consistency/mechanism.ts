/**
 * The consistency lab's core as a kernel Mechanism. The "run" is a history of operations
 * (Herlihy & Wing 1990) that unfolds in time: each invocation and response is an internal event,
 * so playing the lab reveals the history as the clients experienced it. Reader actions edit the
 * history (add, change, delete operations, or draw a fresh one from the replicated-register
 * generator); because edits are logged actions, step-back undoes them and links reproduce them.
 */
import type { Mechanism, TraceEntry } from '../core/types';
import { classify } from './classify';
import { generateHistory, generatorDefaults } from './generator';
import { parseHistoryAction, parseOpFields, sanitizeHistoryParams, type HistoryAction, type HistoryParams } from './historyParams';
import { consistencyScenarios } from './scenarios';
import { describeOp, type History, type Operation } from './types';

/** State: the current history, virtual time, and notes about edits for the trace. */
export interface HistoryState {
  readonly init: number;
  readonly ops: readonly Operation[];
  readonly now: number;
  /** Invocations/responses processed so far (in `boundaries(ops)` order). */
  readonly processed: number;
  readonly notes: readonly { readonly t: number; readonly label: string; readonly after: number }[];
  readonly nextId: number;
}

/** One invocation or response. */
export interface Boundary {
  readonly t: number;
  readonly op: Operation;
  readonly kind: 'call' | 'return';
}

/** Invocations and responses in time order (responses first on ties, as a client sees them). */
export function boundaries(ops: readonly Operation[]): Boundary[] {
  const b: Boundary[] = [];
  for (const op of ops) {
    b.push({ t: op.call, op, kind: 'call' });
    if (op.ret !== null) b.push({ t: op.ret, op, kind: 'return' });
  }
  return b.sort((x, y) => x.t - y.t || (x.kind === y.kind ? x.op.id - y.op.id : x.kind === 'return' ? -1 : 1));
}

/** The state's history, as the checker takes it. */
export function historyOf(s: HistoryState): History {
  return { ops: s.ops, init: s.init };
}

const LEVEL_TEXT = { linearizable: 'linearizable', sequential: 'sequentially consistent', causal: 'causally consistent', eventual: 'only eventually consistent', none: 'not even eventually consistent' } as const;

/** One sentence naming the strongest model a history satisfies. */
export function verdictSentence(h: History): string {
  if (h.ops.length === 0) return 'The history is empty.';
  const c = classify(h, { minimize: false, maxSteps: 50_000 });
  return `The history is ${LEVEL_TEXT[c.strongest]}.`;
}

function withOps(s: HistoryState, ops: readonly Operation[], label: string, nextId = s.nextId): HistoryState {
  const processed = boundaries(ops).filter((b) => b.t <= s.now).length;
  const note = { t: s.now, label: `${label} ${verdictSentence({ ops, init: s.init })}`, after: processed };
  return { ...s, ops, processed, nextId, notes: [...s.notes, note] };
}

/** Apply a reader edit. */
export function applyHistoryAction(s: HistoryState, a: HistoryAction): HistoryState {
  switch (a.type) {
    case 'op/add': {
      const op: Operation = { ...a.op, id: s.nextId, key: 'x' };
      return withOps(s, [...s.ops, op], `Added ${describeOp(op)}.`, s.nextId + 1);
    }
    case 'op/update': {
      const old = s.ops.find((o) => o.id === a.id);
      if (!old) return s;
      // Re-validate the merged op: a kind change must come with fields that make sense for it.
      const checked = parseOpFields({ ...old, ...a.changes });
      if (typeof checked === 'string') return s;
      const op: Operation = { ...checked, id: old.id, key: 'x' };
      return withOps(s, s.ops.map((o) => (o.id === a.id ? op : o)), `Changed to ${describeOp(op)} (${op.call}–${op.ret ?? '?'} ms).`);
    }
    case 'op/delete': {
      const old = s.ops.find((o) => o.id === a.id);
      if (!old) return s;
      return withOps(s, s.ops.filter((o) => o.id !== a.id), `Deleted ${describeOp(old)}.`);
    }
    case 'history/clear':
      return withOps(s, [], 'Cleared the history.');
    case 'history/generate': {
      const g = { ...generatorDefaults, ...a.settings };
      const h = generateHistory(g);
      const ops = h.ops.map((o, i) => ({ ...o, id: s.nextId + i }));
      return withOps(s, ops, `Generated ${ops.length} operations from a replicated register (${g.mode}, lag ${g.lag} ms, seed ${g.seed}).`, s.nextId + ops.length);
    }
  }
}

function traceOf(s: HistoryState): TraceEntry[] {
  const bs = boundaries(s.ops).slice(0, s.processed);
  const out: TraceEntry[] = [];
  let n = 0;
  const pushNotes = (upTo: number) => {
    while (n < s.notes.length && s.notes[n].after <= upTo) {
      out.push({ seq: out.length, t: s.notes[n].t, kind: 'note', label: s.notes[n].label });
      n++;
    }
  };
  bs.forEach((b, i) => {
    pushNotes(i);
    const text = b.kind === 'call' ? `${b.op.client} invokes ${describeOp(b.op).replace(/^[^:]+: /, '').replace(/ → .*$/, '')}` : `${describeOp(b.op)} returns`;
    out.push({ seq: out.length, t: b.t, kind: 'action', node: b.op.client, label: text, data: { op: b.op.id, boundary: b.kind } });
  });
  pushNotes(Infinity);
  return out;
}

/** The consistency lab as a kernel {@link Mechanism}. */
export const historyMechanism: Mechanism<HistoryParams, HistoryState, HistoryAction> = {
  id: 'consistency',
  defaults: { init: 0, ops: [] },
  sanitizeParams: sanitizeHistoryParams,
  parseAction: parseHistoryAction,
  init: (_seed, p) => ({ init: p.init, ops: p.ops.map((o, id) => ({ ...o, id, key: 'x' })), now: 0, processed: 0, notes: [], nextId: p.ops.length }),
  apply: applyHistoryAction,
  peek: (s) => boundaries(s.ops)[s.processed]?.t ?? Infinity,
  next: (s) => {
    const b = boundaries(s.ops)[s.processed];
    return b ? { ...s, processed: s.processed + 1, now: Math.max(s.now, b.t) } : s;
  },
  advanceTo: (s, t) => (t > s.now ? { ...s, now: t } : s),
  now: (s) => s.now,
  trace: traceOf,
  scenarios: consistencyScenarios.map((sc) => ({
    id: sc.id,
    title: sc.title,
    description: sc.description,
    seed: 1,
    params: { init: sc.history.init as number, ops: sc.history.ops.map(({ id: _id, key: _key, ...rest }) => rest) },
    log: [],
    until: Math.max(...sc.history.ops.map((o) => o.ret ?? o.call)) + 10,
  })),
};
