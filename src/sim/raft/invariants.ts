/**
 * Live checks of Raft's four safety properties (Ongaro & Ousterhout 2014, Figure 3):
 * Election Safety, Log Matching, Leader Completeness and State Machine Safety.
 * (Leader Append-Only is not listed in the lab; a leader's log only changes by appending in node.ts.)
 *
 * The monitor is ghost state: servers never read it. It is updated incrementally after each step by
 * comparing a server before and after, so checking costs O(servers × log) per changed log, not a
 * rescan of the whole history.
 */
import type { NodeId, Time } from '../core/types';
import type { CommitRecord, InvariantId, Monitor, RaftNode as Server, Violation } from './types';
import type { LogView } from './log';
import { SharedVec } from './sharedVec';

/** An empty monitor. */
export const emptyMonitor: Monitor = {
  leaders: {},
  applied: SharedVec.empty<string>((a, b) => a === b),
  committed: SharedVec.empty<CommitRecord>((a, b) => a.index === b.index && a.entryId === b.entryId && a.entryTerm === b.entryTerm && a.term === b.term),
  violations: [],
};

/** Keep memory bounded if a broken run keeps violating. */
const MAX_VIOLATIONS = 200;

/**
 * Log Matching: if two logs hold an entry with the same index and term, the logs are identical in
 * all entries up to that index. Returns the first index where that fails, or 0 if the pair is fine.
 */
export function logMatchingBreak(a: LogView, b: LogView, unchanged = 0): number {
  const n = Math.min(a.length, b.length);
  let top = 0;
  for (let i = n; i > unchanged; i--) {
    if (a.at(i - 1)!.term === b.at(i - 1)!.term) {
      top = i;
      break;
    }
  }
  if (top === 0) return 0;
  // When the first `unchanged` entries of `a` were already checked against `b`, agreeing at index
  // `unchanged` implies agreeing on the whole prefix before it (Log Matching held there).
  const from = unchanged > 0 && a.at(unchanged - 1)!.id === b.at(unchanged - 1)!.id ? unchanged + 1 : 1;
  for (let i = from; i <= top; i++) if (a.at(i - 1)!.id !== b.at(i - 1)!.id) return i;
  return 0;
}

/** Where a check happened, for the violation record. */
export interface At {
  readonly t: Time;
  readonly seq: number;
}

/** Update the monitor after server `before` became `after`; `servers` is the cluster after the step. */
export function observe(mon: Monitor, before: Server, after: Server, servers: readonly Server[], at: At): Monitor {
  let leaders = mon.leaders;
  let applied = mon.applied;
  let committed = mon.committed;
  const found: Violation[] = [];
  const flag = (invariant: InvariantId, message: string) => found.push({ invariant, t: at.t, seq: at.seq, message });

  const newLeader = after.role === 'leader' && (before.role !== 'leader' || before.currentTerm !== after.currentTerm);
  if (newLeader) {
    const term = after.currentTerm;
    const prior: NodeId | undefined = leaders[term];
    if (prior !== undefined && prior !== after.id) {
      flag('election-safety', `${after.id} and ${prior} were both elected leader of term ${term}.`);
    } else if (prior === undefined) {
      leaders = { ...leaders, [term]: after.id };
    }
    for (const c of committed) {
      if (!c || c.term >= term) continue;
      if (after.log.at(c.index - 1)?.id !== c.entryId) {
        flag(
          'leader-completeness',
          `${after.id} became leader of term ${term} without entry ${c.index} (term ${c.entryTerm}), committed in term ${c.term}.`,
        );
        break;
      }
    }
  }

  if (after.log !== before.log) {
    // Entries before the first changed index were already checked against every other log.
    // Logs change only by truncating and appending (node.ts), so when the old log's last entry is still
    // in place the whole old log is (an O(1) test for the common append, instead of an O(log) scan).
    const n = Math.min(before.log.length, after.log.length);
    let k = 0;
    if (n === before.log.length && n > 0 && before.log.at(n - 1) === after.log.at(n - 1)) k = n;
    else while (k < n && before.log.at(k) === after.log.at(k)) k++;
    for (const other of servers) {
      if (other.id === after.id) continue;
      const i = logMatchingBreak(after.log, other.log, k);
      if (i > 0) {
        flag('log-matching', `${after.id} and ${other.id} hold entries with equal index and term but differ at index ${i}.`);
        break;
      }
    }
  }

  if (after.commitIndex > before.commitIndex) {
    for (let i = before.commitIndex + 1; i <= after.commitIndex; i++) {
      const e = after.log.at(i - 1);
      if (!e) continue;
      const first = applied.at(i - 1);
      if (first === undefined) {
        applied = applied.set(i - 1, e.id);
      } else if (first !== e.id) {
        flag(
          'state-machine-safety',
          `${after.id} applied ${e.cmd} (term ${e.term}) at index ${i}, where another server already applied a different command.`,
        );
      }
      if (after.role === 'leader' && committed.at(i - 1) === undefined) {
        committed = committed.set(i - 1, { index: i, entryId: e.id, entryTerm: e.term, term: after.currentTerm });
      }
    }
  }

  if (leaders === mon.leaders && applied === mon.applied && committed === mon.committed && found.length === 0) return mon;
  const violations =
    found.length === 0 || mon.violations.length >= MAX_VIOLATIONS ? mon.violations : [...mon.violations, ...found];
  return { leaders, applied, committed, violations };
}
