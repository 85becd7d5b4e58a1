/**
 * Physical, Lamport, vector and hybrid logical clocks on the kernel: the public surface. Widgets,
 * benches and scripts import this folder through this file only. See README.md.
 */
export * from './types';
export { clocksMechanism, clocksWorld, clockEvents, clockWrites, clockNodeIds, clockNodes, physicalNow, clockInFlight, type ClockNodeView, type ClockMessageInFlight } from './mechanism';
export { clockDefaults, sanitizeClockParams, parseClockCommand, parseClockAction } from './params';
export { clocksProtocol, describeClockCommand, lwwBeats, reading, HLC_START } from './protocol';
export { clockScenarios, findClockScenario, type ClockScenario } from './scenarios';
export { compareEvents, happenedBefore, trueRelation, type Relation, type ClockVerdict, type Comparison } from './compare';
export { makeClock, readClock, stepClock, setDrift, slewClock, type PhysicalClock } from './physical';
export * from './logical';
export { replayClocks, replaySpec, quiescentTime } from './replay';
