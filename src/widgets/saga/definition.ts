/** SagaLab's registration: its core, pacing and narration commands (pure; the manifest imports it). */
import { sagaDefaults, sagaMechanism, type SagaParams, type SagaWorld } from '../../sim/saga';
import { networkCommands, networkHop, parsed, type LabDefinition } from '../shared/definition';

const net = networkCommands<SagaWorld>({ mechanism: sagaMechanism, nodes: (s) => s.nodeIds, noun: 'node', defaults: { crash: 'O', restart: 'O' } });

/** The lab's definition (module constant: the hook keys on its identity). */
export const sagaLabDef: LabDefinition<SagaWorld, SagaParams> = {
  widget: 'SagaLab',
  mechanisms: [sagaMechanism],
  // One message between the orchestrator (or a service) and a service at the default latency.
  hop: () => networkHop(sagaDefaults.latency),
  duration: () => 400,
  commands: {
    // cancel <s1|s2> · crash [node] · restart [node] · partition A,B|C · heal · drop <msgId>
    cancel: (args) => parsed(sagaMechanism, { type: 'saga/cancel', saga: args[0] ?? 's1' }, `cancel needs a saga, s1 or s2, got "${args[0] ?? ''}"`),
    crash: net.crash,
    restart: net.restart,
    partition: net.partition,
    heal: net.heal,
    drop: net.drop,
  },
};
