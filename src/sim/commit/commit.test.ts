import { describe, expect, it } from 'vitest';
import { replay } from '../core/replay';
import { commitMechanism, commitScenarios, FUZZ_FOUND_3PC, summarize, terminationRule, allRecords, type CommitWorld, type ParticipantState, type CoordinatorState } from '.';
import { sanitizeCommitParams } from './protocol';

function run(id: string, until?: number): CommitWorld {
  const sc = commitScenarios.find((s) => s.id === id);
  if (!sc) throw new Error(id);
  return replay(commitMechanism, { mechanism: 'commit', seed: sc.seed, params: sc.params, log: sc.log }, until ?? sc.until ?? 500) as CommitWorld;
}
const part = (w: CommitWorld, id: string): ParticipantState => w.nodes[id].state as ParticipantState;
const coord = (w: CommitWorld): CoordinatorState => w.nodes.C.state as CoordinatorState;
const kinds = (w: CommitWorld, id: string): string => allRecords(w.nodes[id].state).map((r) => r.kind).join(',');

describe('commit scenarios', () => {
  it('clean commit: every log holds prepared then commit, and C writes end', () => {
    const w = run('2pc-clean-commit');
    expect(summarize(w).outcome).toBe('committed');
    for (const p of ['P1', 'P2', 'P3']) expect(kinds(w, p)).toBe('prepared,commit');
    expect(kinds(w, 'C')).toBe('begin,commit,end');
    // Locks from the prepare (22 ms) to the forced commit (48 ms).
    expect(part(w, 'P1').lockHeldMs).toBe(26);
  });

  it('one NO vote aborts every participant, and the NO voter never locks', () => {
    const w = run('2pc-no-vote');
    const s = summarize(w);
    expect(s.outcome).toBe('aborted');
    expect(part(w, 'P2').lockHeldMs).toBe(0);
    expect(kinds(w, 'P1')).toBe('prepared,abort');
  });

  it('coordinator crash after the YES votes blocks the participants until it recovers', () => {
    const mid = run('2pc-coordinator-blocks', 650);
    const s = summarize(mid);
    expect(s.outcome).toBe('blocked');
    expect(s.inDoubt).toEqual(['P1', 'P2', 'P3']);
    expect(s.participants.every((p) => p.locked && p.lockHeld > 600)).toBe(true);
    expect(part(mid, 'P1').asks).toBeGreaterThan(1);
    // C's commit record was being forced when it crashed, so its log holds only begin: it aborts.
    const end = run('2pc-coordinator-blocks');
    expect(summarize(end).outcome).toBe('aborted');
    expect(kinds(end, 'C')).toMatch(/^begin,abort/);
    expect(part(end, 'P1').lockHeldMs).toBeGreaterThanOrEqual(690);
  });

  it('cooperative termination settles it when one participant heard the decision', () => {
    const w = run('2pc-cooperative-resolves');
    expect(w.nodes.C.up).toBe(false);
    expect(summarize(w).outcome).toBe('committed');
    expect(part(w, 'P2').lockHeldMs).toBeLessThan(300);
  });

  it('cooperative termination cannot settle it when everyone voted YES', () => {
    const w = run('2pc-cooperative-blocks', 650);
    expect(summarize(w).inDoubt).toEqual(['P1', 'P2', 'P3']);
    expect(part(w, 'P1').asks).toBeGreaterThan(1);
    expect(summarize(run('2pc-cooperative-blocks')).outcome).toBe('aborted');
  });

  it('presumed abort: no begin record, no forced abort, and an empty log answers abort', () => {
    const w = run('2pc-presumed-abort');
    expect(kinds(w, 'C')).toBe('');
    expect(part(w, 'P2').state).toBe('aborted');
    expect(part(w, 'P2').lockHeldMs).toBeGreaterThan(250);
    expect(summarize(w).outcome).toBe('aborted');
  });

  it('a participant that crashed after voting YES recovers prepared, with its locks, and asks', () => {
    const down = run('2pc-participant-recovers', 150);
    expect(down.nodes.P2.up).toBe(false);
    expect(part(down, 'P2').state).toBe('prepared');
    expect(part(down, 'P2').lockedSince).toBe(22);
    const w = run('2pc-participant-recovers');
    expect(part(w, 'P2').state).toBe('committed');
    expect(part(w, 'P2').asks).toBe(1);
  });

  it('a heuristic decision gives a mixed outcome, flagged as heuristic damage', () => {
    const w = run('2pc-heuristic-mixed');
    const s = summarize(w);
    expect(s.outcome).toBe('mixed');
    expect(s.atomicity.heuristic).toBe(true);
    expect(part(w, 'P2').damage).toBe('commit');
    expect(kinds(w, 'P2')).toContain('heuristic-abort');
  });

  it('3PC does not block on a coordinator crash: the backup aborts long before C returns', () => {
    const w = run('3pc-coordinator-crash', 400);
    const s = summarize(w);
    expect(w.nodes.C.up).toBe(false);
    expect(s.outcome).toBe('aborted');
    expect(s.maxLockHeld).toBeLessThan(300);
    expect(summarize(run('3pc-coordinator-crash')).atomicity.violated).toBe(false);
  });

  it('3PC under a partition during pre-commit: one side commits, the other aborts, AC1 flagged', () => {
    const s = summarize(run('3pc-partition-splits'));
    expect(s.outcome).toBe('mixed');
    expect(s.atomicity.violated).toBe(true);
    expect(s.atomicity.heuristic).toBe(false);
    expect(s.atomicity.committed).toEqual(['C', 'P1']);
    expect(s.atomicity.aborted).toEqual(['P2', 'P3']);
  });

  it('regression: the fuzz-found 3PC schedule still breaks atomicity', () => {
    const w = replay(commitMechanism, { mechanism: 'commit', ...FUZZ_FOUND_3PC }, 1500) as CommitWorld;
    const s = summarize(w);
    expect(s.atomicity.violated).toBe(true);
    expect(s.atomicity.heuristic).toBe(false);
    expect(s.atomicity.committed).toContain('P1');
    expect(s.atomicity.aborted).toContain('P2');
  });

  it('every scenario id is unique and the first is the clean commit', () => {
    expect(new Set(commitScenarios.map((s) => s.id)).size).toBe(commitScenarios.length);
    expect(commitScenarios[0].id).toBe('2pc-clean-commit');
  });
});

