/** TimeoutLab's registration: two cores picked by scenario, pacing and narration commands (pure; the manifest imports it). */
import { flpMechanism, latencyDist, TIMEOUT_DEFAULTS, timeoutMechanism, type FlpParams, type FlpState, type TimeoutParams, type TimeoutState } from '../../sim/timeout';
import { networkCommands, networkHop, parsed, type LabDefinition } from '../shared/definition';

const num = (x: string | undefined) => (x === undefined || x.trim() === '' ? NaN : Number(x));

/** A kernel link change for one direction ('request' = client→server, 'reply') or both. */
export function linkAction(dir: string | undefined, patch: Record<string, unknown>) {
  const from = dir === 'reply' ? 'server' : 'client';
  return { type: 'net/link', from, to: from === 'client' ? 'server' : 'client', ...patch, ...(dir === 'request' || dir === 'reply' ? {} : { both: true }) };
}

const net = networkCommands<TimeoutState | FlpState>({
  mechanism: timeoutMechanism,
  nodes: () => ['server'],
  noun: 'node',
  defaults: { crash: 'server', restart: 'server' },
});

/** The lab's definition: two cores, picked by scenario. */
export const timeoutLabDef: LabDefinition<TimeoutState | FlpState, TimeoutParams | FlpParams> = {
  widget: 'TimeoutLab',
  mechanisms: [timeoutMechanism, flpMechanism],
  // The timeout core: one request or reply at the default latency. The FLP core has no latency: its
  // scheduler delivers one message every \`gap\` ms, so the step is one delivery.
  hop: (id) => (id === flpMechanism.id ? { ms: flpMechanism.defaults.gap, what: 'scheduled delivery' } : networkHop(TIMEOUT_DEFAULTS.latency)),
  duration: (id) => (id === 'flp' ? 6000 : 3200),
  commands: {
    // call · crash [server] · restart [server] · latency <ms> [request|reply|both] · loss <0..1> [request|reply|both] · scheduler adversary|fair · deliver <msgId>
    call: () => ({ type: 'client/call' }),
    crash: net.crash,
    restart: net.restart,
    latency: (args) => {
      const ms = num(args[0]);
      if (!(ms >= 1 && ms <= 5000)) return `latency needs milliseconds (1–5000), got "${args[0]}"`;
      return linkAction(args[1], { latency: latencyDist(ms, 0.2) });
    },
    loss: (args) => {
      const p = num(args[0]);
      if (!(p >= 0 && p <= 1)) return `loss needs a probability 0–1, got "${args[0]}"`;
      return linkAction(args[1], { loss: p });
    },
    scheduler: (args) => parsed(flpMechanism, { type: 'flp/scheduler', mode: args[0] }, `scheduler needs adversary or fair, got "${args[0]}"`),
    deliver: (args) => parsed(flpMechanism, { type: 'flp/deliver', msg: num(args[0]) }, `deliver needs a pending message number, got "${args[0]}"`),
  },
};
