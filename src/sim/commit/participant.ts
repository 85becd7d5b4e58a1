/**
 * A participant (resource manager) of 2PC and 3PC.
 *
 * It takes its locks when asked to prepare and holds them until it learns the decision: a YES vote
 * is a promise to do either, so from the forced `prepared` record on it may not decide alone
 * (BHG 1987 §7.3, the "uncertainty period"). A late decision makes it ask: the coordinator, and with
 * the cooperative termination protocol (BHG §7.4) the other participants too. A participant that
 * has not voted may abort unilaterally, which is what lets a peer's question settle some cases.
 *
 * In 3PC a participant whose decision is late runs Skeen's termination protocol as a backup
 * coordinator (Skeen 1981; BHG §7.5): it collects the states of the participants it can reach and
 * decides from them: any committed → commit; any aborted → abort; any pre-committed → pre-commit the
 * rest, then commit; all uncertain → abort. Backups are staggered by participant number so the
 * lowest live one usually runs first; a participant asked by a backup defers to it.
 */
import type { Ctx } from '../core/protocol';
import type { NodeId } from '../core/types';
import { decisionIn, finishForce, force, forcing, has, lazy, noteDecided } from './log';
import { participantsOf } from './coordinator';
import { COORDINATOR, type Backup, type CommitMsg, type CommitParams, type Decision, type ParticipantState, type PState } from './types';

type CCtx = Ctx<CommitMsg, CommitParams>;

/** Extra delay per participant number before a 3PC backup starts, so backups rarely race. */
export const BACKUP_STAGGER_MS = 20;

/** A fresh participant, working on its part of the transaction. */
export function initParticipant(): ParticipantState {
  return {
    role: 'participant',
    log: [],
    buffer: [],
    forcing: [],
    decided: [],
    state: 'working',
    lockedSince: null,
    lockHeldMs: 0,
    preparedAt: null,
    asks: 0,
    damage: null,
    backup: null,
  };
}

/** How long this participant waits for a decision before asking or running termination. */
function decisionDelay(ctx: CCtx): number {
  const i = participantsOf(ctx.params).indexOf(ctx.self);
  return ctx.params.decisionTimeout + (i + 1) * BACKUP_STAGGER_MS;
}

const undecided = (s: ParticipantState): boolean => s.state === 'working' || s.state === 'prepared' || s.state === 'precommitted';
const forcingDecision = (s: ParticipantState): boolean => forcing(s, 'commit', 'abort', 'heuristic-commit', 'heuristic-abort');

/** Act on a decision already made durable (or not needing to be): release locks, note it. */
function apply(s: ParticipantState, d: Decision, ctx: CCtx, heuristic = false): ParticipantState {
  ctx.cancelTimer('decision');
  ctx.cancelTimer('collect');
  const held = s.lockedSince === null ? 0 : ctx.now - s.lockedSince;
  if (s.lockedSince !== null) ctx.note(`${ctx.self} ${d === 'commit' ? 'commits' : 'aborts'}${heuristic ? ' (heuristically)' : ''} and releases its locks after ${Math.round(held)} ms`);
  return noteDecided({ ...s, state: d === 'commit' ? 'committed' : 'aborted', lockedSince: null, lockHeldMs: s.lockHeldMs + held, backup: null }, d, ctx, heuristic);
}

/** Abort without asking anyone: allowed only before voting YES. */
function abortUnilaterally(s: ParticipantState, ctx: CCtx): ParticipantState {
  return apply(lazy(s, 'abort', ctx), 'abort', ctx);
}

