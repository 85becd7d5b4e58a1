/**
 * The clock lab's step caption: what the latest step did to the clocks and why (Lamport 1978 for
 * logical clocks, Fidge/Mattern vector clocks, Kulkarni et al. 2014 for hybrid logical clocks, and
 * last-writer-wins by wall-clock timestamp). Pure; the contract is `StepCaptionSelector` in
 * src/widgets/shared/stepCaption.ts.
 */
import type { TraceEntry } from '../../sim/core';
import type { ClockState } from '../../sim/clocks';
import { findIn, latestStep, plainStep } from '../shared/stepCaption';

/** One sentence: what the latest step in a clock run did, and why. */
export function clockCaption(s: ClockState, trace: readonly TraceEntry[]): string {
  const step = latestStep(trace, s.world.now);
  if (!step) return `${s.world.nodeIds.length} nodes, each with its own physical clock that is off by a little and drifts. Every event gets a wall-clock, Lamport, vector and hybrid stamp.`;
  const c = step.cause;
  const fx = step.effects;
  const l = c?.label ?? '';
  const lost = findIn(step.all, /keeps (\S+) \(ts (\d+)\) over (\S+) \(ts (\d+)\), which was written later/);
  if (lost) {
    const [, keep, tsK, lose, tsL] = /keeps (\S+) \(ts (\d+)\) over (\S+) \(ts (\d+)\)/.exec(lost.label)!;
    return `${lost.node} kept ${keep} (stamp ${tsK}) over ${lose} (stamp ${tsL}) although ${lose} was written later: the writer of ${keep} had a clock running ahead, so last writer wins silently lost the newer write.`;
  }
  if (c?.kind === 'action') {
    const write = /^(\S+): write x = (\S+) as (\S+), timestamp (\d+)/.exec(l);
    if (write) return `${write[1]} wrote x = ${write[2]} (${write[3]}) stamped ${write[4]} by its own wall clock; every replica will keep whichever write carries the larger stamp.`;
    const local = /^(\S+): local event (\S+)/.exec(l);
    if (local) return `${local[1]} recorded local event ${local[2]}: its Lamport clock and its own entry of its vector clock go up by one, and its hybrid clock follows its wall clock.`;
    const ntp = /^(\S+): NTP step: (\d+) → (\d+) ms — backwards by (\d+) ms/.exec(l);
    if (ntp) return `NTP stepped ${ntp[1]}'s clock back from ${ntp[2]} to ${ntp[3]} ms, so its wall-clock stamps go backwards by ${ntp[4]} ms; Lamport and hybrid clocks never go backwards.`;
    if (/^(\S+): NTP/.test(l) || /slew|leap/i.test(l)) return `${l}: the wall clock is corrected, and stamps taken from it can jump or repeat; logical clocks are unaffected.`;
    if (/^set link/.test(l)) return `The link ${l.replace(/^set link /, '')} now has its own delay, which changes the order in which messages arrive.`;
    return plainStep(step);
  }
  if (c?.kind === 'deliver') {
    const m = /^(\S+) receives (\S+) from (\S+)/.exec(l);
    if (m) return `${m[1]} received ${m[2]} from ${m[3]}: its Lamport clock jumps past the sender's stamp, its vector clock takes the element-wise maximum, so everything ${m[3]} had seen now happened before ${m[1]}'s next event.`;
  }
  const sent = findIn(c ? fx : step.all, /^(\S+) → (\S+): (message|replicate write) (\S+)/);
  if (sent) {
    const m = /^(\S+) → (\S+): (message (\S+)|replicate write (\S+) \((\S+)\))/.exec(sent.label)!;
    return m[4] ? `${m[1]} sent ${m[4]} to ${m[2]}, carrying its clocks, so the receiver can order its later events after this send.` : `${m[1]} sent write ${m[5]} to ${m[2]} to replicate it; ${m[2]} will compare its stamp with what it holds.`;
  }
  return plainStep(step);
}
