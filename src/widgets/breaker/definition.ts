/** BreakerLab's registration: its core, pacing and narration commands (pure; the manifest imports it). */
import { breakerMechanism, DEP_MODES, SAMPLE_MS, type CallerParams, type CallerState } from '../../sim/breaker';
import { parsed, type LabDefinition } from '../shared/definition';

const modes = Object.keys(DEP_MODES).join(', ');

/** The lab's definition (module constant: the hook keys on its identity). */
export const breakerLabDef: LabDefinition<CallerState, CallerParams> = {
  widget: 'BreakerLab',
  mechanisms: [breakerMechanism],
  // No network hops here: the picture and its charts move one per-second sample (SAMPLE_MS) at a time,
  // so that sample is the step. At 1× the 40 s default-settings story plays in 30 s.
  hop: () => ({ ms: SAMPLE_MS, what: 'one-second sample of the charts' }),
  duration: () => 40_000,
  commands: {
    // health <mode> [host 1–5]
    health: (args, state) => {
      const host = args[1] === undefined ? -1 : Number(args[1]) - 1;
      const usage = `health needs a mode (${modes}) and optionally a host 1–${state.params.hosts}, got "${args.join(' ')}"`;
      if (host >= state.params.hosts) return usage;
      return parsed(breakerMechanism, { type: 'dep/health', host, mode: args[0] }, usage);
    },
    // traffic <A|B> <requests per second>
    traffic: (args) => parsed(breakerMechanism, { type: 'caller/load', ep: args[0], rate: Number(args[1]) }, `traffic needs an endpoint (A or B) and a rate of 0 or 0.1–200, got "${args.join(' ')}"`),
  },
};
