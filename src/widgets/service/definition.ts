/** ServiceLab's registration: four cores picked by scenario, one pace, and its narration commands (pure; the manifest imports it). */
import {
  chainDefaults, chainMechanism, fanoutDefaults, fanoutMechanism, outboxDefaults, outboxMechanism, queueDefaults, queueMechanism,
  type ChainParams, type ChainState, type FanoutParams, type FanoutState, type OutboxParams, type OutboxState, type QueueParams, type QueueState,
} from '../../sim/service';
import { distMean } from '../../sim/core';
import { networkCommands, parsed, type LabDefinition, type LabHop } from '../shared/definition';

/** Any of the lab's core states. */
export type ServiceState = ChainState | QueueState | OutboxState | FanoutState;
/** Any of the lab's core params. */
export type ServiceParams = ChainParams | QueueParams | OutboxParams | FanoutParams;

/** True for the three message-passing cores (they have nodes; the fan-out model has none). */
export const hasNodes = (s: ServiceState): s is ChainState | QueueState | OutboxState => 'nodeIds' in s;

const net = networkCommands<ServiceState>({ mechanism: chainMechanism, nodes: (s) => (hasNodes(s) ? s.nodeIds : []), noun: 'node' });

const int = (x: string | undefined, d: number): number => (x === undefined ? d : /^\d+$/.test(x) ? Number(x) : Number.NaN);

/**
 * Each core's step (shared/pace.ts). The network hops here take a few ms against tens of ms of work,
 * so a hop alone would be a blink: the step is the unit of work the picture shows. Chain: one
 * service's turn (a hop to it plus its work). Queue: one message handled by a consumer. Outbox: one
 * database commit. Fan-out (no network): one request to all the leaves (`everyMs` apart).
 */
const hop = (id: string): LabHop => {
  if (id === queueMechanism.id) return { ms: distMean(queueDefaults.process), what: 'message handled' };
  if (id === outboxMechanism.id) return { ms: outboxDefaults.dbWriteMs, what: 'database commit' };
  if (id === fanoutMechanism.id) return { ms: fanoutDefaults.everyMs, what: 'fan-out request' };
  const first = chainDefaults.hops[0];
  return { ms: distMean(chainDefaults.latency) + (first ? distMean(first.service) : 0), what: "service's turn (hop and work)" };
};

/** The lab's definition: four cores picked by scenario. */
export const serviceLabDef: LabDefinition<ServiceState, ServiceParams> = {
  widget: 'ServiceLab',
  mechanisms: [chainMechanism, queueMechanism, outboxMechanism, fanoutMechanism] as unknown as LabDefinition<ServiceState, ServiceParams>['mechanisms'],
  hop,
  duration: (id) => (id === queueMechanism.id ? 5000 : id === outboxMechanism.id ? 1200 : 3000),
  commands: {
    // call (chain) · flood [n] · poison · stop <C1|C2|C3> · resume <C…> · rate <ms> (queue) · order (outbox) · burst [n] (fan-out) · crash/restart <node>
    call: () => parsed(chainMechanism, { type: 'chain/call' }, 'call takes no arguments'),
    flood: (args) => parsed(queueMechanism, { type: 'q/flood', count: int(args[0], 50) }, `flood needs a number of messages (1–500), got "${args[0] ?? ''}"`),
    poison: () => parsed(queueMechanism, { type: 'q/poison' }, 'poison takes no arguments'),
    stop: (args) => parsed(queueMechanism, { type: 'q/stop', consumer: args[0] ?? 'C1' }, `stop needs a consumer (C1–C3), got "${args[0] ?? ''}"`),
    resume: (args) => parsed(queueMechanism, { type: 'q/resume', consumer: args[0] ?? 'C1' }, `resume needs a consumer (C1–C3), got "${args[0] ?? ''}"`),
    rate: (args) => parsed(queueMechanism, { type: 'q/rate', everyMs: int(args[0], 50) }, `rate needs milliseconds between messages (0 stops), got "${args[0] ?? ''}"`),
    order: () => parsed(outboxMechanism, { type: 'ob/order' }, 'order takes no arguments'),
    burst: (args) => parsed(fanoutMechanism, { type: 'fan/burst', count: int(args[0], 1000) }, `burst needs a number of requests (1–5000), got "${args[0] ?? ''}"`),
    crash: net.crash,
    restart: net.restart,
  },
};
