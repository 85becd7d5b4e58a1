import { describe, expect, it } from 'vitest';
import type { ClockState } from '../../sim/clocks';
import { captionsOf, firstMatch } from '../shared/captionTesting';
import { clockCaption } from './caption';
import { clockLabDef } from './definition';

const run = (id: string) => captionsOf<ClockState>(clockLabDef.mechanisms[0], id, clockCaption, 100);

describe('clock step caption', () => {
  it('says which write last-writer-wins lost, and that the clock running ahead is why', () => {
    const steps = run('lww-loses-write');
    expect(firstMatch(steps, /^A wrote x = 1 \(w0\) stamped 300 by its own wall clock/)?.t).toBe(300);
    expect(firstMatch(steps, /^B kept w0 \(stamp 300\) over w1 \(stamp 220\) although w1 was written later: the writer of w0 had a clock running ahead, so last writer wins silently lost the newer write\.$/)?.t).toBe(420);
  });

  it('explains what a delivery does to the logical clocks', () => {
    const steps = run('lamport-cannot-see-concurrency');
    expect(firstMatch(steps, /^A recorded local event e0: its Lamport clock and its own entry of its vector clock go up by one/)).toBeDefined();
    expect(firstMatch(steps, /^C received m1 from A: its Lamport clock jumps past the sender's stamp, its vector clock takes the element-wise maximum/)).toBeDefined();
  });

  it('says an NTP step sends wall-clock stamps backwards but not logical ones', () => {
    const steps = run('ntp-steps-backwards');
    expect(firstMatch(steps, /^NTP stepped B's clock back from \d+ to \d+ ms, so its wall-clock stamps go backwards by \d+ ms; Lamport and hybrid clocks never go backwards\.$/)).toBeDefined();
  });
});