/** Learn decision `d` from `from`: force it (unless presumed abort needs no force), then act. */
function learn(s: ParticipantState, d: Decision, from: NodeId, ctx: CCtx): ParticipantState {
  const p = ctx.params;
  if (!undecided(s)) {
    const mine = s.decided[s.decided.length - 1];
    if (mine && mine.decision !== d && s.damage === null) {
      const did = mine.decision === 'commit' ? 'committed' : 'aborted';
      ctx.note(
        mine.heuristic
          ? `${ctx.self} was told ${d}, but an operator already ${did} it: heuristic damage`
          : `${ctx.self} was told ${d}, but it already ${did}: atomicity is broken`,
      );
      return { ...s, damage: d };
    }
    // Duplicate decision: acknowledge again so the coordinator can finish.
    if (from === COORDINATOR && (d === 'commit' || p.presumption === 'nothing')) ctx.send(from, { type: 'ack' });
    return s;
  }
  if (forcingDecision(s)) return s;
  if (s.state === 'working') return abortOrLearnWhileWorking(s, d, ctx);
  if (d === 'abort' && p.presumption === 'abort') return apply(lazy(s, 'abort', ctx), 'abort', ctx);
  return force(s, d, from, ctx);
}

/** A decision reaching a participant that never prepared can only be abort (commit needs its YES). */
function abortOrLearnWhileWorking(s: ParticipantState, d: Decision, ctx: CCtx): ParticipantState {
  if (d === 'commit') {
    ctx.note(`${ctx.self} got commit without having voted; ignoring it`);
    return s;
  }
  return abortUnilaterally(s, ctx);
}

function startBackup(s: ParticipantState, ctx: CCtx): ParticipantState {
  const backup: Backup = { phase: 'collecting', replies: {}, acks: [] };
  ctx.note(`${ctx.self} has no decision: it runs the termination protocol as backup coordinator`);
  for (const n of participantsOf(ctx.params)) if (n !== ctx.self) ctx.send(n, { type: 'state-req' });
  ctx.setTimer('collect', ctx.params.retryMs);
  ctx.setTimer('decision', decisionDelay(ctx) + ctx.params.retryMs * 2);
  return { ...s, backup, asks: s.asks + 1 };
}

/** Skeen's decision rule over the states a backup has heard (its own included). */
export function terminationRule(states: readonly PState[]): 'commit' | 'abort' | 'precommit-then-commit' {
  if (states.includes('committed')) return 'commit';
  if (states.includes('aborted') || states.includes('working')) return 'abort';
  if (states.includes('precommitted')) return 'precommit-then-commit';
  return 'abort';
}

function backupDecide(s: ParticipantState, ctx: CCtx): ParticipantState {
  const b = s.backup;
  if (!b || !undecided(s) || forcingDecision(s)) return s;
  if (b.phase === 'precommitting') {
    ctx.note(`${ctx.self} (backup) commits`);
    return force(s, 'commit', ctx.self, ctx);
  }
  const heard = Object.keys(b.replies);
  const states = [s.state, ...heard.map((n) => b.replies[n])];
  const rule = terminationRule(states);
  const from = heard.length === 0 ? 'no one else' : heard.map((n) => `${n} ${b.replies[n]}`).join(', ');
  if (rule === 'precommit-then-commit') {
    const uncertain = heard.filter((n) => b.replies[n] === 'prepared');
    ctx.note(`${ctx.self} (backup) heard ${from}: someone pre-committed, so it will commit`);
    if (uncertain.length === 0) return force(s, 'commit', ctx.self, ctx);
    for (const n of uncertain) ctx.send(n, { type: 'precommit' });
    ctx.setTimer('collect', ctx.params.retryMs);
    return { ...s, state: 'precommitted', backup: { ...b, phase: 'precommitting' } };
  }
  ctx.note(`${ctx.self} (backup) heard ${from}: ${rule === 'commit' ? 'someone committed, so commit' : states.includes('aborted') || states.includes('working') ? 'someone aborted or never voted, so abort' : 'all uncertain, so abort'}`);
  return force(s, rule, ctx.self, ctx);
}

