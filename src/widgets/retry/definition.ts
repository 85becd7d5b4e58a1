/** RetryLab's registration: three cores picked by scenario, pacing and narration commands (pure; the manifest imports it). */
import {
  ampMechanism, contentionEstimate, contentionMechanism, msMechanism, msPolicies,
  type AmpParams, type AmpState, type ContentionParams, type ContentionState, type MsParams, type MsState,
} from '../../sim/retry';
import { parsed, type LabDefinition } from '../shared/definition';

/** Any of the lab's core states. */
export type RetryState = ContentionState | AmpState | MsState;
/** Any of the lab's core params. */
export type RetryParams = ContentionParams | AmpParams | MsParams;

/**
 * One pace for three time scales: a contention message takes 10 ms, a metastable run lasts 20 s.
 * At 1× a contention hop takes 40 ms of wall time (0.25× makes it 160 ms), and a metastable run
 * 80 s (8× makes it 10 s); the narration plays the metastable scenarios at 8×.
 */
const TIME_SCALE = 0.25;

/** The lab's definition. */
export const retryLabDef: LabDefinition<RetryState, RetryParams> = {
  widget: 'RetryLab',
  mechanisms: [contentionMechanism, ampMechanism, msMechanism] as LabDefinition<RetryState, RetryParams>['mechanisms'],
  timeScale: TIME_SCALE,
  duration: (id, p) => {
    if (id === contentionMechanism.id) return Math.ceil(contentionEstimate(p as ContentionParams) + 20);
    if (id === ampMechanism.id) return Math.max(5000, (p as AmpParams).healAt + 1000);
    const m = p as MsParams;
    return Math.max(20_000, m.triggerAt + m.triggerMs + 15_000);
  },
  commands: {
    // fail · heal (amplification) · policy <retry|backoff|budget|shed|none> · trigger [capacity|spike] [ms] (metastable)
    fail: () => parsed(ampMechanism, { type: 'amp/fail' }, 'fail takes no arguments'),
    heal: () => parsed(ampMechanism, { type: 'amp/heal' }, 'heal takes no arguments'),
    policy: (args) => parsed(msMechanism, { type: 'ms/policy', policy: args[0] }, `policy needs one of ${msPolicies.join(', ')}, got "${args[0] ?? ''}"`),
    trigger: (args) => {
      const kind = args[0] ?? 'capacity';
      const ms = args[1] === undefined ? 3000 : Number(args[1]);
      return parsed(msMechanism, { type: 'ms/trigger', kind, ms }, `trigger needs capacity or spike and a length in ms (0–600000), got "${args.join(' ')}"`);
    },
  },
};
