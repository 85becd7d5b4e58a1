import { describe, expect, it } from 'vitest';
import type { HistoryState } from '../../sim/consistency';
import { captionsOf, firstMatch } from '../shared/captionTesting';
import { consistencyCaption } from './caption';
import { consistencyLabDef } from './definition';

describe('consistency step caption', () => {
  it('walks a stale read: the write returns, then a later read still sees the old value', () => {
    const steps = captionsOf<HistoryState>(consistencyLabDef.mechanisms[0], 'stale-read-not-linearizable', consistencyCaption);
    expect(steps[0].caption).toMatch(/^A history of 2 operations on one register \(initially 0\)/);
    expect(steps.map((s) => s.caption.split('.')[0])).toEqual([
      'A history of 2 operations on one register (initially 0)',
      'c1 invoked write(1)',
      "c1's write(1) returned",
      'c2 invoked a read of x',
      "c2's read of x returned 0",
    ]);
    expect(firstMatch(steps, /every read that starts must see 1 or a newer value/)?.t).toBe(30);
  });

  it('says what a reader’s edit changed, with the new verdict', () => {
    const mech = consistencyLabDef.mechanisms[0];
    const sc = mech.scenarios.find((x) => x.id === 'stale-read-not-linearizable')!;
    let s = mech.init(sc.seed, mech.sanitizeParams(sc.params).value) as HistoryState;
    while (Number.isFinite(mech.peek(s))) s = mech.next(s) as HistoryState;
    const read = s.ops.find((o) => o.kind === 'read')!;
    s = mech.apply(s, { type: 'op/update', id: read.id, changes: { output: 1 } }) as HistoryState;
    expect(consistencyCaption(s, mech.trace(s))).toMatch(/^Changed to .*\. The history is linearizable\. The bars now show the edited history; step back to undo it\.$/);
  });
});
