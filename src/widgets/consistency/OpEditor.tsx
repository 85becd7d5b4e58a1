/**
 * Form for the selected operation (the keyboard-and-screen-reader way to build a history):
 * client, kind, values, times and whether the outcome is known. Changes are applied as one
 * logged edit, so step-back undoes them.
 */
import { useEffect, useState } from 'react';
import type { OpFields } from '../../sim/consistency';
import type { Operation, Value } from '../../sim/consistency';

/** Props for the editor. */
export interface OpEditorProps {
  op: Operation | null;
  idPrefix: string;
  disabled: boolean;
  onApply(id: number, changes: Partial<OpFields>): void;
  onDelete(id: number): void;
}

interface Draft {
  client: string;
  kind: 'read' | 'write' | 'cas';
  value: string;
  to: string;
  output: string;
  call: string;
  ret: string;
  unknown: boolean;
}

const toDraft = (op: Operation): Draft => ({
  client: op.client,
  kind: op.kind === 'append' ? 'write' : op.kind,
  value: op.value === null ? '' : String(op.value),
  to: op.to === undefined || op.to === null ? '' : String(op.to),
  output: op.kind === 'cas' ? (op.output ? 'true' : 'false') : op.output === null ? '' : String(op.output),
  call: String(op.call),
  ret: op.ret === null ? '' : String(op.ret),
  unknown: op.ret === null,
});

const val = (s: string): Value | undefined => (s.trim() === '' ? null : Number.isInteger(Number(s)) ? Number(s) : undefined);

/** Turn a draft into changes, or an error message. */
export function draftToChanges(d: Draft): Partial<OpFields> | string {
  const call = Number(d.call);
  if (!Number.isInteger(call) || call < 0 || call > 10_000) return 'Call must be a whole number of ms from 0 to 10000.';
  let ret: number | null = null;
  if (!d.unknown) {
    ret = Number(d.ret);
    if (d.ret.trim() === '' || !Number.isInteger(ret) || ret < call || ret > 10_000) return 'Return must be a whole number of ms, no earlier than the call.';
  }
  const value = val(d.value);
  if (d.kind !== 'read' && (value === undefined || value === null)) return 'Give the value as a whole number.';
  if (d.kind === 'write') return { client: d.client, kind: 'write', value: value!, output: null, call, ret };
  if (d.kind === 'read') {
    const output = val(d.output);
    if (output === undefined) return 'A read returns a whole number (or leave it empty for “no value”).';
    return { client: d.client, kind: 'read', value: null, output, call, ret };
  }
  const to = val(d.to);
  if (to === undefined || to === null) return 'Give the cas “to” value as a whole number.';
  return { client: d.client, kind: 'cas', value: value!, to, output: d.output === 'true', call, ret };
}

/** The editor. */
export function OpEditor({ op, idPrefix, disabled, onApply, onDelete }: OpEditorProps) {
  const [draft, setDraft] = useState<Draft | null>(op ? toDraft(op) : null);
  const [error, setError] = useState('');
  useEffect(() => {
    setDraft(op ? toDraft(op) : null);
    setError('');
  }, [op]);
  if (!op || !draft) return <p className="lab-description">Select an operation (click it, or Tab to it and press Enter) to edit it here.</p>;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const field = (name: keyof Draft, label: string, extra: Record<string, unknown> = {}) => (
    <label className="lab-field">
      <span>{label}</span>
      <input id={`${idPrefix}-${name}`} className="cons-num" inputMode="numeric" value={draft[name] as string} disabled={disabled} onChange={(e) => set({ [name]: e.currentTarget.value } as Partial<Draft>)} {...extra} />
    </label>
  );
  const apply = () => {
    const c = draftToChanges(draft);
    if (typeof c === 'string') setError(c);
    else {
      setError('');
      onApply(op.id, c);
    }
  };
  return (
    <fieldset className="cons-editor">
      <legend>{`Edit operation ${op.id}`}</legend>
      <label className="lab-field">
        <span>Client</span>
        <select value={draft.client} disabled={disabled} onChange={(e) => set({ client: e.currentTarget.value })}>
          {['c1', 'c2', 'c3', 'c4', 'c5'].map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label className="lab-field">
        <span>Kind</span>
        <select value={draft.kind} disabled={disabled} onChange={(e) => set({ kind: e.currentTarget.value as Draft['kind'] })}>
          <option value="write">write</option>
          <option value="read">read</option>
          <option value="cas">compare-and-set</option>
        </select>
      </label>
      {draft.kind !== 'read' && field('value', draft.kind === 'cas' ? 'If value is' : 'Value')}
      {draft.kind === 'cas' && field('to', 'set it to')}
      {draft.kind === 'read' && !draft.unknown && field('output', 'Returned')}
      {draft.kind === 'cas' && !draft.unknown && (
        <label className="lab-field">
          <span>Result</span>
          <select value={draft.output} disabled={disabled} onChange={(e) => set({ output: e.currentTarget.value })}>
            <option value="true">swapped</option>
            <option value="false">did not swap</option>
          </select>
        </label>
      )}
      {field('call', 'Call (ms)')}
      {!draft.unknown && field('ret', 'Return (ms)')}
      <label className="lab-field">
        <input type="checkbox" checked={draft.unknown} disabled={disabled} onChange={(e) => set({ unknown: e.currentTarget.checked, ret: e.currentTarget.checked ? '' : String(Number(draft.call) + 20) })} />
        <span>Outcome unknown (timed out)</span>
      </label>
      <button type="button" className="lab-btn" disabled={disabled} onClick={apply}>
        Apply
      </button>
      <button type="button" className="lab-btn" disabled={disabled} onClick={() => onDelete(op.id)}>
        Delete
      </button>
      {error && (
        <p className="cons-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
