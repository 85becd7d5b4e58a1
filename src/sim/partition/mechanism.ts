/**
 * The partition (CAP) core as a kernel `Protocol` run by `worldMechanism`: parameters, command
 * parsing and routing. Replica behaviour lives in replica.ts (ABD register in CP mode,
 * Dynamo-style replication in AP mode); scenarios in scenarios.ts; what the lab shows is
 * derived from the world state by observe.ts. The kernel supplies the network (uniform
 * latency within ±jitter, partitions through `net/partition` / `net/heal`), virtual time, the
 * event queue, request timeouts as node timers, seeded per-node/per-link sfc32 streams and the
 * trace.
 */
import type { NodeId, Sanitized } from '../core/types';
import type { Protocol } from '../core/protocol';
import { worldMechanism, type WorldMechanism } from '../core/world';
import { describeMsg, initReplica, onClient, onCrash, onMessage, onNetChange, onRestart, onTimer } from './replica';
import { partitionScenarios } from './scenarios';
import type { ClientInfo, PartitionCommand, PartitionMsg, PartitionParams, ReplicaNode } from './types';
import { clampInteger, clampNumber } from '../core/clamp';

/** Node ids in order. */
export const NODE_IDS = ['A', 'B', 'C', 'D', 'E'] as const;
/** Client ids in order. */
export const CLIENT_IDS = ['c1', 'c2', 'c3'] as const;

/** Default parameters. */
export const PARTITION_DEFAULTS: PartitionParams = {
  nodes: 3,
  clients: 2,
  mode: 'CP',
  merge: 'lww',
  latency: 60,
  jitter: 0.3,
  opTimeout: 500,
};

/** Validate and clamp untrusted params. Never throws. */
export function sanitizePartitionParams(raw: unknown): Sanitized<PartitionParams> {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (raw !== undefined && (raw === null || typeof raw !== 'object')) problems.push('Settings were not an object; using defaults.');
  const d = PARTITION_DEFAULTS;
  const nodes = clampInteger(r.nodes, 3, 5, d.nodes, 'Replicas', problems);
  const mode = r.mode === undefined ? d.mode : r.mode === 'CP' || r.mode === 'AP' ? r.mode : (problems.push('Mode must be CP or AP; using CP.'), d.mode);
  const merge =
    r.merge === undefined ? d.merge : r.merge === 'lww' || r.merge === 'siblings' ? r.merge : (problems.push('Merge must be lww or siblings; using lww.'), d.merge);
  return {
    value: {
      nodes,
      clients: clampInteger(r.clients, 1, 3, d.clients, 'Clients', problems),
      mode,
      merge,
      latency: clampNumber(r.latency, 5, 500, d.latency, 'Latency', problems),
      jitter: clampNumber(r.jitter, 0, 0.9, d.jitter, 'Jitter', problems),
      opTimeout: clampNumber(r.opTimeout, 50, 5000, d.opTimeout, 'Request timeout', problems),
    },
    problems,
  };
}

const VALUE_RE = /^[A-Za-z0-9_-]{1,12}$/;
const ID_RE = /^[A-Za-z0-9]{1,4}$/;

/** Validate an untrusted client command. Whether the client exists is checked when it is routed. */
export function parsePartitionCommand(raw: unknown): PartitionCommand | null {
  if (!raw || typeof raw !== 'object') return null;
  const a = raw as Record<string, unknown>;
  if (typeof a.client !== 'string' || !ID_RE.test(a.client)) return null;
  if (a.type === 'client/read') return { type: 'client/read', client: a.client };
  if (a.type === 'client/write' && typeof a.value === 'string' && VALUE_RE.test(a.value)) return { type: 'client/write', client: a.client, value: a.value };
  return null;
}

/** Replica ids for these params. */
export function replicaIds(p: PartitionParams): NodeId[] {
  return NODE_IDS.slice(0, p.nodes);
}

/** Attach clients to different replicas: first, last, second, … so they land on opposite sides. */
export function attachClients(nodes: readonly NodeId[], count: number): ClientInfo[] {
  const order = [0, nodes.length - 1, 1, nodes.length - 2];
  return CLIENT_IDS.slice(0, count).map((id, i) => ({ id, node: nodes[order[i]] }));
}

/** The replicated register as a kernel protocol. */
export const partitionProtocol: Protocol<PartitionParams, ReplicaNode, PartitionMsg, PartitionCommand> = {
  id: 'partition',
  defaults: PARTITION_DEFAULTS,
  sanitizeParams: sanitizePartitionParams,
  topology: (p) => ({
    nodes: replicaIds(p),
    net: {
      defaults: { latency: { kind: 'uniform', min: Math.max(1, p.latency * (1 - p.jitter)), max: p.latency * (1 + p.jitter) }, loss: 0, dup: 0, fifo: false },
    },
  }),
  initNode: (_id, ctx) => initReplica(ctx),
  onMessage,
  onTimer,
  onCommand: onClient,
  onNetChange,
  onCrash,
  onRestart,
  commandTarget: (cmd, p) => attachClients(replicaIds(p), p.clients).find((c) => c.id === cmd.client)?.node ?? null,
  parseCommand: parsePartitionCommand,
  describe: describeMsg,
  describeCommand: (c) => (c.type === 'client/write' ? `${c.client} writes "${c.value}"` : `${c.client} reads`),
  scenarios: partitionScenarios,
};

/** The partition (CAP) mechanism. */
export const partitionMechanism: WorldMechanism<PartitionParams, ReplicaNode, PartitionMsg, PartitionCommand> = worldMechanism(partitionProtocol);
