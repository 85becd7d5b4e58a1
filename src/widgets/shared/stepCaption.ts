/**
 * The step caption's contract: "what just happened, and why", one plain sentence under every lab's
 * picture, derived from the run by a pure selector. LabFrame shows it (`StepCaption.tsx`) and the
 * lab's polite live region speaks the same sentence when the run moves (a step, an action, a seek),
 * so a sighted reader and a screen-reader user get one explanation from one source.
 *
 * Pure (no React): each lab's `caption.ts` builds on the helpers here and is unit-tested in Node.
 */
import type { TraceEntry, TraceKind } from '../../sim/core';

/**
 * A lab's caption selector: from the core's state and its trace (cumulative, as `mechanism.trace`
 * returns it) to one sentence that says what the latest step did and why it happened. Never empty.
 */
export type StepCaptionSelector<S> = (state: S, trace: readonly TraceEntry[]) => string;

/** Kinds that start a kernel step: a timer firing, a delivery or a drop, or something done to the world. */
const CAUSES: ReadonlySet<TraceKind> = new Set<TraceKind>(['timer', 'deliver', 'drop', 'action', 'partition', 'heal', 'crash', 'restart']);

/** What the latest step wrote to the trace: the entry that caused it and what followed from it. */
export interface LatestStep {
  /** The entry that started the step (a timer, a delivery, an action…), when the step had one. */
  readonly cause: TraceEntry | undefined;
  /** Entries the step wrote after its cause (notes, sends), in order. */
  readonly effects: readonly TraceEntry[];
  /** Every entry of the step, cause first. */
  readonly all: readonly TraceEntry[];
}

/**
 * The entries of the latest step at or before `now`: walk back from the newest entry over effects
 * (notes, sends) written at the same instant until the entry that caused them. Null before anything
 * has happened.
 */
export function latestStep(trace: readonly TraceEntry[], now = Infinity): LatestStep | null {
  let end = trace.length - 1;
  while (end >= 0 && trace[end].t > now) end--;
  if (end < 0) return null;
  const t = trace[end].t;
  let i = end;
  while (i >= 0 && trace[i].t === t && !CAUSES.has(trace[i].kind)) i--;
  // A cause at the same instant owns the effects after it; without one the effects stand alone.
  const start = i >= 0 && trace[i].t === t ? i : i + 1;
  const all = trace.slice(start, end + 1);
  const cause = CAUSES.has(all[0].kind) ? all[0] : undefined;
  return { cause, effects: cause ? all.slice(1) : all, all };
}

/** The first entry of a step whose label matches, or undefined. */
export function findIn(entries: readonly TraceEntry[], pattern: RegExp): TraceEntry | undefined {
  return entries.find((e) => pattern.test(e.label));
}

/** `text` with its first letter capitalised and one full stop (or ! / ?) at the end. */
export function sentence(text: string): string {
  const s = text.trim();
  if (!s) return s;
  const up = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?…]$/.test(up) ? up : `${up}.`;
}

/** "A, B and C" for a short list of names. */
export function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A fallback caption that still reads as a sentence: the latest step's own trace words. */
export function plainStep(step: LatestStep): string {
  const e = step.effects.find((x) => x.kind === 'note') ?? step.cause ?? step.all[step.all.length - 1];
  return sentence(e.label);
}

/** Why a message was dropped, from a `drop` entry's data (or its label, for older traces). */
export type DropReason = 'reader' | 'partition' | 'node down' | 'loss' | 'other';

/**
 * The reason behind a `drop` entry: the reader dropped it, a partition cut its link, its receiver
 * was down, or the network lost it at random. Captions must not guess: a lost message on a healthy
 * link is not a cut link, and a reader's drop names neither.
 */
export function dropReason(e: TraceEntry): DropReason {
  const r = (e.data as { reason?: unknown } | null | undefined)?.reason;
  const why = typeof r === 'string' ? r : (/\(([^)]*)\)\s*$/.exec(e.label)?.[1] ?? (/dropped by the reader/.test(e.label) ? 'dropped' : ''));
  if (why === 'dropped') return 'reader';
  if (why === 'partition' || why === 'node down' || why === 'loss') return why;
  return 'other';
}
