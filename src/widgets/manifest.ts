/**
 * Every lab in the book, registered once: its definition (`src/widgets/<folder>/definition.ts`).
 * The rest is derived: each lab's scenarios come from its cores, its narration commands are the
 * toolkit's built-ins plus the lab's own. The narration compiler and the content check import this
 * file in Node (no React here), so an unknown widget, scenario or command fails the build.
 * `manifest.test.ts` checks this list against the registry of components (`registry.tsx`).
 */
import { commandNames, scenarioIds, type LabDefinition } from './shared/definition';
import { clockLabDef } from './clocks/definition';
import { commitLabDef } from './commit/definition';
import { consistencyLabDef } from './consistency/definition';
import { idempotencyLabDef } from './idempotency/definition';
import { breakerLabDef } from './breaker/definition';
import { overloadLabDef } from './overload/definition';
import { partitionLabDef } from './partition/definition';
import { quorumLabDef } from './quorum/definition';
import { shardingLabDef } from './sharding/definition';
import { replicationLabDef } from './replication/definition';
import { raftLabDef } from './raft/definition';
import { retryLabDef } from './retry/definition';
import { sagaLabDef } from './saga/definition';
import { timeoutLabDef } from './timeout/definition';
import { serviceLabDef } from './service/definition';

/** Description of one lab for authors, the narration compiler and the content check. */
export interface WidgetManifest {
  /** The MDX tag, e.g. 'RaftLab'. */
  readonly name: string;
  /** Scenario ids, first is the default (from the lab's cores). */
  readonly scenarios: readonly string[];
  /** Every narration command the lab accepts: `load`, `play`, `pause`, `seek`, then the lab's own. */
  readonly commands: readonly string[];
  /** Sub-views a narration cue may frame besides LabFrame's own (the lab's `parts`). */
  readonly parts?: readonly string[];
}

/** Every lab's definition, in the order the book introduces them. Each lab adds one line here. */
export const labDefinitions: readonly LabDefinition[] = [
  partitionLabDef,
  timeoutLabDef,
  retryLabDef,
  idempotencyLabDef,
  breakerLabDef,
  overloadLabDef,
  quorumLabDef,
  shardingLabDef,
  replicationLabDef,
  raftLabDef,
  clockLabDef,
  consistencyLabDef,
  serviceLabDef,
  commitLabDef,
  sagaLabDef,
];

/** A lab's manifest entry, derived from its definition. */
export function manifestOf(def: LabDefinition): WidgetManifest {
  return { name: def.widget, scenarios: scenarioIds(def), commands: commandNames(def), ...(def.parts ? { parts: def.parts } : {}) };
}

/** Every lab in the book. */
export const widgetManifests: readonly WidgetManifest[] = labDefinitions.map(manifestOf);

/** Look up a lab by its MDX tag. */
export function findWidget(name: string): WidgetManifest | undefined {
  return widgetManifests.find((w) => w.name === name);
}

/** Look up a lab's definition by its MDX tag. */
export function findLabDefinition(name: string): LabDefinition | undefined {
  return labDefinitions.find((d) => d.widget === name);
}
