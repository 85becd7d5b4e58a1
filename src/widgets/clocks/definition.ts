/** ClockLab's registration: its core, pacing and narration commands (pure; the manifest imports it). */
import { clockDefaults, clocksMechanism } from '../../sim/clocks';
import type { ClockParams, ClockState } from '../../sim/clocks';
import { networkHop, parsed, type LabDefinition } from '../shared/definition';

const node = (args: string[], i: number, fallback = 'A') => (args[i] ?? fallback).toUpperCase();
const clock = (raw: unknown, usage: string) => parsed(clocksMechanism, raw, usage);

/** The lab's definition (module constant: the hook keys on its identity). */
export const clockLabDef: LabDefinition<ClockState, ClockParams> = {
  widget: 'ClockLab',
  mechanisms: [clocksMechanism],
  // One message between clocks at the default delay (mean of delayMin–delayMax).
  hop: () => networkHop({ kind: 'uniform', min: clockDefaults.delayMin, max: clockDefaults.delayMax }),
  duration: () => 400,
  commands: {
    // local <node> · send <from> <to> · write <node> <value> · step|slew <node> [serverErrorMs] · leap <node> · skew <node> <offsetMs> [driftPpm]
    local: (a) => clock({ type: 'local', node: node(a, 0) }, `local needs a node A–E, got "${a[0]}"`),
    send: (a) => clock({ type: 'send', from: node(a, 0), to: node(a, 1, 'B') }, `send needs two different nodes, got "${a.join(' ')}"`),
    write: (a) => clock({ type: 'write', node: node(a, 0), value: a[1] ?? '1' }, `write needs a node and a short value, got "${a.join(' ')}"`),
    step: (a) => clock({ type: 'ntp/sync', node: node(a, 0), mode: 'step', serverErrorMs: Number(a[1] ?? 0) }, `step needs a node and an optional server error in ms, got "${a.join(' ')}"`),
    slew: (a) => clock({ type: 'ntp/sync', node: node(a, 0), mode: 'slew', serverErrorMs: Number(a[1] ?? 0) }, `slew needs a node and an optional server error in ms, got "${a.join(' ')}"`),
    leap: (a) => clock({ type: 'leap', node: node(a, 0) }, `leap needs a node, got "${a[0]}"`),
    skew: (a) => clock({ type: 'clock/set', node: node(a, 0), offsetMs: Number(a[1]), ...(a[2] !== undefined ? { driftPpm: Number(a[2]) } : {}) }, `skew needs a node, an offset in ms and optionally a drift in ppm, got "${a.join(' ')}"`),
  },
};
