import { describe, expect, it } from 'vitest';
import { emptyMonitor, logMatchingBreak, observe } from './invariants';
import { newServer } from './node';
import type { Entry, RaftNode as Server } from './types';
import { RaftLog } from './log';

const e = (term: number, id: string): Entry => ({ term, cmd: id, id });
// Tests write logs as arrays; the same array always gives the same RaftLog, so identity checks hold.
const logs = new WeakMap<readonly Entry[], RaftLog>();
const asLog = (a: readonly Entry[]): RaftLog => logs.get(a) ?? (logs.set(a, RaftLog.of(a)), logs.get(a)!);
type Over = Omit<Partial<Server>, 'log'> & { log?: readonly Entry[] };
const sv = (id: string, over: Over = {}): Server => ({ ...newServer(id), ...over, log: over.log ? asLog(over.log) : RaftLog.empty });
const at = { t: 5, seq: 9 };

describe('safety monitor', () => {
  it('flags two leaders in one term (Election Safety)', () => {
    let m = observe(emptyMonitor, sv('S1'), sv('S1', { role: 'leader', currentTerm: 2 }), [], at);
    m = observe(m, sv('S2'), sv('S2', { role: 'leader', currentTerm: 2 }), [], at);
    expect(m.violations.map((v) => v.invariant)).toEqual(['election-safety']);
    expect(m.violations[0]).toMatchObject({ t: 5, seq: 9 });
  });

  it('flags logs with an equal (index, term) but different prefixes (Log Matching)', () => {
    expect(logMatchingBreak([e(1, 'a'), e(2, 'b')], [e(1, 'x'), e(2, 'b')])).toBe(1);
    expect(logMatchingBreak([e(1, 'a'), e(2, 'b')], [e(1, 'a'), e(3, 'c')])).toBe(0);
    // Incremental form: only the suffix after `unchanged` is new; a conflict there is still found.
    expect(logMatchingBreak([e(1, 'a'), e(2, 'b'), e(2, 'c2')], [e(1, 'a'), e(2, 'b'), e(2, 'c')], 2)).toBe(3);
    // If the logs disagree at the boundary, the whole prefix is rechecked.
    expect(logMatchingBreak([e(1, 'a'), e(2, 'b'), e(3, 'c')], [e(1, 'x'), e(1, 'y'), e(3, 'c')], 2)).toBe(1);
    const other = sv('S2', { log: [e(1, 'x'), e(2, 'b')] });
    const after = sv('S1', { log: [e(1, 'a'), e(2, 'b')] });
    const m = observe(emptyMonitor, sv('S1'), after, [after, other], at);
    expect(m.violations.map((v) => v.invariant)).toEqual(['log-matching']);
  });

  it('flags a leader elected without a committed entry (Leader Completeness)', () => {
    const log = [e(1, 'a')];
    let m = observe(emptyMonitor, sv('S1', { role: 'leader', currentTerm: 1, log }), sv('S1', { role: 'leader', currentTerm: 1, log, commitIndex: 1 }), [], at);
    expect(m.committed).toHaveLength(1);
    m = observe(m, sv('S2', { currentTerm: 1 }), sv('S2', { role: 'leader', currentTerm: 2 }), [], at);
    expect(m.violations.map((v) => v.invariant)).toEqual(['leader-completeness']);
  });

  it('flags two different commands applied at one index (State Machine Safety), not the same one twice', () => {
    let m = observe(emptyMonitor, sv('S1', { log: [e(1, 'a')] }), sv('S1', { log: [e(1, 'a')], commitIndex: 1 }), [], at);
    m = observe(m, sv('S2', { log: [e(1, 'a')] }), sv('S2', { log: [e(1, 'a')], commitIndex: 1 }), [], at);
    expect(m.violations).toEqual([]);
    m = observe(m, sv('S3', { log: [e(2, 'b')] }), sv('S3', { log: [e(2, 'b')], commitIndex: 1 }), [], at);
    expect(m.violations.map((v) => v.invariant)).toEqual(['state-machine-safety']);
  });
});
