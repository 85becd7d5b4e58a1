/** RaftLab's registration: its core, pacing and narration commands (pure; the manifest imports it). */
import { defaultParams, raft } from '../../sim/raft';
import type { RaftParams, RaftState } from '../../sim/raft';
import { networkCommands, networkHop, parsed, type LabDefinition } from '../shared/definition';

const node = (arg: string | undefined): string | undefined => (arg === undefined ? undefined : arg === 'leader' ? '@leader' : arg);
const net = networkCommands<RaftState>({
  mechanism: raft,
  nodes: (s) => s.world.nodeIds,
  noun: 'server',
  aliases: { leader: '@leader' },
  defaults: { crash: '@leader' },
});

/** The lab's definition (module constant: the toolkit keys on its identity). */
export const raftLabDef: LabDefinition<RaftState, RaftParams> = {
  widget: 'RaftLab',
  mechanisms: [raft],
  // One RPC between servers at the default latency (uniform latencyMin–latencyMax).
  hop: () => networkHop({ kind: 'uniform', min: defaultParams.latencyMin, max: defaultParams.latencyMax }),
  duration: () => 1500,
  // Sub-views narration may focus or highlight: the log grid and the safety checks beside the cluster.
  parts: ['log', 'checks'],
  commands: {
    // crash [S2|leader] · restart <S2> · timeout <S3> · partition "S1,S2|S3,S4,S5" · heal · request [server] [cmd] · drop <msgId>
    crash: net.crash,
    restart: net.restart,
    timeout: (a) => parsed(raft, { type: 'raft/timeout', node: node(a[0]) }, `timeout needs a server like S3, got "${a[0] ?? ''}"`),
    partition: net.partition,
    heal: net.heal,
    request: (a) =>
      parsed(
        raft,
        { type: 'raft/request', ...(a[0] ? { node: node(a[0]) } : {}), ...(a[1] ? { cmd: a[1] } : {}) },
        `request takes an optional server and a short command, got "${a.join(' ')}"`,
      ),
    drop: net.drop,
  },
};