/** A force finished: act on what is now on disk. */
function afterForce(s: ParticipantState, kind: string, replyTo: NodeId | null, ctx: CCtx): ParticipantState {
  const p = ctx.params;
  switch (kind) {
    case 'prepared':
      if (s.state !== 'working') return s;
      ctx.setTimer('decision', decisionDelay(ctx));
      if (replyTo) ctx.send(replyTo, { type: 'vote', vote: 'yes' });
      return { ...s, state: 'prepared', preparedAt: ctx.now };
    case 'precommit':
      if (s.state !== 'prepared') return s;
      ctx.setTimer('decision', decisionDelay(ctx));
      if (replyTo) ctx.send(replyTo, { type: 'precommit-ack' });
      return { ...s, state: 'precommitted' };
    case 'commit':
    case 'abort': {
      const d = kind as Decision;
      const next = apply(s, d, ctx);
      if (replyTo === COORDINATOR && (d === 'commit' || p.presumption === 'nothing')) ctx.send(COORDINATOR, { type: 'ack' });
      // A backup announces its decision to everyone it can reach (the coordinator included).
      if (replyTo === ctx.self) for (const n of ctx.nodes) if (n !== ctx.self) ctx.send(n, { type: 'decision', decision: d });
      return next;
    }
    case 'heuristic-commit':
    case 'heuristic-abort':
      return apply(s, kind === 'heuristic-commit' ? 'commit' : 'abort', ctx, true);
    default:
      return s;
  }
}

/** The participant's message handler. */
export function participantMessage(s: ParticipantState, msg: CommitMsg, from: NodeId, ctx: CCtx): ParticipantState {
  const p = ctx.params;
  switch (msg.type) {
    case 'prepare': {
      if (s.state === 'prepared' || s.state === 'precommitted') {
        ctx.send(from, { type: 'vote', vote: 'yes' });
        return s;
      }
      if (s.state === 'aborted') {
        ctx.send(from, { type: 'vote', vote: 'no' });
        return s;
      }
      if (s.state !== 'working' || forcing(s, 'prepared')) return s;
      if (p.no.includes(ctx.self)) {
        ctx.note(`${ctx.self} cannot commit its part, so it votes NO and aborts at once`);
        ctx.send(from, { type: 'vote', vote: 'no' });
        return abortUnilaterally(s, ctx);
      }
      ctx.note(`${ctx.self} locks its rows and forces a prepared record before voting YES`);
      return { ...force(s, 'prepared', from, ctx, ctx.now), lockedSince: ctx.now };
    }
    case 'precommit':
      if (s.state === 'precommitted') ctx.send(from, { type: 'precommit-ack' });
      else if (s.state === 'prepared' && !forcing(s, 'precommit')) return force(s, 'precommit', from, ctx);
      return s;
    case 'precommit-ack':
      if (s.backup?.phase !== 'precommitting' || s.backup.acks.includes(from)) return s;
      return { ...s, backup: { ...s.backup, acks: [...s.backup.acks, from] } };
    case 'decision':
      return learn(s, msg.decision, from, ctx);
    case 'decision-reply':
      return msg.answer === 'uncertain' ? s : learn(s, msg.answer, from, ctx);
    case 'decision-req': {
      if (s.state === 'working' && !forcing(s, 'prepared')) {
        ctx.note(`${ctx.self} has not voted, so it aborts unilaterally and says so`);
        ctx.send(from, { type: 'decision-reply', answer: 'abort' });
        return abortUnilaterally(s, ctx);
      }
      const answer = s.state === 'committed' ? 'commit' : s.state === 'aborted' ? 'abort' : 'uncertain';
      ctx.send(from, { type: 'decision-reply', answer });
      return s;
    }
    case 'state-req': {
      if (s.state === 'working' && !forcing(s, 'prepared')) {
        ctx.send(from, { type: 'state-reply', state: 'aborted' });
        return abortUnilaterally(s, ctx);
      }
      // A prepared record still being forced counts as uncertain: the YES vote is on its way.
      ctx.send(from, { type: 'state-reply', state: s.state === 'working' ? 'prepared' : s.state });
      if (!undecided(s)) return s;
      // Defer to the backup that asked: restart our own wait, and stand down if we were a backup too
      // and it has a lower number.
      ctx.setTimer('decision', decisionDelay(ctx) + p.retryMs * 2);
      const lower = participantsOf(p).indexOf(from) < participantsOf(p).indexOf(ctx.self);
      if (s.backup && lower) {
        ctx.cancelTimer('collect');
        return { ...s, backup: null };
      }
      return s;
    }
    case 'state-reply':
      if (s.backup?.phase !== 'collecting') return s;
      return { ...s, backup: { ...s.backup, replies: { ...s.backup.replies, [from]: msg.state } } };
    default:
      return s;
  }
}

