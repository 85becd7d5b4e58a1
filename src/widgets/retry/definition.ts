/** RetryLab's registration: three cores picked by scenario, pacing and narration commands (pure; the manifest imports it). */
import {
  ampDefaults, ampMechanism, contentionDefaults, contentionEstimate, contentionMechanism, msDefaults, msMechanism, msPolicies,
  type AmpParams, type AmpState, type ContentionParams, type ContentionState, type MsParams, type MsState,
} from '../../sim/retry';
import { networkHop, parsed, type LabDefinition, type LabHop } from '../shared/definition';

/** Any of the lab's core states. */
export type RetryState = ContentionState | AmpState | MsState;
/** Any of the lab's core params. */
export type RetryParams = ContentionParams | AmpParams | MsParams;

/**
 * Each core's step (shared/pace.ts). Contention: one write on the wire at the default network mean.
 * Amplification and metastability have no messages to follow: their pictures are series counted per
 * bucket (`bucketMs`), so one bucket is the step; a 20 s metastable run takes a minute at 1×, and the
 * narration plays it faster.
 */
const hop = (id: string): LabHop =>
  id === ampMechanism.id
    ? { ms: ampDefaults.bucketMs, what: 'bucket of the call counts' }
    : id === msMechanism.id
      ? { ms: msDefaults.bucketMs, what: 'bucket of the load chart' }
      : networkHop(contentionDefaults.netMean, 'write on the wire');

/** The lab's definition. */
export const retryLabDef: LabDefinition<RetryState, RetryParams> = {
  widget: 'RetryLab',
  mechanisms: [contentionMechanism, ampMechanism, msMechanism] as LabDefinition<RetryState, RetryParams>['mechanisms'],
  hop,
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
