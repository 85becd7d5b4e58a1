/** A widget manifest for narration tests, independent of the real labs' progress. */
import type { ManifestLike } from '../compile/compile.ts';

/** Two labs with the scenarios and commands the fixtures use. */
export const fixtureManifests: readonly ManifestLike[] = [
  {
    name: 'PartitionLab',
    scenarios: ['cp-minority-refuses-write', 'ap-divergent-writes', 'ap-heal-converges', 'cp-heal-catches-up'],
    commands: ['partition', 'heal', 'write', 'read', 'crash', 'seek'],
  },
  { name: 'ClockLab', scenarios: ['lww-loses-write'], commands: ['skew'] },
];
