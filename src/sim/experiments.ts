/**
 * Every experiment in the book, by id: the registry `npm run experiment` reads
 * (scripts/experiment.ts). Each lab's owner adds one line. Labs import their own experiments
 * directly, never this file, so a lab's worker does not bundle every other core.
 */
import type { Experiment } from './core/experiment';
import { idempotencyExperiment } from './idempotency/experiment';
import { pbsExperiment } from './quorum/experimentDefs';
import { amplificationExperiment, backoffExperiment, metastableExperiment } from './retry/experiments';
import { breakerExperiment } from './breaker/experiment';
import { queueExperiment, sheddingExperiment } from './overload/experiments';
import { figure16Experiment, splitVoteExperiment } from './raft/experimentDefs';
import { commitExperiment } from './commit/experiment';
import { sagaExperiment } from './saga/experiment';
import { fanoutExperiment } from './service/fanoutExperiment';
import { outboxExperiment } from './service/outboxExperiment';
import { ringExperiment, schemesExperiment } from './sharding';
import { failoverExperiment } from './replication';

/** All registered experiments, in the book's order. */
export const experiments: readonly Experiment<any, any>[] = [
  // Lab owners: one line each, e.g. `backoffExperiment,` imported from './retry'.
  idempotencyExperiment,
  backoffExperiment,
  amplificationExperiment,
  metastableExperiment,
  pbsExperiment,
  figure16Experiment,
  splitVoteExperiment,
  breakerExperiment,
  queueExperiment,
  sheddingExperiment,
  ringExperiment,
  schemesExperiment,
  failoverExperiment,
  commitExperiment,
  sagaExperiment,
  fanoutExperiment,
  outboxExperiment,
];

/** Look up an experiment by id. */
export function findExperiment(id: string): Experiment<any, any> | undefined {
  return experiments.find((e) => e.id === id);
}
