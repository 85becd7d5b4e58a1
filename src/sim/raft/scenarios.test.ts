import { describe, expect, it } from 'vitest';
import { replay } from './mechanism';
import { findScenario, raftScenarios } from './scenarios';
import { raft } from './mechanism';
import type { RaftParams, RaftState, Server } from './types';
import { serversOf } from './view';

function run(id: string, over: Partial<RaftParams> = {}, t?: number): RaftState {
  const sc = findScenario(id);
  if (!sc) throw new Error(`no scenario ${id}`);
  return replay(sc.seed, { ...sc.params, ...over }, sc.log, t ?? sc.until ?? 1000);
}
const traceOf = (s: RaftState) => raft.trace(s);
const servers = (s: RaftState): readonly Server[] => serversOf(s.world);
const notes = (s: RaftState): string[] => traceOf(s).filter((e) => e.kind === 'note').map((e) => e.label);
const winners = (s: RaftState): string[] => notes(s).filter((l) => l.includes('won the election'));
const cmds = (s: RaftState, id: string): string[] => servers(s).find((x) => x.id === id)!.log.map((e) => e.cmd);

describe('Raft scenarios show what they claim', () => {
  it('lists the six scenario ids of the architecture doc', () => {
    expect(raftScenarios.map((s) => s.id)).toEqual([
      'leader-election',
      'split-vote',
      'leader-crash-reelection',
      'log-repair-after-partition',
      'minority-leader-cannot-commit',
      'figure-8',
    ]);
  });

  it('leader-election: exactly one leader, in term 1, and every server follows it', () => {
    const s = run('leader-election');
    const leaders = servers(s).filter((x) => x.role === 'leader');
    expect(leaders).toHaveLength(1);
    expect(leaders[0].currentTerm).toBe(1);
    expect(servers(s).every((x) => x.currentTerm === 1 && (x.role === 'leader' || x.leaderId === leaders[0].id))).toBe(true);
  });

  it('split-vote: several candidates in term 1, nobody wins it, and term 2 elects a leader', () => {
    const s = run('split-vote');
    const cands = notes(s).filter((l) => l.endsWith('candidate for term 1'));
    expect(cands.length).toBeGreaterThanOrEqual(2);
    expect(winners(s).some((l) => l.endsWith('term 1'))).toBe(false);
    expect(winners(s).some((l) => l.endsWith('term 2'))).toBe(true);
  });

  it('leader-crash-reelection: a new leader of a higher term, and the old leader rejoins as its follower with its log', () => {
    const s = run('leader-crash-reelection');
    const w = winners(s);
    expect(w.length).toBe(2);
    const newLeader = servers(s).find((x) => x.role === 'leader' && x.up)!;
    expect(newLeader.id).not.toBe('S2');
    const old = servers(s).find((x) => x.id === 'S2')!;
    expect(old).toMatchObject({ up: true, role: 'follower', currentTerm: newLeader.currentTerm });
    expect(cmds(s, 'S2')).toEqual(['x1']);
    expect(s.monitor.violations).toEqual([]);
  });

  it('log-repair-after-partition: nextIndex walks back, stale entries are overwritten, all logs agree', () => {
    const s = run('log-repair-after-partition');
    const before = run('log-repair-after-partition', {}, 1349);
    expect(cmds(before, 'S2')).toEqual(['a', 'lost1', 'lost2']);
    const refusals = traceOf(s).filter((e) => e.kind === 'deliver' && e.label.startsWith('Append refused') && e.t > 1350 && (e.from === 'S2' || e.from === 'S3'));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    for (const x of servers(s).filter((v) => v.up)) expect(cmds(s, x.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(s.monitor.violations).toEqual([]);
  });

  it('minority-leader-cannot-commit: the isolated leader never commits, the majority does', () => {
    const s = run('minority-leader-cannot-commit');
    const old = servers(s).find((x) => x.id === 'S2')!;
    expect(old.role).toBe('leader');
    expect(old.log.map((e) => e.cmd)).toEqual(['m1', 'm2']);
    expect(old.commitIndex).toBe(0);
    const fresh = servers(s).find((x) => x.role === 'leader' && x.id !== 'S2')!;
    expect(fresh.currentTerm).toBeGreaterThan(old.currentTerm);
    expect(fresh.commitIndex).toBe(1);
  });

  it('figure-8, correct rule: an entry stored on a majority is overwritten, but it was never committed', () => {
    const mid = run('figure-8', {}, 890);
    const holders = servers(mid).filter((x) => x.log.at(1)?.cmd === 'x2').map((x) => x.id);
    expect(holders.length).toBeGreaterThanOrEqual(3);
    expect(servers(mid).every((x) => x.commitIndex < 2)).toBe(true);
    const end = run('figure-8');
    for (const id of ['S2', 'S3', 'S4', 'S5']) expect(cmds(end, id)).toEqual(['x1', 'y2', 'w']);
    expect(end.monitor.violations).toEqual([]);
  });

  it('figure-8, broken rule: the early commit is overwritten and the monitor catches it', () => {
    const s = run('figure-8', { brokenCommit: true });
    const kinds = new Set(s.monitor.violations.map((v) => v.invariant));
    expect(kinds.has('leader-completeness')).toBe(true);
    expect(kinds.has('state-machine-safety')).toBe(true);
    const first = s.monitor.violations[0];
    expect(first.t).toBeGreaterThan(1000);
    expect(traceOf(s)[first.seq - 1]?.t ?? 0).toBeLessThanOrEqual(first.t);
  });
});
