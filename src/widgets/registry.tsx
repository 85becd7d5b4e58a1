/**
 * MDX tag → lab component. Labs are lazy so each lab's code (and D3) loads only on pages that use
 * it; each sits in its own error boundary and Suspense boundary so one lab can never blank a chapter.
 * Server prerendering waits for the lazy modules, so the HTML holds each lab's poster frame; in the
 * browser a lab's code loads when it is needed (see whenNeeded.ts), keeping that poster until then.
 */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { ErrorBoundary } from '../book/ErrorBoundary';
import type { LabProps } from './shared/definition';
import { deferred } from './whenNeeded';

type LazyLab = LazyExoticComponent<ComponentType<LabProps>>;

/**
 * Registered labs: MDX tag → its component, loaded lazily. Each lab adds one line here and one in
 * manifest.ts (manifest.test.ts checks that the two agree). The import must be the file
 * `./<folder>/<Tag>.tsx`: the prerender finds a lab's stylesheet by that name (also checked).
 */
const labs: Record<string, LazyLab> = {
  // In the order the book introduces them (the /labs page lists them so).
  PartitionLab: lazy(deferred('PartitionLab', () => import('./partition/PartitionLab'))),
  TimeoutLab: lazy(deferred('TimeoutLab', () => import('./timeout/TimeoutLab'))),
  RetryLab: lazy(deferred('RetryLab', () => import('./retry/RetryLab'))),
  IdempotencyLab: lazy(deferred('IdempotencyLab', () => import('./idempotency/IdempotencyLab'))),
  BreakerLab: lazy(deferred('BreakerLab', () => import('./breaker/BreakerLab'))),
  OverloadLab: lazy(deferred('OverloadLab', () => import('./overload/OverloadLab'))),
  QuorumLab: lazy(deferred('QuorumLab', () => import('./quorum/QuorumLab'))),
  ShardingLab: lazy(deferred('ShardingLab', () => import('./sharding/ShardingLab'))),
  ReplicationLab: lazy(deferred('ReplicationLab', () => import('./replication/ReplicationLab'))),
  RaftLab: lazy(deferred('RaftLab', () => import('./raft/RaftLab'))),
  ClockLab: lazy(deferred('ClockLab', () => import('./clocks/ClockLab'))),
  ConsistencyLab: lazy(deferred('ConsistencyLab', () => import('./consistency/ConsistencyLab'))),
  ServiceLab: lazy(deferred('ServiceLab', () => import('./service/ServiceLab'))),
  CommitLab: lazy(deferred('CommitLab', () => import('./commit/CommitLab'))),
  SagaLab: lazy(deferred('SagaLab', () => import('./saga/SagaLab'))),
};

/** Interactive figures that are not labs (no core, no narration commands, not on /labs); same file rule. */
const figures: Record<string, LazyLab> = {
  WorkloadChooser: lazy(deferred('WorkloadChooser', () => import('./tradeoffs/WorkloadChooser'))),
};

/** "PartitionLab" → "Partition lab"; "WorkloadChooser" → "workload chooser". */
const readable = (name: string) => (/Lab$/.test(name) ? name.replace(/Lab$/, ' lab') : name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());

function slot(name: string, Lab: LazyLab) {
  function LabSlot(props: LabProps) {
    return (
      <div className="lab-slot" data-lab-slot={name}>
        <ErrorBoundary label={`The ${readable(name)}`} retryLabel={/Lab$/.test(name) ? 'Reset the lab' : 'Try again'} note="The chapter text explains what it shows.">
          <Suspense fallback={<div className="lab-loading">Loading the {readable(name)}…</div>}>
            <Lab {...props} />
          </Suspense>
        </ErrorBoundary>
      </div>
    );
  }
  LabSlot.displayName = `LabSlot(${name})`;
  return LabSlot;
}

/** Lab components for the MDX registry, each wrapped in its boundaries. */
export const labComponents: Record<string, ComponentType<LabProps>> = Object.fromEntries(
  Object.entries({ ...labs, ...figures }).map(([name, Lab]) => [name, slot(name, Lab)]),
);

/** Names of every registered lab (in manifest.ts too), without the figures. */
export const labNames: readonly string[] = Object.keys(labs);