describe('pieces', () => {
  it("Skeen's termination rule", () => {
    expect(terminationRule(['prepared', 'committed'])).toBe('commit');
    expect(terminationRule(['prepared', 'aborted'])).toBe('abort');
    expect(terminationRule(['prepared', 'working'])).toBe('abort');
    expect(terminationRule(['prepared', 'precommitted'])).toBe('precommit-then-commit');
    expect(terminationRule(['prepared', 'prepared'])).toBe('abort');
  });

  it('sanitizes bad params with reasons and never throws', () => {
    const r = sanitizeCommitParams({ protocol: '4pc', participants: 99, no: ['P9', 'P1'], forceMs: -3, latency: 'x' });
    expect(r.value.protocol).toBe('2pc');
    expect(r.value.participants).toBe(5);
    expect(r.value.no).toEqual(['P1']);
    expect(r.value.forceMs).toBe(0);
    expect(r.problems.length).toBeGreaterThanOrEqual(4);
    expect(sanitizeCommitParams(null).value.participants).toBe(3);
  });

  it('rejects malformed commands', () => {
    const parse = commitMechanism.parseAction;
    expect(parse({ type: 'commit/heuristic', node: 'P1', decision: 'commit' })).toEqual({ type: 'commit/heuristic', node: 'P1', decision: 'commit' });
    expect(parse({ type: 'commit/heuristic', node: 'P1', decision: 'maybe' })).toBeNull();
    expect(parse({ type: 'commit/heuristic', node: 'Z', decision: 'abort' })).toBeNull();
  });

  it('a crash loses a force in progress but keeps what was forced', () => {
    // Crash C at 35 ms: its commit force started at 34 and would finish at 36.
    const w = run('2pc-coordinator-blocks', 100);
    expect(coord(w).log.map((r) => r.kind)).toEqual(['begin']);
    expect(coord(w).forcing).toEqual([]);
  });
});
