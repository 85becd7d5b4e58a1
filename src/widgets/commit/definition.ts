/** CommitLab's registration: its core, pacing and narration commands (pure; the manifest imports it). */
import { commitDefaults, commitMechanism, type CommitParams, type CommitWorld } from '../../sim/commit';
import { networkCommands, networkHop, parsed, type LabDefinition } from '../shared/definition';

const net = networkCommands<CommitWorld>({ mechanism: commitMechanism, nodes: (s) => s.nodeIds, noun: 'node', defaults: { crash: 'C', restart: 'C' } });

/** The lab's definition (module constant: the hook keys on its identity). */
export const commitLabDef: LabDefinition<CommitWorld, CommitParams> = {
  widget: 'CommitLab',
  mechanisms: [commitMechanism],
  // One message between coordinator and participants at the default latency.
  hop: () => networkHop(commitDefaults.latency),
  duration: (_id, p) => (p.protocol === '3pc' ? 800 : 800),
  commands: {
    // heuristic <participant> <commit|abort> · crash [node] · restart [node] · partition A,B|C · heal · drop <msgId>
    heuristic: (args) =>
      parsed(commitMechanism, { type: 'commit/heuristic', node: args[0], decision: args[1] }, `heuristic needs a participant and commit or abort, e.g. "P2 abort", got "${args.join(' ')}"`),
    crash: net.crash,
    restart: net.restart,
    partition: net.partition,
    heal: net.heal,
    drop: net.drop,
  },
};
