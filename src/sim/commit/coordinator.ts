/**
 * The coordinator (transaction manager) of 2PC and 3PC.
 *
 * 2PC as in BHG 1987 §7.3: ask every participant to prepare, decide commit only on unanimous YES,
 * force the decision before telling anyone, re-send it until every participant has acknowledged,
 * then write an unforced `end`. Presumed abort (Mohan, Lindsay & Obermarck 1986) drops the `begin`
 * record, the forced abort and the abort acknowledgements: no record means abort.
 *
 * 3PC as in Skeen 1981 (and BHG §7.5): between the votes and the decision sits a pre-commit round,
 * so no participant can be uncertain while another has committed. If pre-commit acks are missing
 * after `ackTimeout` the coordinator commits anyway, taking the silent participants for crashed:
 * that is the synchrony assumption, and it is exactly what a partition breaks.
 */
import type { Ctx } from '../core/protocol';
import type { NodeId } from '../core/types';
import { decisionIn, finishForce, force, has, lazy, noteDecided } from './log';
import { PARTICIPANTS, type CommitMsg, type CommitParams, type CoordinatorState, type Decision } from './types';

type CCtx = Ctx<CommitMsg, CommitParams>;

/** The participants of a run. */
export const participantsOf = (p: CommitParams): readonly NodeId[] => PARTICIPANTS.slice(0, p.participants);

function sendAll(ctx: CCtx, msg: CommitMsg, except: readonly NodeId[] = []): void {
  for (const n of participantsOf(ctx.params)) if (!except.includes(n)) ctx.send(n, msg);
}

/** A fresh coordinator that will begin the transaction at `params.start`. */
export function initCoordinator(ctx: CCtx): CoordinatorState {
  ctx.setTimer('begin', ctx.params.start);
  return { role: 'coordinator', log: [], buffer: [], forcing: [], decided: [], phase: 'idle', votes: {}, acks: [], decision: null };
}

function sendPrepare(s: CoordinatorState, ctx: CCtx): CoordinatorState {
  sendAll(ctx, { type: 'prepare' });
  ctx.setTimer('votes', ctx.params.voteTimeout);
  return { ...s, phase: 'collecting' };
}

/** Decide: force the record (or, for a presumed abort, just buffer it and tell everyone). */
function decide(s: CoordinatorState, d: Decision, ctx: CCtx): CoordinatorState {
  ctx.cancelTimer('votes');
  ctx.cancelTimer('acks');
  if (d === 'abort' && ctx.params.presumption === 'abort') {
    ctx.note(`C decides abort (presumed abort: nothing forced, no acks needed)`);
    const next = noteDecided({ ...lazy(s, 'abort', ctx), phase: 'done' as const, decision: 'abort' as Decision }, 'abort', ctx);
    sendAll(ctx, { type: 'decision', decision: 'abort' });
    return next;
  }
  ctx.note(`C decides ${d}; forcing the ${d} record before telling anyone`);
  return { ...force(s, d, null, ctx), phase: 'decided' };
}

/** 3PC: all voted YES, so force pre-commit and send it. */
function precommit(s: CoordinatorState, ctx: CCtx): CoordinatorState {
  ctx.cancelTimer('votes');
  ctx.note('C: every vote is YES; forcing pre-commit');
  return { ...force(s, 'precommit', null, ctx), phase: 'precommitting', acks: [] };
}

/** A force finished: act on the record now on disk. */
function afterForce(s: CoordinatorState, kind: string, ctx: CCtx): CoordinatorState {
  if (kind === 'begin') return sendPrepare(s, ctx);
  if (kind === 'precommit') {
    sendAll(ctx, { type: 'precommit' });
    ctx.setTimer('acks', ctx.params.ackTimeout);
    return s;
  }
  if (kind === 'commit' || kind === 'abort') {
    const d = kind as Decision;
    sendAll(ctx, { type: 'decision', decision: d });
    ctx.setTimer('resend', ctx.params.retryMs);
    return noteDecided({ ...s, decision: d, phase: 'decided', acks: [] }, d, ctx);
  }
  return s;
}

function allIn(list: readonly NodeId[], p: CommitParams): boolean {
  return participantsOf(p).every((n) => list.includes(n));
}

/** What the coordinator answers when asked about the outcome. */
function answer(s: CoordinatorState): Decision | 'uncertain' {
  if (s.decision) return s.decision;
  if (s.phase === 'collecting' || s.phase === 'precommitting' || s.phase === 'recovering' || s.forcing.length > 0) return 'uncertain';
  // No record of a decision and nothing in progress: it never decided commit, so abort is safe
  // (presumed abort says so by design; presumed nothing gets here only before the begin).
  return 'abort';
}

