/** QuorumLab's registration: its core, pacing and narration commands (pure; the manifest imports it). */
import { quorumDefaults, quorumMechanism, type QuorumParams, type QuorumState } from '../../sim/quorum';
import { networkCommands, networkHop, parsed, type LabDefinition } from '../shared/definition';

const client = (args: string[]): string => args[0] ?? 'c1';
const net = networkCommands<QuorumState>({ mechanism: quorumMechanism, nodes: (s) => s.nodeIds, noun: 'replica' });

/** The lab's definition (module constant: the hook keys on its identity). */
export const quorumLabDef: LabDefinition<QuorumState, QuorumParams> = {
  widget: 'QuorumLab',
  mechanisms: [quorumMechanism],
  // One message between a client and a replica at the default latency.
  hop: () => networkHop(quorumDefaults.latency),
  duration: () => 300,
  commands: {
    // write [c1|c2|c3] · read [c1|c2|c3] · crash <replica> · restart <replica> · partition "A,B,c1|C" · heal
    write: (args) => parsed(quorumMechanism, { type: 'q/write', client: client(args) }, `write needs a client (c1–c3), got "${args[0]}"`),
    read: (args) => parsed(quorumMechanism, { type: 'q/read', client: client(args) }, `read needs a client (c1–c3), got "${args[0]}"`),
    crash: net.crash,
    restart: net.restart,
    partition: net.partition,
    heal: net.heal,
  },
};
