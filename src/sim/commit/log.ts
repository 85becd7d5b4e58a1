/**
 * The write-ahead log every commit node keeps, and the rule that decides what survives a crash
 * (Gray 1978 §5.8; BHG 1987 §7.3): a record is on disk only once its force has finished. Forces
 * are queued and finish one at a time after `forceMs`, driven by the node's `force` timer; a crash
 * loses the queue and the unforced buffer but never the log.
 */
import type { Ctx } from '../core/protocol';
import type { NodeId } from '../core/types';
import type { CommitMsg, CommitNode, CommitParams, Decided, Decision, LogRecord, RecordKind } from './types';

type CCtx = Ctx<CommitMsg, CommitParams>;

/** Queue a forced write of `kind`; `replyTo` is whoever the node answers once it is on disk. */
export function force<S extends CommitNode>(s: S, kind: RecordKind, replyTo: NodeId | null, ctx: CCtx, lockedSince?: number): S {
  const rec: LogRecord = lockedSince === undefined ? { kind, at: ctx.now, forced: true } : { kind, at: ctx.now, forced: true, lockedSince };
  if (s.forcing.length === 0) ctx.setTimer('force', ctx.params.forceMs);
  return { ...s, forcing: [...s.forcing, { rec, replyTo }] };
}

/** Append an unforced record to the volatile buffer (lost if the node crashes before the next force). */
export function lazy<S extends CommitNode>(s: S, kind: RecordKind, ctx: CCtx): S {
  return { ...s, buffer: [...s.buffer, { kind, at: ctx.now, forced: false }] };
}

/**
 * Finish the head force: the buffer is flushed with it (a force writes everything before it),
 * and the next queued force starts. Returns the new state and the record just written.
 */
export function finishForce<S extends CommitNode>(s: S, ctx: CCtx): { s: S; done: { rec: LogRecord; replyTo: NodeId | null } | null } {
  const head = s.forcing[0];
  if (!head) return { s, done: null };
  const rec: LogRecord = { ...head.rec, at: ctx.now };
  const rest = s.forcing.slice(1);
  if (rest.length > 0) ctx.setTimer('force', ctx.params.forceMs);
  return { s: { ...s, log: [...s.log, ...s.buffer, rec], buffer: [], forcing: rest }, done: { rec, replyTo: head.replyTo } };
}

/** True if a force of one of `kinds` is queued or in progress. */
export function forcing(s: CommitNode, ...kinds: RecordKind[]): boolean {
  return s.forcing.some((f) => kinds.includes(f.rec.kind));
}

/** Every record the node holds, durable first then buffered (what a view shows as its log). */
export function allRecords(s: CommitNode): readonly LogRecord[] {
  return s.buffer.length === 0 ? s.log : [...s.log, ...s.buffer];
}

/** The decision a list of records holds (the last decision record), if any. */
export function decisionIn(recs: readonly LogRecord[]): { decision: Decision; heuristic: boolean } | null {
  for (let i = recs.length - 1; i >= 0; i--) {
    const k = recs[i].kind;
    if (k === 'commit' || k === 'abort') return { decision: k, heuristic: false };
    if (k === 'heuristic-commit') return { decision: 'commit', heuristic: true };
    if (k === 'heuristic-abort') return { decision: 'abort', heuristic: true };
  }
  return null;
}

/** True if the records include one of `kind`. */
export function has(recs: readonly LogRecord[], kind: RecordKind): boolean {
  return recs.some((r) => r.kind === kind);
}

/** Ghost bookkeeping: note that this node acted on decision `d` now (kept across crashes for the checker). */
export function noteDecided<S extends CommitNode>(s: S, d: Decision, ctx: CCtx, heuristic = false): S {
  const last = s.decided[s.decided.length - 1];
  if (last && last.decision === d && last.heuristic === heuristic) return s;
  const rec: Decided = { decision: d, at: ctx.now, heuristic };
  return { ...s, decided: [...s.decided, rec] };
}