/** The coordinator's message handler. */
export function coordinatorMessage(s: CoordinatorState, msg: CommitMsg, from: NodeId, ctx: CCtx): CoordinatorState {
  const p = ctx.params;
  switch (msg.type) {
    case 'vote': {
      if (s.phase !== 'collecting') {
        // A late YES after an abort: tell that participant (presumed abort leaves it to ask).
        if (msg.vote === 'yes' && s.decision) ctx.send(from, { type: 'decision', decision: s.decision });
        return s;
      }
      const votes = { ...s.votes, [from]: msg.vote };
      const next = { ...s, votes };
      if (msg.vote === 'no') {
        ctx.note(`C: ${from} voted NO, so the transaction aborts`);
        return decide(next, 'abort', ctx);
      }
      if (!participantsOf(p).every((n) => votes[n] === 'yes')) return next;
      return p.protocol === '3pc' ? precommit(next, ctx) : decide(next, 'commit', ctx);
    }
    case 'precommit-ack': {
      if (s.phase !== 'precommitting' || s.acks.includes(from)) return s;
      const acks = [...s.acks, from];
      if (allIn(acks, p)) return decide({ ...s, acks }, 'commit', ctx);
      return { ...s, acks };
    }
    case 'ack': {
      if (s.phase !== 'decided' || s.acks.includes(from)) return s;
      const acks = [...s.acks, from];
      if (!allIn(acks, p)) return { ...s, acks };
      ctx.cancelTimer('resend');
      ctx.note('C: every participant acknowledged; writing end (unforced) and forgetting the transaction');
      return { ...lazy(s, 'end', ctx), acks, phase: 'done' };
    }
    case 'decision-req':
      ctx.send(from, { type: 'decision-reply', answer: answer(s) });
      return s;
    case 'decision-reply':
    case 'decision': {
      // A recovering 3PC coordinator learns the outcome the participants reached without it;
      // an undecided one adopts a backup coordinator's decision.
      const d = msg.type === 'decision' ? msg.decision : msg.answer;
      if (d === 'uncertain' || s.decision || s.forcing.some((f) => f.rec.kind === 'commit' || f.rec.kind === 'abort')) return s;
      if (s.phase !== 'recovering' && s.phase !== 'precommitting' && s.phase !== 'collecting') return s;
      ctx.cancelTimer('ask');
      ctx.note(`C learns the outcome from ${from}: ${d}`);
      return { ...force(s, d, null, ctx), phase: 'decided' };
    }
    default:
      return s;
  }
}

/** The coordinator's timers. */
export function coordinatorTimer(s: CoordinatorState, name: string, ctx: CCtx): CoordinatorState {
  const p = ctx.params;
  switch (name) {
    case 'force': {
      const { s: next, done } = finishForce(s, ctx);
      return done ? afterForce(next, done.rec.kind, ctx) : next;
    }
    case 'begin':
      if (s.phase !== 'idle' || s.log.length > 0) return s;
      ctx.note(`C begins the transaction with ${participantsOf(p).join(', ')}`);
      if (p.presumption === 'nothing') return { ...force(s, 'begin', null, ctx), phase: 'collecting' };
      return sendPrepare(s, ctx);
    case 'votes': {
      if (s.phase !== 'collecting') return s;
      const missing = participantsOf(p).filter((n) => !s.votes[n]);
      ctx.note(`C: no vote from ${missing.join(', ')} in time, so the transaction aborts`);
      return decide(s, 'abort', ctx);
    }
    case 'acks': {
      if (s.phase !== 'precommitting') return s;
      const missing = participantsOf(p).filter((n) => !s.acks.includes(n));
      ctx.note(`C: no pre-commit ack from ${missing.join(', ')}; taking them for crashed and committing`);
      return decide(s, 'commit', ctx);
    }
    case 'resend': {
      if (s.phase !== 'decided' || !s.decision) return s;
      sendAll(ctx, { type: 'decision', decision: s.decision }, s.acks);
      ctx.setTimer('resend', p.retryMs);
      return s;
    }
    case 'ask':
      if (s.phase !== 'recovering') return s;
      sendAll(ctx, { type: 'decision-req' });
      ctx.setTimer('ask', p.retryMs);
      return s;
    default:
      return s;
  }
}

/** What survives a coordinator crash: the log (and the checker's ghost record). */
export function crashCoordinator(s: CoordinatorState): CoordinatorState {
  const d = decisionIn(s.log);
  return { ...s, buffer: [], forcing: [], votes: {}, acks: [], decision: d ? d.decision : null, phase: d ? 'decided' : 'idle' };
}

/** Recovery from the log (BHG §7.3, "recovery of the coordinator"). */
export function restartCoordinator(s: CoordinatorState, ctx: CCtx): CoordinatorState {
  const p = ctx.params;
  const d = decisionIn(s.log);
  if (d) {
    if (has(s.log, 'end')) return { ...s, phase: 'done', decision: d.decision };
    ctx.note(`C recovers: its log holds ${d.decision}; re-sending it`);
    sendAll(ctx, { type: 'decision', decision: d.decision });
    ctx.setTimer('resend', p.retryMs);
    return { ...s, phase: 'decided', decision: d.decision, acks: [] };
  }
  if (has(s.log, 'precommit')) {
    // Participants may have committed through the termination protocol: ask before deciding.
    ctx.note('C recovers with a pre-commit record and no decision; asking the participants');
    sendAll(ctx, { type: 'decision-req' });
    ctx.setTimer('ask', p.retryMs);
    return { ...s, phase: 'recovering' };
  }
  if (has(s.log, 'begin')) {
    ctx.note('C recovers: begin but no decision in its log, so it aborts');
    return decide({ ...s, phase: 'collecting' }, 'abort', ctx);
  }
  ctx.note(p.presumption === 'abort' ? 'C recovers with no record: under presumed abort, any question will be answered "abort"' : 'C recovers with no record');
  return { ...s, phase: 'idle' };
}
