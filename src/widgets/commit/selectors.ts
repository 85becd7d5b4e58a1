/**
 * Pure selectors from the commit core's world to what CommitLab draws: one card per node with its
 * forced log and lock timer, the messages in flight, the links a partition cut, the checker's
 * verdict, and the one "what just happened, and why" caption (also what the live region reads).
 */
import { inFlight, isCut, type WorldAction } from '../../sim/core';
import type { Tagged, TraceEntry } from '../../sim/core';
import {
  commitMsgLabel,
  COORDINATOR,
  participantsOf,
  summarize,
  lockHeld,
  type CommitCmd,
  type CommitMsg,
  type CommitWorld,
  type CoordinatorState,
  type LogRecord,
  type ParticipantState,
  type RecordKind,
} from '../../sim/commit';

/** How a log record stands. */
export type ChipState = 'durable' | 'buffered' | 'forcing';

/** One log record as drawn beside its node. */
export interface LogChip {
  readonly kind: RecordKind;
  readonly label: string;
  readonly short: string;
  readonly state: ChipState;
}

/** Tone of a card or message (CSS data-tone). */
export type Tone = 'ok' | 'warn' | 'bad' | 'muted' | undefined;

/** One node as the picture draws it. */
export interface NodeCard {
  readonly id: string;
  readonly coordinator: boolean;
  readonly up: boolean;
  /** One or two words: "in doubt", "committed", "collecting votes"… */
  readonly status: string;
  readonly tone: Tone;
  readonly inDoubt: boolean;
  /** Locks held right now, and for how long in total (ms). */
  readonly locked: boolean;
  readonly lockMs: number;
  readonly log: readonly LogChip[];
  /** A decision that arrived after this node had decided the other way. */
  readonly damage: boolean;
}

const LABEL: Record<RecordKind, [string, string]> = {
  begin: ['begin', 'begin'],
  prepared: ['prepared', 'prep'],
  precommit: ['pre-commit', 'pre'],
  commit: ['commit', 'commit'],
  abort: ['abort', 'abort'],
  end: ['end', 'end'],
  'heuristic-commit': ['heuristic commit', 'h-commit'],
  'heuristic-abort': ['heuristic abort', 'h-abort'],
};

function chips(recs: readonly LogRecord[], state: ChipState): LogChip[] {
  return recs.map((r) => ({ kind: r.kind, label: LABEL[r.kind][0], short: LABEL[r.kind][1], state }));
}

function logOf(s: CoordinatorState | ParticipantState): LogChip[] {
  return [...chips(s.log, 'durable'), ...chips(s.buffer, 'buffered'), ...chips(s.forcing.map((f) => f.rec), 'forcing')];
}

const C_STATUS: Record<CoordinatorState['phase'], string> = {
  idle: 'idle',
  collecting: 'collecting votes',
  precommitting: 'pre-committing',
  decided: 'decided',
  done: 'done',
  recovering: 'asking',
};

/** Cards for every node, coordinator first. */
export function nodeCards(w: CommitWorld): NodeCard[] {
  const cards: NodeCard[] = [];
  const c = w.nodes[COORDINATOR];
  const cs = c.state as CoordinatorState;
  const cDec = cs.decision;
  cards.push({
    id: COORDINATOR,
    coordinator: true,
    up: c.up,
    status: !c.up ? 'crashed' : cDec ? `${cDec === 'commit' ? 'committed' : 'aborted'}${cs.phase === 'done' ? '' : ', telling'}` : C_STATUS[cs.phase],
    tone: !c.up ? 'bad' : cDec === 'commit' ? 'ok' : cDec === 'abort' ? 'muted' : undefined,
    inDoubt: false,
    locked: false,
    lockMs: 0,
    log: logOf(cs),
    damage: false,
  });
  for (const id of participantsOf(w.params)) {
    const rec = w.nodes[id];
    const s = rec.state as ParticipantState;
    const doubt = s.state === 'prepared' || s.state === 'precommitted';
    const h = s.decided[s.decided.length - 1]?.heuristic ?? false;
    let status: string = s.state;
    if (doubt) status = `${s.state === 'precommitted' ? 'pre-committed' : 'voted YES'}${s.asks > 0 ? `, asked ${s.asks}×` : ''}`;
    else if (s.state === 'working') status = s.forcing.length ? 'preparing' : 'working';
    else if (h) status = `${s.state} (operator)`;
    cards.push({
      id,
      coordinator: false,
      up: rec.up,
      status: rec.up ? status : `crashed, ${status}`,
      tone: s.damage ? 'bad' : doubt ? 'warn' : s.state === 'committed' ? 'ok' : s.state === 'aborted' ? 'muted' : undefined,
      inDoubt: doubt,
      locked: s.lockedSince !== null,
      lockMs: Math.round(lockHeld(s, w.now)),
      log: logOf(s),
      damage: s.damage !== null,
    });
  }
  return cards;
}

/** A message in the air. */
export interface FlightView {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  /** 0 at the sender, 1 at the receiver. */
  readonly progress: number;
  readonly label: string;
  readonly tone: Tone;
  readonly doomed: string | null;
}

function msgTone(m: CommitMsg): Tone {
  if (m.type === 'decision') return m.decision === 'commit' ? 'ok' : 'muted';
  if (m.type === 'vote') return m.vote === 'yes' ? 'ok' : 'bad';
  if (m.type === 'decision-req' || m.type === 'state-req') return 'warn';
  if (m.type === 'decision-reply' && m.answer === 'uncertain') return 'warn';
  return undefined;
}