/** The participant's timers. */
export function participantTimer(s: ParticipantState, name: string, ctx: CCtx): ParticipantState {
  const p = ctx.params;
  switch (name) {
    case 'force': {
      const { s: next, done } = finishForce(s, ctx);
      return done ? afterForce(next, done.rec.kind, done.replyTo, ctx) : next;
    }
    case 'decision': {
      if (s.state !== 'prepared' && s.state !== 'precommitted') return s;
      if (p.protocol === '3pc') return startBackup(s, ctx);
      ctx.send(COORDINATOR, { type: 'decision-req' });
      if (p.termination === 'cooperative') for (const n of participantsOf(p)) if (n !== ctx.self) ctx.send(n, { type: 'decision-req' });
      if (s.asks === 0) ctx.note(`${ctx.self} is in doubt: it voted YES, holds its locks, and asks ${p.termination === 'cooperative' ? 'the coordinator and the other participants' : 'the coordinator'}`);
      ctx.setTimer('decision', p.retryMs);
      return { ...s, asks: s.asks + 1 };
    }
    case 'collect':
      return backupDecide(s, ctx);
    default:
      return s;
  }
}

/** An operator decides for an in-doubt participant (a heuristic decision, Gray & Reuter 1993 §12.5). */
export function heuristic(s: ParticipantState, d: Decision, ctx: CCtx): ParticipantState {
  if (s.state !== 'prepared' && s.state !== 'precommitted') {
    ctx.note(`${ctx.self} is not in doubt; the operator's ${d} changes nothing`);
    return s;
  }
  if (forcingDecision(s)) return s;
  ctx.note(`An operator forces ${ctx.self} to ${d} without the coordinator`);
  return force(s, d === 'commit' ? 'heuristic-commit' : 'heuristic-abort', null, ctx);
}

/** What survives a participant crash: its log. Its state and locks are rebuilt from it. */
export function crashParticipant(s: ParticipantState): ParticipantState {
  const d = decisionIn(s.log);
  const prepared = s.log.find((r) => r.kind === 'prepared');
  let state: PState = 'working';
  if (d) state = d.decision === 'commit' ? 'committed' : 'aborted';
  else if (has(s.log, 'precommit')) state = 'precommitted';
  else if (prepared) state = 'prepared';
  // A prepared record names the locks, so they stay held through the crash; without one they are gone.
  const lockedSince = state === 'prepared' || state === 'precommitted' ? (prepared?.lockedSince ?? prepared?.at ?? null) : null;
  return { ...s, buffer: [], forcing: [], state, lockedSince, backup: null };
}

/** Recovery (BHG §7.3): in doubt → ask; never prepared → abort unilaterally. */
export function restartParticipant(s: ParticipantState, ctx: CCtx): ParticipantState {
  const p = ctx.params;
  if (s.state === 'prepared' || s.state === 'precommitted') {
    ctx.note(`${ctx.self} recovers ${s.state}: it re-takes its locks and must ask for the decision`);
    ctx.send(COORDINATOR, { type: 'decision-req' });
    if (p.termination === 'cooperative' || p.protocol === '3pc') for (const n of participantsOf(p)) if (n !== ctx.self) ctx.send(n, { type: 'decision-req' });
    ctx.setTimer('decision', p.retryMs);
    return { ...s, asks: s.asks + 1 };
  }
  if (s.state === 'working') {
    ctx.note(`${ctx.self} recovers with no prepared record: its work is lost, so it aborts`);
    return abortUnilaterally({ ...s, lockedSince: null }, ctx);
  }
  return s;
}
