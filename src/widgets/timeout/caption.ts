/**
 * The timeout lab's step caption: what the latest step did and why. For the timeout core, what a
 * timeout can and cannot tell the client (a lost request, a lost reply, a crash and a slow server
 * all look the same); for the FLP core (Fischer, Lynch & Paterson 1985, with Ben-Or's rounds), why
 * the adversary's choice of delivery keeps every process undecided. Pure; the contract is
 * `StepCaptionSelector` in src/widgets/shared/stepCaption.ts.
 */
import type { TraceEntry } from '../../sim/core';
import type { FlpState, TimeoutState } from '../../sim/timeout';
import { findIn, latestStep, plainStep, sentence, type LatestStep } from '../shared/stepCaption';

/** One sentence: what the latest step in a timeout or FLP run did, and why. */
export function timeoutCaption(s: TimeoutState | FlpState, trace: readonly TraceEntry[]): string {
  return 'procs' in s ? flpCaption(s, trace) : callCaption(s, trace);
}

const callId = (l: string) => /#\d+/.exec(l)?.[0] ?? 'the call';

function callCaption(s: TimeoutState, trace: readonly TraceEntry[]): string {
  const step = latestStep(trace, s.now);
  if (!step) return 'A client calls a server over a link that can lose or delay messages. When no reply comes before its timeout, the client cannot tell why.';
  const c = step.cause;
  const fx = step.effects;
  const l = c?.label ?? '';
  const succeeded = findIn(fx, /call (#\d+) succeeded in (\d+) ms/);
  if (succeeded) return `The reply to ${callId(succeeded.label)} arrived after ${/in (\d+ ms)/.exec(succeeded.label)![1]}, before the timeout, so the client knows the call succeeded.`;
  const late = findIn(fx, /late reply to/);
  if (late) return `A late reply to ${callId(late.label)} arrived after ${/after (\d+ ms)/.exec(late.label)?.[1] ?? 'the timeout'}: the server was alive and did the work, so the client's timeout was a false alarm and a retry would do it twice.`;
  const gaveUp = findIn(fx, /no reply to (#\d+) within (\d+) ms/);
  if (gaveUp) return `The client's ${/within (\d+ ms)/.exec(gaveUp.label)![1]} timer for ${callId(gaveUp.label)} expired with no reply. A lost request, a lost reply, a crash and a slow server all look the same from here.`;
  const called = findIn(fx, /calls the server \((#\d+)\), timeout (\d+) ms/);
  if (called) return `The client sent request ${callId(called.label)} and started a ${/timeout (\d+ ms)/.exec(called.label)![1]} timer: if no reply comes by then it gives up without knowing why.`;
  const served = findIn(fx, /did the work for (#\d+)/);
  if (served) return `The server finished the work for ${callId(served.label)} and sent the reply; the work is done whether or not the reply gets back.`;
  if (!c) return plainStep(step);
  switch (c.kind) {
    case 'deliver':
      if (/^request/.test(l)) return `The server received request ${callId(l)} and started working on it.`;
      return plainStep(step);
    case 'drop':
      if (/^request/.test(l)) return /node down/.test(l) ? `Request ${callId(l)} reached a crashed server and was lost: nothing was done, and the client will only see silence.` : `Request ${callId(l)} was lost on the way, so the server never did the work; the client will only see silence.`;
      if (/^reply/.test(l)) return `The reply to ${callId(l)} was lost after the server did the work: the client will time out on a call that actually succeeded.`;
      return plainStep(step);
    case 'crash':
      return 'The server crashed: requests that reach it now are lost, and the client cannot tell a crash from a slow or lossy link.';
    case 'restart':
      return 'The server restarted and answers again; calls that timed out meanwhile may or may not have been done.';
    case 'action':
      if (/^set link/.test(l)) return `The link ${l.replace(/^set link /, '')} changed its loss or delay: from now on more calls may time out, for reasons the client cannot see.`;
      return plainStep(step);
    default:
      return plainStep(step);
  }
}

function flpCaption(s: FlpState, trace: readonly TraceEntry[]): string {
  const step = latestStep(trace, s.now);
  if (!step) return 'Three processes, P, Q and R, each hold a bit and must agree on one. Messages are never lost, only delayed, and the network picks the order.';
  const postponed = heldBack(trace, step);
  const lead = postponed ? `The adversary held back ${postponed}, which would have let its receiver see two equal values. ` : '';
  const decided = findIn(step.all, /DECIDES/);
  if (decided) return `${lead}${decided.label.replace('DECIDES', 'decided')}: a fair schedule let two equal values meet, which the adversary would never allow.`;
  const proposes = findIn(step.all, /saw (\S+) in round (\d+): proposes ⊥/);
  if (proposes) {
    const [, seen, round] = /saw (\S+) in round (\d+)/.exec(proposes.label)!;
    return `${lead}${proposes.node} saw ${seen.replace(',', ' and ')} in round ${round}: no value has a majority, so it proposes ⊥ (no preference) and cannot decide this round.`;
  }
  const moves = findIn(step.all, /(adopts \S+|saw only ⊥, switches to \S+); starts round (\d+)/);
  if (moves) {
    const round = /starts round (\d+)/.exec(moves.label)![1];
    return `${lead}${moves.node} ${/adopts/.test(moves.label) ? `adopts ${/adopts (\S+);/.exec(moves.label)![1]} from a proposal` : `saw only ⊥ proposals, so it picks ${/switches to (\S+);/.exec(moves.label)![1]} at random`} and starts round ${round}: still no decision.`;
  }
  const c = step.cause;
  if (c?.kind === 'deliver' && /too late to matter/.test(c.label)) return `${lead}${sentence(c.label.replace(' (too late to matter)', ''))} It arrives too late to matter: ${c.node} already acted on the messages it needed for that step.`;
  if (c?.kind === 'deliver') return `${lead}${sentence(c.label)} ${c.node} waits for a second message before it can act in this round.`;
  if (c?.kind === 'action' && /^scheduler/.test(c.label)) return /adversary/.test(c.label) ? 'The adversary now picks every delivery, always delaying the one message that would let someone decide.' : 'A fair scheduler now delivers messages in random order; sooner or later two equal values meet and someone decides.';
  if (c?.kind === 'action') return `You delivered a message yourself: ${c.label.replace(/^reader delivers /, '')}.`;
  if (!c && step.all.every((e) => e.kind === 'send')) return 'Every process sends its bit to the others as a round-1 report; each will act once it has heard from one other process.';
  return plainStep(step);
}

/** The message the adversary postponed just before this step, if it did. */
function heldBack(trace: readonly TraceEntry[], step: LatestStep): string | null {
  const first = step.all[0];
  const i = trace.indexOf(first) - 1;
  const prev = i >= 0 ? trace[i] : undefined;
  if (!prev || prev.t !== first.t || !/^adversary postpones/.test(prev.label)) return null;
  return /postpones (.*?):/.exec(prev.label)?.[1] ?? null;
}