/** Messages in flight at the world's time, oldest first. */
export function flights(w: CommitWorld): FlightView[] {
  return inFlight(w).map((f) => ({
    id: f.msgId,
    from: f.from,
    to: f.to,
    progress: f.arrive > f.sent ? Math.min(1, Math.max(0, (w.now - f.sent) / (f.arrive - f.sent))) : 1,
    label: commitMsgLabel(f.msg, true),
    tone: msgTone(f.msg),
    doomed: f.doomed,
  }));
}

/** Coordinator–participant links cut in either direction. */
export function cutLinks(w: CommitWorld): string[] {
  return participantsOf(w.params).filter((p) => isCut(w.net, COORDINATOR, p) || isCut(w.net, p, COORDINATOR));
}

/** Participant pairs cut in either direction (drawn as a split in the row). */
export function cutPeers(w: CommitWorld): [string, string][] {
  const ps = participantsOf(w.params);
  const out: [string, string][] = [];
  for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) if (isCut(w.net, ps[i], ps[j]) || isCut(w.net, ps[j], ps[i])) out.push([ps[i], ps[j]]);
  return out;
}

/** The network's groups when some link is cut (nodes that reach each other both ways), else null. */
export function netGroups(w: CommitWorld): string[][] | null {
  const ids = w.nodeIds;
  const parent = new Map(ids.map((i) => [i, i]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  let any = false;
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      if (isCut(w.net, ids[i], ids[j]) || isCut(w.net, ids[j], ids[i])) any = true;
      else parent.set(find(ids[i]), find(ids[j]));
    }
  if (!any) return null;
  const groups = new Map<string, string[]>();
  for (const id of ids) groups.set(find(id), [...(groups.get(find(id)) ?? []), id]);
  return groups.size > 1 ? [...groups.values()] : null;
}

/** The checker's verdict line. */
export function verdict(w: CommitWorld): { tone: Tone; text: string } {
  const s = summarize(w);
  const a = s.atomicity;
  if (a.violated) {
    const who = `${a.committed.join(', ')} committed; ${a.aborted.join(', ')} aborted`;
    return { tone: 'bad', text: a.heuristic ? `MIXED OUTCOME (heuristic damage): ${who}.` : `AC1 VIOLATED: ${who}.` };
  }
  if (s.outcome === 'committed') return { tone: 'ok', text: 'Atomic: every participant committed.' };
  if (s.outcome === 'aborted') return { tone: 'ok', text: 'Atomic: every participant aborted.' };
  if (s.inDoubt.length > 0) return { tone: 'warn', text: `${s.inDoubt.join(', ')} in doubt, holding locks (longest ${Math.round(s.maxLockHeld)} ms). Atomic so far.` };
  return { tone: 'muted', text: 'Atomic so far: nobody has decided differently.' };
}

const KINDS = new Set(['note', 'crash', 'restart', 'partition', 'heal', 'action']);

function plural(xs: readonly string[]): string {
  return xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** Why the run stands where it does (the second half of the caption). */
export function why(w: CommitWorld): string {
  const s = summarize(w);
  const p = w.params;
  if (s.atomicity.violated && !s.atomicity.heuristic) return 'Each side followed the rules with the states it could see; the partition hid the pre-commit from one side.';
  if (s.atomicity.violated) return 'The operator guessed; the coordinator’s logged decision disagreed. Someone now has to repair it by hand.';
  if (s.inDoubt.length > 0 && !s.coordinatorUp && p.protocol === '2pc') {
    return `${plural(s.inDoubt)} voted YES, so ${s.inDoubt.length > 1 ? 'they' : 'it'} may not decide alone: ${s.inDoubt.length > 1 ? 'they hold their' : 'it holds its'} locks until C comes back${p.termination === 'cooperative' ? ' or a peer knows the outcome' : ''}.`;
  }
  if (s.inDoubt.length > 0 && p.protocol === '3pc') return 'In 3PC a participant whose decision is late does not wait for C: it runs the termination protocol with whoever it can reach.';
  if (s.inDoubt.length > 0) return 'Voting YES is a promise: until the decision arrives, the locks stay.';
  if (s.outcome === 'committed') return 'Commit was decided only after every YES was on disk, and each participant forced commit before releasing its locks.';
  if (s.outcome === 'aborted') return p.presumption === 'abort' ? 'Under presumed abort, a coordinator with no record of a transaction answers “abort”.' : 'Without a unanimous YES, or with no decision in the coordinator’s log, the only safe outcome is abort.';
  return 'Press Play to run the protocol.';
}

/** One plain sentence or two: the latest thing that happened, then why it matters. */
export function stepCaption(trace: readonly TraceEntry[], w: CommitWorld): string {
  let last: TraceEntry | undefined;
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i];
    if (e.t <= w.now && KINDS.has(e.kind)) {
      last = e;
      break;
    }
  }
  if (!last) return `${w.params.protocol === '3pc' ? 'Three' : 'Two'}-phase commit, C and ${participantsOf(w.params).length} participants. Press Play to run it.`;
  const what = last.label.replace(/\s*$/, '');
  return `${Math.round(last.t)} ms: ${what.charAt(0).toUpperCase()}${what.slice(1)}${/[.!?]$/.test(what) ? '' : '.'} ${why(w)}`;
}

/** Plain words for a logged reader action (the event table and the live region). */
export function describeCommitAction(a: Tagged): string {
  const x = a as WorldAction | CommitCmd;
  switch (x.type) {
    case 'commit/heuristic':
      return `operator forces ${x.node} to ${x.decision}`;
    case 'node/crash':
      return `crash ${x.node}`;
    case 'node/restart':
      return `restart ${x.node}`;
    case 'net/partition':
      return `partition ${x.groups.map((g) => g.join(',')).join(' | ')}`;
    case 'net/heal':
      return 'heal the network';
    case 'net/cut':
      return `cut ${x.from}→${x.to}`;
    default:
      return x.type;
  }
}
