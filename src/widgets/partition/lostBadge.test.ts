import { describe, expect, it } from 'vitest';
import { SeekableRun } from '../../sim/core';
import { allWrites, partitionMechanism } from '../../sim/partition';
import { clusterModel, opRows } from './selectors';

// Issue 12: a client's badge said "✓ wrote x" after the log said x was LOST. The badge and the
// log must agree at every moment of every scenario.
describe('partition lab: client badges agree with the log', () => {
  for (const sc of partitionMechanism.scenarios) {
    it(sc.id, () => {
      const run = new SeekableRun(partitionMechanism, { mechanism: partitionMechanism.id, seed: sc.seed, params: sc.params, log: sc.log });
      let lostSeen = 0;
      for (let t = 0; t <= 2000; t += 25) {
        const s = run.stateAt(t);
        const lost = allWrites(s).filter((w) => w.lostTo !== undefined);
        lostSeen += lost.length;
        const badges = clusterModel(s).nodes.flatMap((n) => n.lines);
        for (const w of lost) expect(badges).not.toContain(`✓ wrote ${w.value}`);
        for (const r of opRows(s)) if (r.text.includes('LOST')) expect(r.tone).toBe('bad');
      }
      if (sc.id === 'ap-heal-converges') expect(lostSeen).toBeGreaterThan(0);
    });
  }

  it('the reader\'s run from the issue: both sides write under LWW, heal; the loser\'s badge says lost', () => {
    const sc = partitionMechanism.scenarios.find((x) => x.id === 'ap-heal-converges')!;
    // Without the reads, each client's last operation is its write, so its badge shows that write.
    const log = sc.log.filter((e) => e.action.type !== 'client/read');
    const s = new SeekableRun(partitionMechanism, { mechanism: partitionMechanism.id, seed: sc.seed, params: sc.params, log }).stateAt(1500);
    const lost = allWrites(s).filter((w) => w.lostTo !== undefined);
    expect(lost.length).toBe(1);
    const badges = clusterModel(s).nodes.flatMap((n) => n.lines);
    expect(badges).toContain(`✗ ${lost[0].value} lost`);
    expect(badges).not.toContain(`✓ wrote ${lost[0].value}`);
  });
});
