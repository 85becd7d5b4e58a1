/**
 * Raft (Ongaro & Ousterhout 2014) on the kernel: the public surface. Widgets, benches and scripts
 * import this folder through this file only. See README.md.
 */
export type * from './types';
export { raft, raftWorld, raftWorldQuiet, replay } from './mechanism';
export { defaultParams, sanitizeParams, parseAction } from './params';
export { raftProtocol, serverIds, majorityOf, describeMsg, describeCommand } from './protocol';
export { raftScenarios, findScenario } from './scenarios';
export { serversOf, leaderOf, linked, partitioned } from './view';
export { emptyMonitor, observe, logMatchingBreak } from './invariants';
export * from './experiments';
export * from './trialShares';
export { splitVoteProbability } from './splitVote';
export { figure16Experiment, splitVoteExperiment, splitVoteLatencies, type Figure16Row, type SplitVoteRow } from './experimentDefs';
export { fuzzCase, figure8Case, applyFuzz, runFuzzCase, type FuzzCase, type FuzzAction, type Figure8Noise } from './fuzz';
