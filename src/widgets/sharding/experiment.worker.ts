/** ShardingLab's experiment worker (imports `serve` directly, keeping React out of the worker). */
import { serveExperiments } from '../shared/experiment/serve';
import { ringExperiment, schemesExperiment } from '../../sim/sharding';

serveExperiments([ringExperiment, schemesExperiment]);
