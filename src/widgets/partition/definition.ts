/** PartitionLab's registration: its core, pacing and narration commands (pure; the manifest imports it). */
import { PARTITION_DEFAULTS, partitionMechanism, type PartitionParams, type PartitionState } from '../../sim/partition';
import { networkCommands, networkHop, parsed, type LabDefinition } from '../shared/definition';
import { nextValue } from './selectors';

const net = networkCommands<PartitionState>({ mechanism: partitionMechanism, nodes: (s) => s.nodeIds });

/** The lab's definition (module constant: the hook keys on its identity). */
export const partitionLabDef: LabDefinition<PartitionState, PartitionParams> = {
  widget: 'PartitionLab',
  mechanisms: [partitionMechanism],
  // One message between replicas at the default mean latency.
  hop: () => networkHop(PARTITION_DEFAULTS.latency),
  duration: () => 2000,
  commands: {
    // partition "A,B|C" · heal · write <client> [value] · read <client>
    partition: net.partition,
    heal: net.heal,
    write: (args, state) => {
      const [client = 'c1', value = nextValue(state)] = args;
      return parsed(partitionMechanism, { type: 'client/write', client, value }, `write needs a client and a short value, got "${args.join(' ')}"`);
    },
    read: (args) => parsed(partitionMechanism, { type: 'client/read', client: args[0] ?? 'c1' }, `read needs a client id, got "${args[0]}"`),
  },
};
