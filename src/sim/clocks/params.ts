/**
 * Validation of untrusted clock-lab input (URL state, narration cues): clamp, default, and say why.
 */
import { parseWorldAction } from '../core/actions';
import type { Sanitized } from '../core/types';
import { NODE_IDS, type ClockAction, type ClockCommand, type ClockParams, type ClockSetting } from './types';

/** Default parameters: three nodes with perfect clocks. */
export const clockDefaults: ClockParams = {
  nodes: 3,
  clocks: [
    { offsetMs: 0, driftPpm: 0 },
    { offsetMs: 0, driftPpm: 0 },
    { offsetMs: 0, driftPpm: 0 },
  ],
  delayMin: 20,
  delayMax: 60,
  slewPpm: 50_000,
};

/** Limits the lab accepts. Offsets of ±10 s and drift of ±20% are far beyond real clocks, on purpose. */
export const LIMITS = { offsetMs: 10_000, driftPpm: 200_000, delay: 5_000, slewPpm: 500_000 } as const;

function num(raw: unknown, fallback: number, min: number, max: number, name: string, problems: string[]): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    problems.push(`${name} must be a number; using ${fallback}`);
    return fallback;
  }
  if (raw < min || raw > max) {
    const v = Math.min(max, Math.max(min, raw));
    problems.push(`${name} ${raw} is outside ${min}…${max}; using ${v}`);
    return v;
  }
  return raw;
}

/** Validate and clamp untrusted params; never throws. */
export function sanitizeClockParams(raw: unknown): Sanitized<ClockParams> {
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { value: clockDefaults, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { value: clockDefaults, problems: ['parameters must be an object; using defaults'] };
  const r = raw as Record<string, unknown>;
  const nodes = Math.round(num(r.nodes, clockDefaults.nodes, 2, NODE_IDS.length, 'nodes', problems));
  const rawClocks = Array.isArray(r.clocks) ? r.clocks : [];
  if (r.clocks !== undefined && !Array.isArray(r.clocks)) problems.push('clocks must be a list; using perfect clocks');
  const clocks: ClockSetting[] = [];
  for (let i = 0; i < nodes; i++) {
    const c = (rawClocks[i] ?? {}) as Record<string, unknown>;
    clocks.push({
      offsetMs: num(c.offsetMs, 0, -LIMITS.offsetMs, LIMITS.offsetMs, `clock ${NODE_IDS[i]} offset`, problems),
      driftPpm: num(c.driftPpm, 0, -LIMITS.driftPpm, LIMITS.driftPpm, `clock ${NODE_IDS[i]} drift`, problems),
    });
  }
  const delayMin = num(r.delayMin, clockDefaults.delayMin, 1, LIMITS.delay, 'delayMin', problems);
  let delayMax = num(r.delayMax, clockDefaults.delayMax, 1, LIMITS.delay, 'delayMax', problems);
  if (delayMax < delayMin) {
    problems.push(`delayMax ${delayMax} is below delayMin ${delayMin}; using ${delayMin}`);
    delayMax = delayMin;
  }
  const slewPpm = num(r.slewPpm, clockDefaults.slewPpm, 1, LIMITS.slewPpm, 'slewPpm', problems);
  return { value: { nodes, clocks, delayMin, delayMax, slewPpm }, problems };
}

const isNode = (x: unknown): x is string => typeof x === 'string' && (NODE_IDS as readonly string[]).includes(x);
const isNum = (x: unknown, lim: number): x is number => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= lim;

/**
 * Validate an untrusted clock command; null if it is not one the lab knows. An old link's
 * `send.delay` is dropped: fixed delays are link latencies now (`net/link`).
 */
export function parseClockCommand(raw: unknown): ClockCommand | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const a = raw as Record<string, unknown>;
  switch (a.type) {
    case 'local':
    case 'leap':
      return isNode(a.node) ? { type: a.type, node: a.node } : null;
    case 'send':
      if (!isNode(a.from) || !isNode(a.to) || a.from === a.to) return null;
      return { type: 'send', from: a.from, to: a.to };
    case 'write':
      return isNode(a.node) && typeof a.value === 'string' && a.value.length <= 12 ? { type: 'write', node: a.node, value: a.value } : null;
    case 'clock/set':
      if (!isNode(a.node) || !isNum(a.offsetMs, LIMITS.offsetMs)) return null;
      if (a.driftPpm !== undefined && !isNum(a.driftPpm, LIMITS.driftPpm)) return null;
      return a.driftPpm === undefined ? { type: 'clock/set', node: a.node, offsetMs: a.offsetMs } : { type: 'clock/set', node: a.node, offsetMs: a.offsetMs, driftPpm: a.driftPpm };
    case 'ntp/sync':
      if (!isNode(a.node) || (a.mode !== 'step' && a.mode !== 'slew') || !isNum(a.serverErrorMs, LIMITS.offsetMs)) return null;
      return { type: 'ntp/sync', node: a.node, mode: a.mode, serverErrorMs: a.serverErrorMs };
    default:
      return null;
  }
}

/** Validate an untrusted log action: a kernel network/crash action or a clock command. */
export function parseClockAction(raw: unknown): ClockAction | null {
  return parseWorldAction(raw) ?? parseClockCommand(raw);
}
