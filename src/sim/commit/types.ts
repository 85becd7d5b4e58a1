/**
 * Types of the atomic-commit core: two-phase commit (Gray 1978, "Notes on Data Base Operating
 * Systems" §5.8.3; Bernstein, Hadzilacos & Goodman 1987, "Concurrency Control and Recovery in
 * Database Systems", ch. 7) and three-phase commit (Skeen 1981, "Nonblocking Commit Protocols").
 *
 * Every node keeps a log. Only *forced* records survive a crash: a force takes `forceMs` of
 * virtual time, and a crash during it loses the record. Unforced records (the coordinator's
 * `end`, a presumed-abort `abort`) sit in a volatile buffer that the next force flushes.
 */
import type { NodeId, Time } from '../core/types';
import type { Dist } from '../core/dist';

/** Which atomic-commit protocol the run uses. */
export type CommitKind = '2pc' | '3pc';

/**
 * What a coordinator presumes about a transaction it has no record of (Mohan, Lindsay & Obermarck
 * 1986). 'nothing': the coordinator forces a `begin` record before asking for votes and forces
 * abort records too. 'abort': no begin record, aborts are neither forced nor acknowledged, and a
 * question about an unknown transaction is answered "abort".
 */
export type Presumption = 'nothing' | 'abort';

/**
 * What an in-doubt 2PC participant does when the decision is late. 'wait': ask the coordinator
 * until it answers. 'cooperative': also ask the other participants (BHG §7.4, the cooperative
 * termination protocol). 3PC always runs Skeen's termination protocol.
 */
export type Termination = 'wait' | 'cooperative';

/** A decision. */
export type Decision = 'commit' | 'abort';

/** Parameters of one atomic-commit run (one transaction). */
export interface CommitParams {
  readonly protocol: CommitKind;
  /** Participants, 2–5 (P1…P5). The coordinator is C. */
  readonly participants: number;
  /** Participants that vote NO. */
  readonly no: readonly NodeId[];
  readonly presumption: Presumption;
  readonly termination: Termination;
  /** One-way delay of every message (scenarios override single links). */
  readonly latency: Dist;
  /** Time to force one log record to disk. */
  readonly forceMs: Time;
  /** When the coordinator starts the transaction. */
  readonly start: Time;
  /** The coordinator aborts if the votes are not all in after this long. */
  readonly voteTimeout: Time;
  /** 3PC: the coordinator commits anyway if some pre-commit acks are missing after this long. */
  readonly ackTimeout: Time;
  /** A prepared participant starts asking (2PC) or runs the termination protocol (3PC) after this long. */
  readonly decisionTimeout: Time;
  /** Interval between repeated questions and re-sent decisions. */
  readonly retryMs: Time;
}

/** Kinds of log record. */
export type RecordKind = 'begin' | 'prepared' | 'precommit' | 'commit' | 'abort' | 'end' | 'heuristic-commit' | 'heuristic-abort';

/** One log record. */
export interface LogRecord {
  readonly kind: RecordKind;
  /** When it reached the log (forced: when the force finished). */
  readonly at: Time;
  readonly forced: boolean;
  /** `prepared`: when the locks were taken (so a recovered participant keeps counting). */
  readonly lockedSince?: Time;
}

/** A force in progress (or queued): the record, and who gets the reply once it is on disk. */
export interface Forcing {
  readonly rec: LogRecord;
  readonly replyTo: NodeId | null;
}

/** What a participant knows about the transaction. */
export type PState = 'working' | 'prepared' | 'precommitted' | 'committed' | 'aborted';

/** What a node has decided, for the checker (ghost state: read by observers, never by the protocol). */
export interface Decided {
  readonly decision: Decision;
  readonly at: Time;
  /** True if an operator forced it (a heuristic decision). */
  readonly heuristic: boolean;
}

/** 3PC: a participant acting as backup coordinator in the termination protocol. */
export interface Backup {
  readonly phase: 'collecting' | 'precommitting';
  readonly replies: Readonly<Record<NodeId, PState>>;
  readonly acks: readonly NodeId[];
}

/** State common to every node. */
interface Base {
  /** Forced records (and unforced ones a later force flushed): survives crashes. */
  readonly log: readonly LogRecord[];
  /** Unforced records not yet flushed: lost on a crash. */
  readonly buffer: readonly LogRecord[];
  /** Forces in progress, head first: lost on a crash. */
  readonly forcing: readonly Forcing[];
  /** Ghost: every decision this node ever acted on (survives crashes so the checker sees it). */
  readonly decided: readonly Decided[];
}

/** The coordinator's phase. */
export type CPhase = 'idle' | 'collecting' | 'precommitting' | 'decided' | 'done' | 'recovering';

/** The coordinator. */
export interface CoordinatorState extends Base {
  readonly role: 'coordinator';
  readonly phase: CPhase;
  readonly votes: Readonly<Record<NodeId, 'yes' | 'no'>>;
  /** Acks of the decision (2PC) or of pre-commit (3PC, while precommitting). */
  readonly acks: readonly NodeId[];
  readonly decision: Decision | null;
}

/** A participant (resource manager). */
export interface ParticipantState extends Base {
  readonly role: 'participant';
  readonly state: PState;
  /** When the locks were taken, or null when none are held. */
  readonly lockedSince: Time | null;
  /** Ghost: total time locks were held in finished holds (the current hold is `now − lockedSince`). */
  readonly lockHeldMs: Time;
  /** When the prepared record was forced (the start of uncertainty), or null. */
  readonly preparedAt: Time | null;
  /** Questions sent about the decision (to the coordinator or peers). */
  readonly asks: number;
  /** A decision that arrived after an operator had already decided the other way. */
  readonly damage: Decision | null;
  /** 3PC termination protocol run by this participant, if any. */
  readonly backup: Backup | null;
}

/** Any node's state. */
export type CommitNode = CoordinatorState | ParticipantState;

/** Messages. */
export type CommitMsg =
  /** Vote request (2PC) or CanCommit? (3PC). */
  | { readonly type: 'prepare' }
  | { readonly type: 'vote'; readonly vote: 'yes' | 'no' }
  | { readonly type: 'precommit' }
  | { readonly type: 'precommit-ack' }
  | { readonly type: 'decision'; readonly decision: Decision }
  | { readonly type: 'ack' }
  /** An uncertain or recovering node asks what was decided. */
  | { readonly type: 'decision-req' }
  | { readonly type: 'decision-reply'; readonly answer: Decision | 'uncertain' }
  /** 3PC termination protocol: a backup coordinator asks for states. */
  | { readonly type: 'state-req' }
  | { readonly type: 'state-reply'; readonly state: PState };

/** Reader commands: an operator forces a heuristic decision on an in-doubt participant. */
export type CommitCmd = { readonly type: 'commit/heuristic'; readonly node: NodeId; readonly decision: Decision };

/** The coordinator's id. */
export const COORDINATOR: NodeId = 'C';
/** Participant ids, P1…P5. */
export const PARTICIPANTS: readonly NodeId[] = ['P1', 'P2', 'P3', 'P4', 'P5'];
