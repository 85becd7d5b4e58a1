/**
 * Atomic commitment on the kernel's message-passing world: a coordinator C and participants P1…Pn
 * running two-phase commit (Gray 1978 §5.8.3; Bernstein, Hadzilacos & Goodman 1987, ch. 7) or
 * three-phase commit (Skeen 1981). One transaction per run. Crashes keep each node's forced log
 * (see log.ts); the reader can crash, restart and partition any node at any time, and force a
 * heuristic decision on an in-doubt participant.
 */
import type { Protocol } from '../core/protocol';
import type { Sanitized } from '../core/types';
import type { WorldAction } from '../core/actions';
import { sanitizeDist } from '../core/dist';
import { clampInteger, clampNumber } from '../core/clamp';
import { coordinatorMessage, coordinatorTimer, crashCoordinator, initCoordinator, participantsOf, restartCoordinator } from './coordinator';
import { crashParticipant, heuristic, initParticipant, participantMessage, participantTimer, restartParticipant } from './participant';
import { COORDINATOR, PARTICIPANTS, type CommitCmd, type CommitMsg, type CommitNode, type CommitParams } from './types';
import { commitScenarios } from './scenarios';

/** Default parameters: 2PC, three participants, all vote YES, presumed nothing, 5–15 ms links. */
export const commitDefaults: CommitParams = {
  protocol: '2pc',
  participants: 3,
  no: [],
  presumption: 'nothing',
  termination: 'wait',
  latency: { kind: 'uniform', min: 5, max: 15 },
  forceMs: 2,
  start: 10,
  voteTimeout: 100,
  ackTimeout: 100,
  decisionTimeout: 150,
  retryMs: 100,
};

/** Validate untrusted parameters (URL, props); never throws. */
export function sanitizeCommitParams(raw: unknown): Sanitized<CommitParams> {
  const d = commitDefaults;
  if (typeof raw !== 'object' || raw === null) return { value: d, problems: raw === undefined ? [] : ['params: not an object; using the defaults'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const choice = <T extends string>(k: string, opts: readonly T[], dv: T): T => {
    const v = r[k];
    if (v === undefined) return dv;
    if (typeof v === 'string' && (opts as readonly string[]).includes(v)) return v as T;
    problems.push(`${k} must be one of ${opts.join(', ')}; using ${dv}`);
    return dv;
  };
  const num = (k: keyof CommitParams, lo: number, hi: number): number =>
    r[k] === undefined ? (d[k] as number) : clampNumber(r[k], lo, hi, d[k] as number, k, problems);
  const participants = r.participants === undefined ? d.participants : clampInteger(r.participants, 2, 5, d.participants, 'participants', problems);
  const ids = PARTICIPANTS.slice(0, participants);
  let no: string[] = [];
  if (r.no !== undefined) {
    if (Array.isArray(r.no)) no = r.no.filter((x): x is string => typeof x === 'string' && ids.includes(x));
    if (!Array.isArray(r.no) || no.length !== r.no.length) problems.push(`no must list participants among ${ids.join(', ')}`);
  }
  const latency = r.latency === undefined ? { value: d.latency, problems: [] } : sanitizeDist(r.latency, d.latency, 'latency');
  problems.push(...latency.problems);
  return {
    value: {
      protocol: choice('protocol', ['2pc', '3pc'] as const, d.protocol),
      participants,
      no: [...new Set(no)],
      presumption: choice('presumption', ['nothing', 'abort'] as const, d.presumption),
      termination: choice('termination', ['wait', 'cooperative'] as const, d.termination),
      latency: latency.value,
      forceMs: num('forceMs', 0, 100),
      start: num('start', 0, 10_000),
      voteTimeout: num('voteTimeout', 1, 10_000),
      ackTimeout: num('ackTimeout', 1, 10_000),
      decisionTimeout: num('decisionTimeout', 1, 10_000),
      retryMs: num('retryMs', 5, 10_000),
    },
    problems,
  };
}

/** The atomic-commit protocol (see the file comment). */
export const commitProtocol: Protocol<CommitParams, CommitNode, CommitMsg, CommitCmd> = {
  id: 'commit',
  defaults: commitDefaults,
  sanitizeParams: sanitizeCommitParams,
  topology(p) {
    return { nodes: [COORDINATOR, ...participantsOf(p)], net: { defaults: { latency: p.latency, loss: 0, dup: 0, fifo: false } } };
  },
  initNode: (id, ctx) => (id === COORDINATOR ? initCoordinator(ctx) : initParticipant()),
  onMessage: (s, msg, from, ctx) => (s.role === 'coordinator' ? coordinatorMessage(s, msg, from, ctx) : participantMessage(s, msg, from, ctx)),
  onTimer: (s, name, ctx) => (s.role === 'coordinator' ? coordinatorTimer(s, name, ctx) : participantTimer(s, name, ctx)),
  onCommand: (s, cmd, ctx) => (s.role === 'participant' ? heuristic(s, cmd.decision, ctx) : s),
  commandTarget: (cmd, p) => (participantsOf(p).includes(cmd.node) ? cmd.node : null),
  parseCommand(raw) {
    if (typeof raw !== 'object' || raw === null) return null;
    const r = raw as Record<string, unknown>;
    if (r.type !== 'commit/heuristic' || typeof r.node !== 'string' || !PARTICIPANTS.includes(r.node)) return null;
    if (r.decision !== 'commit' && r.decision !== 'abort') return null;
    return { type: 'commit/heuristic', node: r.node, decision: r.decision };
  },
  onCrash: (s) => (s.role === 'coordinator' ? crashCoordinator(s) : crashParticipant(s)),
  onRestart: (s, ctx) => (s.role === 'coordinator' ? restartCoordinator(s, ctx) : restartParticipant(s, ctx)),
  describe: (m) => commitMsgLabel(m),
  describeCommand: (c) => `operator forces ${c.node} to ${c.decision}`,
  describeWorldAction(a: WorldAction) {
    if (a.type === 'node/crash') return `${a.node} crashed (its forced log survives)`;
    if (a.type === 'node/restart') return `${a.node} restarted and reads its log`;
    return undefined;
  },
  scenarios: commitScenarios,
};

/**
 * A message's words: as the trace writes them, or shorter for a glyph in the lab's picture (where
 * "pre-commit ack" and "decision?" would not fit beside a node).
 */
export function commitMsgLabel(m: CommitMsg, glyph = false): string {
  switch (m.type) {
    case 'prepare':
      return 'prepare?';
    case 'vote':
      return m.vote === 'yes' ? 'YES' : 'NO';
    case 'precommit':
      return 'pre-commit';
    case 'precommit-ack':
      return glyph ? 'ack' : 'pre-commit ack';
    case 'decision':
      return m.decision.toUpperCase();
    case 'ack':
      return 'ack';
    case 'decision-req':
      return glyph ? 'outcome?' : 'decision?';
    case 'decision-reply':
      return m.answer === 'uncertain' ? "don't know" : m.answer;
    case 'state-req':
      return 'state?';
    case 'state-reply':
      return m.state;
  }
}
