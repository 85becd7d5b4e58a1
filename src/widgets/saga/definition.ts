/** SagaLab's registration: its core, pacing and narration commands (pure; the manifest imports it). */
import { sagaMechanism, type SagaParams, type SagaWorld } from '../../sim/saga';
import { networkCommands, parsed, type LabDefinition } from '../shared/definition';

const net = networkCommands<SagaWorld>({ mechanism: sagaMechanism, nodes: (s) => s.nodeIds, noun: 'node', defaults: { crash: 'O', restart: 'O' } });

/** The lab's definition (module constant: the hook keys on its identity). */
export const sagaLabDef: LabDefinition<SagaWorld, SagaParams> = {
  widget: 'SagaLab',
  mechanisms: [sagaMechanism],
  // A 10 ms hop takes about 0.2 s of wall time at 1×, so the unwinding can be followed.
  timeScale: 0.05,
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
