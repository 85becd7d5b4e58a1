/** ShardingLab's registration: its core, pacing and narration commands (pure; the manifest imports it). */
import { shardingMechanism, shardingScenarios, type ShardingParams, type ShardingState } from '../../sim/sharding';
import { parsed, type LabDefinition } from '../shared/definition';

/** The lab's definition (module constant: the hook keys on its identity). */
export const shardingLabDef: LabDefinition<ShardingState, ShardingParams> = {
  widget: 'ShardingLab',
  mechanisms: [shardingMechanism],
  // No network: the picture changes when membership does, so the step is the wait before the default
  // scenario's membership change (its first logged action).
  hop: () => ({ ms: shardingScenarios[0].log[0]?.at ?? 1000, what: 'wait for a membership change' }),
  duration: () => 1500,
  commands: {
    // add · remove <node>
    add: () => parsed(shardingMechanism, { type: 'shard/add' }, 'add takes no arguments'),
    remove: (args, s) => parsed(shardingMechanism, { type: 'shard/remove', node: args[0] ?? s.layout.removable()[0] }, `remove needs a node (A–L), got "${args[0]}"`),
  },
};
