/**
 * The consistency lab's step caption: what the latest invocation or response means for the
 * history's consistency (Herlihy & Wing 1990: every operation takes effect at one instant between
 * its invocation and its response). Pure; the contract is `StepCaptionSelector` in
 * src/widgets/shared/stepCaption.ts.
 */
import type { TraceEntry } from '../../sim/core';
import type { HistoryState } from '../../sim/consistency';
import { latestStep, plainStep } from '../shared/stepCaption';

/** One sentence: what the latest step of a history did, and why it matters. */
export function consistencyCaption(s: HistoryState, trace: readonly TraceEntry[]): string {
  const step = latestStep(trace, s.now);
  if (!step) return `A history of ${s.ops.length} operations on one register (initially ${s.init}). Step through it: each bar is an operation, from the moment it was invoked to the moment it returned.`;
  // A reader's edit is a note written after the boundaries processed so far: it is the latest thing
  // that happened, and its label already ends with the new verdict.
  const edit = step.effects.findLast((e) => e.kind === 'note');
  if (edit) return `${edit.label} The bars now show the edited history; step back to undo it.`;
  const l = step.cause?.label ?? step.all[step.all.length - 1].label;
  const inv = /^(\S+) invokes (write\((\S+)\)|read\((\S+)\))/.exec(l);
  if (inv) {
    return inv[3] !== undefined
      ? `${inv[1]} invoked write(${inv[3]}). Until it returns, the new value may take effect at any instant, so concurrent reads may see either value.`
      : `${inv[1]} invoked a read of ${inv[4]}. Linearizability lets it return any value written by an operation that overlaps it, or the latest one that finished before it began.`;
  }
  const wret = /^(\S+): write\((\S+)\) returns/.exec(l);
  if (wret) return `${wret[1]}'s write(${wret[2]}) returned. From now on, under linearizability, every read that starts must see ${wret[2]} or a newer value.`;
  const rret = /^(\S+): read\((\S+)\) → (\S+) returns/.exec(l);
  if (rret) return `${rret[1]}'s read of ${rret[2]} returned ${rret[3]}. The verdicts ask whether one order of the operations explains every value read; a value older than a write that had already returned is stale.`;
  return plainStep(step);
}
