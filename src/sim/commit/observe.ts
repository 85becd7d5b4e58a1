/**
 * Pure observers over a commit run: the atomicity checker and the blocking measures.
 *
 * AC1 (BHG 1987 §7.2): all processes that reach a decision reach the same one. AC2: a process
 * cannot reverse its decision. The checker reads each node's ghost `decided` list, which survives
 * crashes, so a decision acted on and then lost with a volatile buffer still counts.
 */
import type { NodeId, Time } from '../core/types';
import type { WorldState } from '../core/world';
import { COORDINATOR, type CommitMsg, type CommitNode, type CommitParams, type Decision, type ParticipantState } from './types';
import { participantsOf } from './coordinator';

/** The world state of a commit run. */
export type CommitWorld = WorldState<CommitParams, CommitNode, CommitMsg>;

/** What the checker found. */
export interface AtomicityReport {
  /** Each node's decision (its latest), or null if undecided. */
  readonly decisions: Readonly<Record<NodeId, Decision | null>>;
  /** AC1 or AC2 broken: two processes decided differently, or one changed its mind. */
  readonly violated: boolean;
  /** The violation involves an operator's heuristic decision (not the protocol's fault). */
  readonly heuristic: boolean;
  /** Nodes that decided commit, and nodes that decided abort. */
  readonly committed: readonly NodeId[];
  readonly aborted: readonly NodeId[];
}

/** Check AC1 and AC2 over every node of the run. */
export function checkAtomicity(w: CommitWorld): AtomicityReport {
  const decisions: Record<NodeId, Decision | null> = {};
  const committed: NodeId[] = [];
  const aborted: NodeId[] = [];
  let changed = false;
  let heuristic = false;
  for (const id of w.nodeIds) {
    const d = w.nodes[id].state.decided;
    decisions[id] = d.length ? d[d.length - 1].decision : null;
    if (d.some((x) => x.decision === 'commit')) committed.push(id);
    if (d.some((x) => x.decision === 'abort')) aborted.push(id);
    if (d.length > 1) changed = true;
    if (d.some((x) => x.heuristic)) heuristic = true;
  }
  const violated = changed || (committed.length > 0 && aborted.length > 0);
  return { decisions, violated, heuristic: violated && heuristic, committed, aborted };
}

/** How long a participant has held its locks in total, as of `now`. */
export function lockHeld(p: ParticipantState, now: Time): Time {
  return p.lockHeldMs + (p.lockedSince === null ? 0 : Math.max(0, now - p.lockedSince));
}

/** True while a participant has voted YES (or pre-committed) and does not know the outcome. */
export function inDoubt(p: ParticipantState): boolean {
  return p.state === 'prepared' || p.state === 'precommitted';
}

/** The run's outcome as a reader would name it. */
export type Outcome = 'running' | 'committed' | 'aborted' | 'mixed' | 'blocked';

/** One participant's view-model row. */
export interface ParticipantSummary {
  readonly id: NodeId;
  readonly up: boolean;
  readonly state: ParticipantState['state'];
  readonly inDoubt: boolean;
  readonly lockHeld: Time;
  readonly locked: boolean;
}

/** Everything the lab shows at a glance. */
export interface CommitSummary {
  readonly outcome: Outcome;
  readonly atomicity: AtomicityReport;
  readonly participants: readonly ParticipantSummary[];
  /** Longest lock hold of any participant so far. */
  readonly maxLockHeld: Time;
  /** Participants in doubt right now. */
  readonly inDoubt: readonly NodeId[];
  readonly coordinatorUp: boolean;
}

/** Summarise a run at its current time. */
export function summarize(w: CommitWorld): CommitSummary {
  const atomicity = checkAtomicity(w);
  const participants = participantsOf(w.params).map((id) => {
    const rec = w.nodes[id];
    const s = rec.state as ParticipantState;
    return { id, up: rec.up, state: s.state, inDoubt: inDoubt(s), lockHeld: lockHeld(s, w.now), locked: s.lockedSince !== null };
  });
  const doubt = participants.filter((p) => p.inDoubt).map((p) => p.id);
  const pDecisions = participants.map((p) => atomicity.decisions[p.id]);
  let outcome: Outcome = 'running';
  if (atomicity.violated) outcome = 'mixed';
  else if (pDecisions.every((d) => d === 'commit')) outcome = 'committed';
  else if (pDecisions.every((d) => d === 'abort')) outcome = 'aborted';
  else if (doubt.length > 0 && w.now - Math.min(...participants.filter((p) => p.inDoubt).map((p) => (w.nodes[p.id].state as ParticipantState).preparedAt ?? w.now)) > w.params.decisionTimeout) outcome = 'blocked';
  return {
    outcome,
    atomicity,
    participants,
    maxLockHeld: Math.max(0, ...participants.map((p) => p.lockHeld)),
    inDoubt: doubt,
    coordinatorUp: w.nodes[COORDINATOR].up,
  };
}
