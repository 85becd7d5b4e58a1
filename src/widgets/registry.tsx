/**
 * MDX tag → lab component. Labs are lazy so each lab's code (and D3) loads only on pages that use
 * it; each sits in its own error boundary and Suspense boundary so one lab can never blank a chapter.
 * Server prerendering waits for the lazy modules, so the HTML holds each lab's poster frame; in the
 * browser a lab's code loads when it is needed (see whenNeeded.ts), keeping that poster until then.
 */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { ErrorBoundary } from '../book/ErrorBoundary';
import { deferred } from './whenNeeded';

/** Props every lab accepts. */
export interface LabProps {
  readonly scenario?: string;
  readonly id?: string;
  readonly caption?: string;
  /** RaftLab only: show the experiments panel (one instance per chapter; default false). */
  readonly experiments?: boolean;
}

type LazyLab = LazyExoticComponent<ComponentType<LabProps>>;

/** Registered labs. Each lab's owner adds one line here. */
const labs: Record<string, LazyLab> = {
  ClockLab: lazy(deferred('ClockLab', () => import('./clocks/ClockLab'))),
  ConsistencyLab: lazy(deferred('ConsistencyLab', () => import('./consistency/ConsistencyLab'))),
  PartitionLab: lazy(deferred('PartitionLab', () => import('./partition/PartitionLab'))),
  TimeoutLab: lazy(deferred('TimeoutLab', () => import('./timeout/TimeoutLab'))),
  QuorumLab: lazy(deferred('QuorumLab', () => import('./quorum/QuorumLab'))),
  RaftLab: lazy(deferred('RaftLab', () => import('./raft/RaftLab'))),
  WorkloadChooser: lazy(deferred('WorkloadChooser', () => import('./tradeoffs/WorkloadChooser'))),
};

function slot(name: string, Lab: LazyLab) {
  function LabSlot(props: LabProps) {
    return (
      <div className="lab-slot" data-lab-slot={name}>
        <ErrorBoundary label={`The ${name.replace(/Lab$/, ' lab')}`}>
          <Suspense fallback={<div className="lab-loading">Loading the {name.replace(/Lab$/, ' lab')}…</div>}>
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
  Object.entries(labs).map(([name, Lab]) => [name, slot(name, Lab)]),
);

/** Names of every registered lab. */
export const labNames: readonly string[] = Object.keys(labs);
