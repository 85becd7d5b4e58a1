/** ReplicationLab's registration: its two cores, pacing and narration commands (pure; the manifest imports it). */
import { crdtDefaults, crdtMechanism, replicationDefaults, replicationMechanism } from '../../sim/replication';
import { networkCommands, networkHop, parsed, type LabDefinition } from '../shared/definition';
import type { LabState } from './selectors';

const net = networkCommands<LabState>({ mechanism: replicationMechanism, nodes: (s) => s.nodeIds, noun: 'node' });

/** The lab's definition (module constant: the hook keys on its identity). */
export const replicationLabDef: LabDefinition<LabState> = {
  widget: 'ReplicationLab',
  mechanisms: [replicationMechanism, crdtMechanism],
  // The replication core: one entry travelling from leader to follower (the default lag; clients sit
  // a few ms from their replica on purpose, so the lag is what the reader watches). The CRDT core: one
  // gossip message between replicas at its default latency.
  hop: (id) => (id === crdtMechanism.id ? networkHop(crdtDefaults.latency, 'gossip message') : networkHop(replicationDefaults.lag, 'replication hop')),
  duration: (id) => (id === 'crdt' ? 500 : 450),
  commands: {
    // write <client> <key> [value] · read <client> <key>[,<key>…] · failover <replica> [epoch] · gcpause <replica> <ms>
    // like <replica> [by] · add <replica> <item> · remove <replica> <item> · crash · restart · partition · heal
    write: (args) => parsed(replicationMechanism, { type: 'rep/write', client: args[0] ?? 'c1', key: args[1] ?? 'x', ...(args[2] ? { value: args[2] } : {}) }, `write needs a client and a key, e.g. "write c1 x 5", got "${args.join(' ')}"`),
    read: (args) => parsed(replicationMechanism, { type: 'rep/read', client: args[0] ?? 'c1', keys: (args[1] ?? 'x').split(',') }, `read needs a client and keys, e.g. "read c3 q,a", got "${args.join(' ')}"`),
    failover: (args) => parsed(replicationMechanism, { type: 'rep/failover', to: args[0] ?? 'B', ...(args[1] ? { epoch: Number(args[1]) } : {}) }, `failover needs a replica (and optionally an epoch), got "${args.join(' ')}"`),
    gcpause: (args) => parsed(replicationMechanism, { type: 'rep/pause', node: args[0] ?? 'A', ms: Number(args[1] ?? 400) }, `gcpause needs a replica and milliseconds, got "${args.join(' ')}"`),
    like: (args) => parsed(crdtMechanism, { type: 'crdt/like', replica: args[0] ?? 'A', by: Number(args[1] ?? 1) }, `like needs a replica (A–D) and optionally ±n, got "${args.join(' ')}"`),
    add: (args) => parsed(crdtMechanism, { type: 'crdt/add', replica: args[0] ?? 'A', item: args[1] ?? 'milk' }, `add needs a replica and an item, got "${args.join(' ')}"`),
    remove: (args) => parsed(crdtMechanism, { type: 'crdt/remove', replica: args[0] ?? 'A', item: args[1] ?? 'milk' }, `remove needs a replica and an item, got "${args.join(' ')}"`),
    crash: net.crash,
    restart: net.restart,
    partition: net.partition,
    heal: net.heal,
  },
};
