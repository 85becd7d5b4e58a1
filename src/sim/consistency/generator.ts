/**
 * Histories drawn from a simulated replicated register, so the reader can see which replication
 * designs produce which consistency. One leader orders writes (as in primary-backup or Raft);
 * what differs is where reads are served and when a write is acknowledged:
 *
 * - 'leader':      reads and writes at the leader, acknowledged once applied there. Linearizable.
 * - 'local-reads': a client reads its own replica; a write is acknowledged once that replica has
 *                  applied it. Replicas apply writes in leader order, so everyone sees one order
 *                  of writes: sequentially consistent, but reads can be stale (ZooKeeper's
 *                  guarantee without `sync`).
 * - 'any-replica': each read goes to a random replica, writes are acknowledged by the leader
 *                  alone and copied asynchronously: stale and even non-monotonic reads.
 *
 * Timeouts: with probability `timeoutRate` a client stops waiting for a write's reply; the
 * write may still be applied later (or, if the request itself was lost, never). Its outcome is
 * unknown (`ret: null`) and the client issues nothing more, as a crashed Jepsen client would.
 */
import { cloneRng, createRng, intMut, nextFloatMut, type MutRng } from '../core/rng';
import type { History, Operation } from './types';

/** Where reads go and when writes are acknowledged. */
export type ReplicationMode = 'leader' | 'local-reads' | 'any-replica';

/** Generator settings. */
export interface GeneratorSettings {
  readonly mode: ReplicationMode;
  readonly clients: number;
  readonly opsPerClient: number;
  /** Replication delay leader → follower, upper bound (ms); each copy draws from [1, lag]. */
  readonly lag: number;
  /** Probability that a write times out (0–1). */
  readonly timeoutRate: number;
  readonly seed: number;
}

/** Defaults that show stale reads within a dozen operations. */
export const generatorDefaults: GeneratorSettings = { mode: 'any-replica', clients: 3, opsPerClient: 4, lag: 60, timeoutRate: 0, seed: 1 };

const REPLICAS = 3;
const NET = 5; // one-way client↔replica delay bound (ms)

/** Name of the kernel random stream the generator draws from (one stream per settings seed). */
export const GENERATOR_STREAM = 'consistency/generator';

// The kernel's sfc32 stream (src/sim/core/rng.ts), owned by this one call: its state is a plain
// 4-tuple created from the settings' seed, so the same settings always give the same history.
const int = (r: MutRng, lo: number, hi: number) => intMut(r, lo, hi);
const chance = (r: MutRng, p: number) => nextFloatMut(r) < p;

/**
 * Generate a history. Clients' invocations are processed in time order; the leader appends each
 * write to its log on arrival (arrivals are kept in log order), and every replica applies the log
 * in order, each copy after a random lag. A replica's value at time t is the last write it has
 * applied by t, so reads are resolved once every write is known.
 */
export function generateHistory(g: GeneratorSettings): History {
  const rng = cloneRng(createRng(g.seed >>> 0, GENERATOR_STREAM));
  const log: { value: number; applied: number[] }[] = [];
  const valueAt = (replica: number, t: number): number => {
    let v = 0;
    for (const w of log) if (w.applied[replica] <= t) v = w.value;
    return v;
  };
  const ops: Operation[] = [];
  const reads: { index: number; replica: number; served: number }[] = [];
  const nextCall = Array.from({ length: g.clients }, (_, c) => c * 3 + int(rng, 0, 10));
  const left = new Array(g.clients).fill(g.opsPerClient);
  const home = (c: number) => c % REPLICAS;
  let lastArrival = 0;
  let nextValue = 1;
  for (;;) {
    let c = -1;
    for (let k = 0; k < g.clients; k++) if (left[k] > 0 && (c < 0 || nextCall[k] < nextCall[c])) c = k;
    if (c < 0) break;
    left[c]--;
    const call = nextCall[c];
    const client = `c${c + 1}`;
    const id = ops.length;
    if (chance(rng, 0.5)) {
      const value = nextValue++;
      // The leader's log order is its arrival order; arrivals never overtake one another.
      const arrive = Math.max(call + int(rng, 1, NET), lastArrival);
      const timedOut = g.timeoutRate > 0 && chance(rng, g.timeoutRate);
      // A timed-out write: half the time the request was lost (never applied), else only the reply was.
      const reachesLeader = !timedOut || chance(rng, 0.5);
      let ret: number | null = null;
      if (reachesLeader) {
        lastArrival = arrive;
        const prev = log[log.length - 1];
        const applied = Array.from({ length: REPLICAS }, (_, r) => Math.max(r === 0 ? arrive : arrive + int(rng, 1, Math.max(1, g.lag)), prev ? prev.applied[r] : 0));
        log.push({ value, applied });
        const ack = g.mode === 'local-reads' ? applied[home(c)] : arrive;
        ret = ack + int(rng, 1, NET);
      }
      if (timedOut) {
        ops.push({ id, client, key: 'x', kind: 'write', value, output: null, call, ret: null });
        left[c] = 0; // the client gave up; like a crashed Jepsen worker it issues nothing more
        continue;
      }
      ops.push({ id, client, key: 'x', kind: 'write', value, output: null, call, ret });
      nextCall[c] = (ret as number) + int(rng, 1, 15);
    } else {
      const replica = g.mode === 'leader' ? 0 : g.mode === 'local-reads' ? home(c) : int(rng, 0, REPLICAS - 1);
      const served = call + int(rng, 1, NET);
      const ret = served + int(rng, 1, NET);
      ops.push({ id, client, key: 'x', kind: 'read', value: null, output: null, call, ret });
      reads.push({ index: id, replica, served });
      nextCall[c] = ret + int(rng, 1, 15);
    }
  }
  for (const r of reads) ops[r.index] = { ...ops[r.index], output: valueAt(r.replica, r.served) };
  return { ops, init: 0 };
}
