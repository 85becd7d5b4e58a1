/**
 * Atomic commitment: two-phase commit (Gray 1978, "Notes on Data Base Operating Systems" §5.8.3;
 * Bernstein, Hadzilacos & Goodman 1987, "Concurrency Control and Recovery in Database Systems",
 * ch. 7) and three-phase commit (Skeen 1981, "Nonblocking Commit Protocols"), as one kernel protocol
 * with durable forced logs, plus the AC1 checker and the blocking measures. See README.md.
 */
import { worldMechanism } from '../core/world';
import { commitProtocol } from './protocol';

/** The commit lab's mechanism (full trace). */
export const commitMechanism = worldMechanism(commitProtocol);
export { commitProtocol, commitDefaults, sanitizeCommitParams, commitMsgLabel } from './protocol';
export { commitScenarios, FUZZ_FOUND_3PC } from './scenarios';
export { terminationRule, BACKUP_STAGGER_MS } from './participant';
export { participantsOf } from './coordinator';
export { allRecords, decisionIn } from './log';
export { commitExperiment, runCommitUnit, type CommitPart, type CommitRow, type CommitResult } from './experiment';
export * from './observe';
export * from './types';
