import { describe, expect, it } from 'vitest';
import type { FlpState, TimeoutState } from '../../sim/timeout';
import { captionsOf, firstMatch } from '../shared/captionTesting';
import { timeoutCaption } from './caption';
import { timeoutLabDef } from './definition';

const mech = (id: string) => timeoutLabDef.mechanisms.find((m) => m.id === id)!;

describe('timeout step caption', () => {
  it('follows a call that succeeds, then the three failures a client cannot tell apart', () => {
    const steps = captionsOf<TimeoutState>(mech('timeout'), 'timeout-ambiguity', timeoutCaption, 200);
    expect(firstMatch(steps, /^The client sent request #1 and started a 300 ms timer/)?.t).toBe(100);
    expect(firstMatch(steps, /^The reply to #1 arrived after 168 ms, before the timeout, so the client knows the call succeeded\.$/)).toBeDefined();
    expect(firstMatch(steps, /^Request #2 was lost on the way, so the server never did the work/)).toBeDefined();
    expect(firstMatch(steps, /^The client's 300 ms timer for #2 expired with no reply\. A lost request, a lost reply, a crash and a slow server all look the same from here\.$/)).toBeDefined();
    expect(firstMatch(steps, /^The reply to #3 was lost after the server did the work/)).toBeDefined();
    expect(firstMatch(steps, /^The server crashed/)?.t).toBe(1600);
    expect(firstMatch(steps, /^A late reply to #5 arrived after 809 ms: the server was alive and did the work/)).toBeDefined();
  });

  it('FLP: names the message the adversary held back and why nobody decides', () => {
    const steps = captionsOf<FlpState>(mech('flp'), 'flp-adversary', timeoutCaption, 60);
    // The processes send their round-1 reports as the run starts, at t = 0.
    expect(steps[0].caption).toBe('Every process sends its bit to the others as a round-1 report; each will act once it has heard from one other process.');
    expect(firstMatch(steps, /^The adversary held back R→Q report r1 1, which would have let its receiver see two equal values\. Q saw 1 and 0 in round 1: no value has a majority, so it proposes ⊥/)?.t).toBe(120);
    expect(firstMatch(steps, /^Q saw only ⊥ proposals, so it picks 0 at random and starts round 2: still no decision\.$/)).toBeDefined();
    expect(steps.some((s) => /decided/.test(s.caption))).toBe(false);
  });
});
