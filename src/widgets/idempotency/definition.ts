/** IdempotencyLab's registration: its core, pacing and narration commands (pure; the manifest imports it). */
import { idemDefaults, idemMechanism, type IdemParams, type IdemState } from '../../sim/idempotency';
import { networkCommands, networkHop, parsed, type LabDefinition } from '../shared/definition';

const net = networkCommands<IdemState>({ mechanism: idemMechanism, nodes: (s) => s.nodeIds, noun: 'node', defaults: { crash: 'S', restart: 'S' } });

/** The lab's definition (module constant: the hook keys on its identity). */
export const idempotencyLabDef: LabDefinition<IdemState, IdemParams> = {
  widget: 'IdempotencyLab',
  mechanisms: [idemMechanism],
  // One request or reply between client and server at the default latency.
  hop: () => networkHop(idemDefaults.latency),
  duration: () => 450,
  commands: {
    // pay [amount] [reuse] · publish · crash [S|Q] · restart [S|Q] · drop <msgId>
    pay: (args) => {
      const amount = args[0] === undefined ? 80 : Number(args[0]);
      const reuse = args[1] === 'reuse';
      return parsed(idemMechanism, reuse ? { type: 'idem/pay', amount, reuseKey: true } : { type: 'idem/pay', amount }, `pay needs a whole amount in euros and optionally "reuse", got "${args.join(' ')}"`);
    },
    publish: () => parsed(idemMechanism, { type: 'idem/publish' }, 'publish takes no arguments'),
    crash: net.crash,
    restart: net.restart,
    drop: net.drop,
  },
};
