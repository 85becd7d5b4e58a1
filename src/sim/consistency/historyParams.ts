/**
 * Validation of untrusted consistency-lab input (URL state, narration cues, widget props):
 * histories are size-limited and shape-checked; anything odd is dropped with a reason.
 */
import type { Sanitized } from '../core/types';
import type { GeneratorSettings, ReplicationMode } from './generator';
import type { Operation, Value } from './types';

/** An operation without id and key (the lab uses one register, `x`). */
export type OpFields = Omit<Operation, 'id' | 'key'>;

/** Params: the initial value and the starting history. */
export interface HistoryParams {
  readonly init: number;
  readonly ops: readonly OpFields[];
}

/** Reader edits. */
export type HistoryAction =
  | { readonly type: 'op/add'; readonly op: OpFields }
  | { readonly type: 'op/update'; readonly id: number; readonly changes: Partial<OpFields> }
  | { readonly type: 'op/delete'; readonly id: number }
  | { readonly type: 'history/clear' }
  | { readonly type: 'history/generate'; readonly settings: Partial<GeneratorSettings> };

/** Limits: a reader-sized history. */
export const HISTORY_LIMITS = { ops: 40, time: 10_000, value: 999, clients: ['c1', 'c2', 'c3', 'c4', 'c5'] } as const;

const isInt = (x: unknown, lo: number, hi: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;
const isValue = (x: unknown): x is Value => x === null || isInt(x, -HISTORY_LIMITS.value, HISTORY_LIMITS.value);

/** Check one operation's fields; returns the op or a reason. */
export function parseOpFields(raw: unknown): OpFields | string {
  if (typeof raw !== 'object' || raw === null) return 'an operation must be an object';
  const r = raw as Record<string, unknown>;
  if (typeof r.client !== 'string' || !(HISTORY_LIMITS.clients as readonly string[]).includes(r.client)) return `unknown client ${String(r.client).slice(0, 12)}`;
  if (r.kind !== 'read' && r.kind !== 'write' && r.kind !== 'cas') return `unknown operation kind ${String(r.kind).slice(0, 12)}`;
  if (!isInt(r.call, 0, HISTORY_LIMITS.time)) return 'call must be a whole number of ms between 0 and 10000';
  if (r.ret !== null && !(isInt(r.ret, 0, HISTORY_LIMITS.time) && r.ret >= r.call)) return 'return must be null (unknown) or a time no earlier than the call';
  if (!isValue(r.value)) return 'value must be a whole number (or null)';
  if (r.kind === 'cas') {
    if (!isValue(r.to)) return 'cas needs a whole-number "to"';
    if (typeof r.output !== 'boolean') return 'cas output must be true or false';
    return { client: r.client, kind: 'cas', value: r.value, to: r.to, output: r.output, call: r.call, ret: r.ret as number | null };
  }
  if (r.kind === 'read') {
    if (!isValue(r.output)) return 'a read must return a whole number (or null)';
    return { client: r.client, kind: 'read', value: null, output: r.output, call: r.call, ret: r.ret as number | null };
  }
  return { client: r.client, kind: 'write', value: r.value, output: null, call: r.call, ret: r.ret as number | null };
}

/** Validate params; never throws. */
export function sanitizeHistoryParams(raw: unknown): Sanitized<HistoryParams> {
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null) return { value: { init: 0, ops: [] }, problems: raw === undefined ? [] : ['the history must be an object; starting empty'] };
  const r = raw as Record<string, unknown>;
  const init = isInt(r.init, -HISTORY_LIMITS.value, HISTORY_LIMITS.value) ? r.init : 0;
  if (r.init !== undefined && init !== r.init) problems.push('initial value must be a whole number; using 0');
  const list = Array.isArray(r.ops) ? r.ops : [];
  if (!Array.isArray(r.ops)) problems.push('ops must be a list; starting empty');
  if (list.length > HISTORY_LIMITS.ops) problems.push(`only the first ${HISTORY_LIMITS.ops} operations are kept`);
  const ops: OpFields[] = [];
  list.slice(0, HISTORY_LIMITS.ops).forEach((o, i) => {
    const p = parseOpFields(o);
    if (typeof p === 'string') problems.push(`operation ${i + 1} dropped: ${p}`);
    else ops.push(p);
  });
  return { value: { init, ops }, problems };
}

const MODES: readonly ReplicationMode[] = ['leader', 'local-reads', 'any-replica'];

/** Validate an untrusted action; null if invalid. */
export function parseHistoryAction(raw: unknown): HistoryAction | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const a = raw as Record<string, unknown>;
  switch (a.type) {
    case 'op/add': {
      const op = parseOpFields(a.op);
      return typeof op === 'string' ? null : { type: 'op/add', op };
    }
    case 'op/update': {
      if (!isInt(a.id, 0, 1e6) || typeof a.changes !== 'object' || a.changes === null) return null;
      // Validate the changes by checking them on a neutral op of the same kind.
      const c = a.changes as Record<string, unknown>;
      const allowed = ['client', 'kind', 'value', 'to', 'output', 'call', 'ret'];
      if (Object.keys(c).some((k) => !allowed.includes(k))) return null;
      if (c.client !== undefined && !(HISTORY_LIMITS.clients as readonly string[]).includes(c.client as string)) return null;
      if (c.kind !== undefined && !['read', 'write', 'cas'].includes(c.kind as string)) return null;
      if (c.call !== undefined && !isInt(c.call, 0, HISTORY_LIMITS.time)) return null;
      if (c.ret !== undefined && c.ret !== null && !isInt(c.ret, 0, HISTORY_LIMITS.time)) return null;
      if (c.value !== undefined && !isValue(c.value)) return null;
      if (c.to !== undefined && !isValue(c.to)) return null;
      if (c.output !== undefined && !isValue(c.output) && typeof c.output !== 'boolean') return null;
      return { type: 'op/update', id: a.id, changes: c as Partial<OpFields> };
    }
    case 'op/delete':
      return isInt(a.id, 0, 1e6) ? { type: 'op/delete', id: a.id } : null;
    case 'history/clear':
      return { type: 'history/clear' };
    case 'history/generate': {
      const s = (a.settings ?? {}) as Record<string, unknown>;
      const out: Partial<GeneratorSettings> = {};
      if (s.mode !== undefined) {
        if (!MODES.includes(s.mode as ReplicationMode)) return null;
        (out as Record<string, unknown>).mode = s.mode;
      }
      const ints: [keyof GeneratorSettings, number, number][] = [['clients', 2, 5], ['opsPerClient', 1, 8], ['lag', 1, 500], ['seed', 0, 0xffffffff]];
      for (const [k, lo, hi] of ints) {
        if (s[k] === undefined) continue;
        if (!isInt(s[k], lo, hi)) return null;
        (out as Record<string, unknown>)[k] = s[k];
      }
      if (s.timeoutRate !== undefined) {
        if (typeof s.timeoutRate !== 'number' || !(s.timeoutRate >= 0 && s.timeoutRate <= 1)) return null;
        (out as Record<string, unknown>).timeoutRate = s.timeoutRate;
      }
      return { type: 'history/generate', settings: out };
    }
    default:
      return null;
  }
}
