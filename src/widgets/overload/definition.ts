/** OverloadLab's registration: its two cores (the queueing server and the rate limiters), pacing and narration commands. */
import { LIMITER_DEFAULTS, limiterMechanism, overloadMechanism, POLICIES, SAMPLE_MS, type LimiterState, type ServerState } from '../../sim/overload';
import { parsed, type LabDefinition } from '../shared/definition';

type S = ServerState | LimiterState;
const client = (x: string | undefined): number => (x === undefined ? NaN : 'ABCD'.indexOf(x.toUpperCase()));

/** The lab's definition (module constant: the hook keys on its identity). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const overloadLabDef: LabDefinition<S, any> = {
  widget: 'OverloadLab',
  mechanisms: [overloadMechanism, limiterMechanism],
  // No network: a queue's story is told by its per-second samples (queue length, served, shed), and
  // single 10 ms requests are too many to follow one by one, so the step is one sample (SAMPLE_MS);
  // for the rate limiters it is one limiter window (LIMITER_DEFAULTS.cfg.windowMs).
  hop: (id) =>
    id === limiterMechanism.id ? { ms: LIMITER_DEFAULTS.cfg.windowMs, what: 'rate-limit window' } : { ms: SAMPLE_MS, what: 'one-second sample of the charts' },
  duration: (id) => (id === 'ratelimit' ? 10_000 : 20_000),
  commands: {
    // arrivals <requests per second> [class 1|2]
    arrivals: (args) => parsed(overloadMechanism, { type: 'load/set', rate: Number(args[0]), cls: args[1] === undefined ? 0 : Number(args[1]) - 1 }, `arrivals needs a rate (requests per second) and optionally a class 1 or 2, got "${args.join(' ')}"`),
    // service <ms> [class 1|2]
    service: (args) => parsed(overloadMechanism, { type: 'service/set', ms: Number(args[0]), cls: args[1] === undefined ? 0 : Number(args[1]) - 1 }, `service needs a mean service time in ms and optionally a class 1 or 2, got "${args.join(' ')}"`),
    // policy <fifo|bounded|lifo|adaptive-lifo|deadline>
    policy: (args) => parsed(overloadMechanism, { type: 'policy/set', policy: args[0] }, `policy needs one of ${POLICIES.join(', ')}, got "${args.join(' ')}"`),
    // burst <client A–D> <count> <span ms>
    burst: (args) => parsed(limiterMechanism, { type: 'client/burst', client: client(args[0]), n: Number(args[1]), spanMs: Number(args[2] ?? 0) }, `burst needs a client (A–D), a count 1–200 and a span in ms, got "${args.join(' ')}"`),
    // rate <client A–D> <requests per second>
    rate: (args) => parsed(limiterMechanism, { type: 'client/rate', client: client(args[0]), rate: Number(args[1]) }, `rate needs a client (A–D) and requests per second, got "${args.join(' ')}"`),
  },
};
