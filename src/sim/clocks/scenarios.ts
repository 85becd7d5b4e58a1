/**
 * Named clock-lab scenarios for Chapter 2's text and narration. Each pre-records a few actions;
 * `compare` is the pair of events the lab selects on load (the one the prose talks about).
 * The tests check that each scenario shows what its description promises.
 */
import type { Dist } from '../core/dist';
import type { Scenario } from '../core/types';
import type { ClockAction, ClockParams } from './types';

/** A clock scenario plus the pair of events to compare on load. */
export interface ClockScenario extends Scenario<ClockParams, ClockAction> {
  readonly compare: readonly [number, number];
}

const perfect = { offsetMs: 0, driftPpm: 0 };
const base = { delayMin: 20, delayMax: 60, slewPpm: 50_000 };
const at = (t: number, action: ClockAction) => ({ at: t, action });
/** A link with a fixed one-way delay, so a scenario's timing does not depend on the seed. */
const fixed = (from: string, to: string, ms: number) => at(0, { type: 'net/link', from, to, latency: { kind: 'constant', value: ms } satisfies Dist });

/** The lab's scenarios; the first is the default. */
export const clockScenarios: readonly ClockScenario[] = [
  {
    id: 'lww-loses-write',
    title: 'Last writer wins, except when it loses',
    description:
      'B’s clock runs 200 ms behind. A writes x = 1; B receives it and then writes x = 2, later in real time and even caused by A’s write. B’s timestamp is smaller, so every replica keeps x = 1 and B’s write silently disappears.',
    seed: 7,
    params: { ...base, nodes: 3, clocks: [perfect, { offsetMs: -200, driftPpm: 0 }, perfect] },
    log: [at(300, { type: 'write', node: 'A', value: '1' }), at(420, { type: 'write', node: 'B', value: '2' })],
    until: 600,
    compare: [0, 3],
  },
  {
    id: 'lamport-cannot-see-concurrency',
    title: 'Lamport clocks cannot see concurrency',
    description:
      'A and B never talk to each other before these events, so they are concurrent. A’s event has Lamport time 3 and B’s has 1, which looks like an order. Only the vector clocks say plainly that neither happened before the other.',
    seed: 3,
    params: { ...base, nodes: 3, clocks: [perfect, perfect, perfect] },
    log: [
      at(10, { type: 'local', node: 'A' }),
      at(20, { type: 'local', node: 'A' }),
      at(30, { type: 'local', node: 'A' }),
      at(50, { type: 'local', node: 'B' }),
      at(70, { type: 'send', from: 'A', to: 'C' }),
      at(90, { type: 'send', from: 'B', to: 'C' }),
    ],
    until: 200,
    compare: [2, 3],
  },
  {
    id: 'vector-detects-conflict',
    title: 'Vector clocks detect a conflict',
    description:
      'A and C write x at almost the same moment, each before hearing of the other: the vectors are incomparable, a true conflict. B’s later write comes after A’s, and its vector dominates A’s. Last-writer-wins would silently pick one of the concurrent writes.',
    seed: 11,
    params: { ...base, nodes: 3, clocks: [perfect, perfect, { offsetMs: 15, driftPpm: 0 }] },
    log: [
      at(50, { type: 'write', node: 'A', value: 'a' }),
      at(60, { type: 'write', node: 'C', value: 'c' }),
      at(200, { type: 'write', node: 'B', value: 'b' }),
    ],
    until: 350,
    compare: [0, 1],
  },
  {
    id: 'hlc-tracks-physical-time',
    title: 'Hybrid logical clocks stay close to physical time',
    description:
      'A’s clock is 40 ms fast and C’s 30 ms slow. When B hears from A, its HLC jumps to A’s time and counts events in c until its own clock catches up; l never falls behind the node’s clock nor runs ahead of the fastest one.',
    seed: 5,
    params: { ...base, nodes: 3, clocks: [{ offsetMs: 40, driftPpm: 0 }, perfect, { offsetMs: -30, driftPpm: 2_000 }] },
    log: [
      fixed('A', 'B', 10),
      fixed('B', 'C', 15),
      fixed('C', 'A', 20),
      at(20, { type: 'send', from: 'A', to: 'B' }),
      at(31, { type: 'local', node: 'B' }),
      at(32, { type: 'local', node: 'B' }),
      at(40, { type: 'send', from: 'B', to: 'C' }),
      at(70, { type: 'local', node: 'C' }),
      at(90, { type: 'send', from: 'C', to: 'A' }),
      at(150, { type: 'local', node: 'B' }),
    ],
    until: 200,
    compare: [0, 3],
  },
  {
    id: 'ntp-steps-backwards',
    title: 'NTP steps a clock backwards',
    description:
      'B’s clock is 300 ms fast. An NTP step corrects it all at once, so B’s next event gets a smaller wall-clock timestamp than the one before it. Lamport and hybrid clocks keep counting up; slewing instead would have corrected the clock without going back.',
    seed: 9,
    params: { ...base, nodes: 3, clocks: [perfect, { offsetMs: 300, driftPpm: 0 }, perfect] },
    log: [
      at(50, { type: 'local', node: 'B' }),
      at(100, { type: 'send', from: 'B', to: 'A' }),
      at(150, { type: 'ntp/sync', node: 'B', mode: 'step', serverErrorMs: 0 }),
      at(200, { type: 'local', node: 'B' }),
      at(250, { type: 'send', from: 'B', to: 'C' }),
    ],
    until: 350,
    compare: [1, 3],
  },
];

/** Look a scenario up by id. */
export function findClockScenario(id: string): ClockScenario | undefined {
  return clockScenarios.find((s) => s.id === id);
}
