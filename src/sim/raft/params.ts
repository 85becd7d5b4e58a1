/**
 * Defaults and validation for Raft run parameters and actions coming from untrusted places
 * (URL state, widget props, narration cues). Never throws: bad values fall back with a reason.
 */
import type { Sanitized } from '../core/types';
import { parseWorldAction } from '../core/actions';
import type { RaftAction, RaftParams } from './types';

/** Lab defaults: five servers, timeouts 150–300 ms and heartbeats every 50 ms as the paper suggests (§5.6, §9.3). */
export const defaultParams: RaftParams = {
  servers: 5,
  electionMin: 150,
  electionMax: 300,
  heartbeat: 50,
  latencyMin: 10,
  latencyMax: 20,
  dropRate: 0,
  duplicateRate: 0,
  brokenCommit: false,
  checkInvariants: true,
  recordTrace: true,
};

type NumKey = 'servers' | 'electionMin' | 'electionMax' | 'heartbeat' | 'latencyMin' | 'latencyMax' | 'dropRate' | 'duplicateRate';

const ranges: Record<NumKey, [number, number]> = {
  servers: [3, 9],
  electionMin: [1, 100_000],
  electionMax: [1, 100_000],
  heartbeat: [1, 100_000],
  latencyMin: [0, 10_000],
  latencyMax: [0, 10_000],
  dropRate: [0, 0.9],
  duplicateRate: [0, 0.9],
};

/** Validate and clamp raw params; every change is explained in `problems`. */
export function sanitizeParams(raw: unknown): Sanitized<RaftParams> {
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { value: defaultParams, problems };
  if (typeof raw !== 'object') return { value: defaultParams, problems: ['Parameters must be an object; using defaults.'] };
  const r = raw as Record<string, unknown>;
  const out: Record<string, unknown> = { ...defaultParams };
  for (const key of Object.keys(ranges) as NumKey[]) {
    if (!(key in r)) continue;
    const v = r[key];
    const [lo, hi] = ranges[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      problems.push(`${key} must be a number; using ${defaultParams[key]}.`);
      continue;
    }
    const clamped = Math.min(hi, Math.max(lo, key === 'servers' ? Math.round(v) : v));
    if (clamped !== v) problems.push(`${key} ${v} is outside ${lo}–${hi}; using ${clamped}.`);
    out[key] = clamped;
  }
  // Optional timing-model knobs (experiments set them; absent means 0, the lab's plain model).
  for (const [key, hi] of [['diskWrite', 10_000], ['driftPpm', 10_000], ['timerJitter', 10_000]] as const) {
    if (!(key in r)) continue;
    const v = r[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      problems.push(`${key} must be a number; using 0.`);
      continue;
    }
    const clamped = Math.min(hi, Math.max(0, v));
    if (clamped !== v) problems.push(`${key} ${v} is outside 0–${hi}; using ${clamped}.`);
    if (clamped > 0) out[key] = clamped;
  }
  for (const key of ['brokenCommit', 'checkInvariants', 'recordTrace'] as const) {
    if (!(key in r)) continue;
    if (typeof r[key] !== 'boolean') problems.push(`${key} must be true or false; using ${defaultParams[key]}.`);
    else out[key] = r[key];
  }
  const p = out as unknown as RaftParams;
  let fixed = p;
  if (p.electionMax < p.electionMin) {
    problems.push(`electionMax ${p.electionMax} is below electionMin ${p.electionMin}; using ${p.electionMin}.`);
    fixed = { ...fixed, electionMax: p.electionMin };
  }
  if (p.latencyMax < p.latencyMin) {
    problems.push(`latencyMax ${p.latencyMax} is below latencyMin ${p.latencyMin}; using ${p.latencyMin}.`);
    fixed = { ...fixed, latencyMax: p.latencyMin };
  }
  if (fixed.heartbeat >= fixed.electionMin) {
    // Not an error in the algorithm, but followers would time out under a healthy leader (§5.6).
    problems.push(`heartbeat ${fixed.heartbeat} ms is not below the minimum election timeout; elections will recur.`);
  }
  return { value: fixed, problems };
}

const isNode = (v: unknown): v is string => typeof v === 'string' && /^(S[1-9]|@leader)$/.test(v);
const isServer = (v: unknown): v is string => isNode(v) && v !== '@leader';
const isCmd = (v: unknown): v is string => typeof v === 'string' && /^[\w-]{1,12}$/.test(v);

/** Partition groups in a Raft action: server names only (text like "S1,S2|S3" is parsed by the kernel's `parseGroups`). */
function serverGroups(raw: unknown): string[][] | null {
  if (!Array.isArray(raw) || raw.length < 1) return null;
  const groups: string[][] = [];
  const seen = new Set<string>();
  for (const g of raw) {
    if (!Array.isArray(g) || g.length === 0 || !g.every(isServer)) return null;
    for (const n of g) {
      if (seen.has(n)) return null;
      seen.add(n);
    }
    groups.push([...g]);
  }
  return groups;
}

/**
 * Validate an untrusted action; null when it is not a well-formed Raft action. Accepts the kernel's
 * world actions (`net/*`, `node/*`, with '@leader' allowed for crash and restart) and Raft's
 * commands, plus the lab's earlier action names (`crash`, `partition`, `request`, …) so links
 * shared before the move to the kernel still open.
 */
export function parseAction(raw: unknown): RaftAction | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const a = raw as Record<string, unknown>;
  switch (a.type) {
    case 'node/crash':
    case 'node/restart':
      return isNode(a.node) ? { type: a.type, node: a.node } : null;
    case 'crash':
    case 'restart':
      return isNode(a.node) ? { type: a.type === 'crash' ? 'node/crash' : 'node/restart', node: a.node } : null;
    case 'raft/timeout':
    case 'timeout':
      return isNode(a.node) ? { type: 'raft/timeout', node: a.node } : null;
    case 'net/partition':
    case 'partition': {
      const groups = serverGroups(a.groups);
      return groups ? { type: 'net/partition', groups } : null;
    }
    case 'net/heal':
    case 'heal':
      return { type: 'net/heal' };
    case 'net/drop':
    case 'drop':
      return typeof a.msgId === 'number' && Number.isInteger(a.msgId) && a.msgId >= 0 ? { type: 'net/drop', msgId: a.msgId } : null;
    case 'raft/request':
    case 'request': {
      if (a.node !== undefined && !isNode(a.node)) return null;
      if (a.cmd !== undefined && !isCmd(a.cmd)) return null;
      return { type: 'raft/request', ...(a.node !== undefined ? { node: a.node } : {}), ...(a.cmd !== undefined ? { cmd: a.cmd } : {}) };
    }
    default: {
      // Other kernel actions (net/cut, net/restore, net/link) are valid on any world.
      const w = typeof a.type === 'string' && a.type.startsWith('net/') ? parseWorldAction(raw) : null;
      return w;
    }
  }
}
