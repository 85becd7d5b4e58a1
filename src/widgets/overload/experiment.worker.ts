/** OverloadLab's experiment worker (imports `serve` directly, keeping React out of the worker). */
import { serveExperiments } from '../shared/experiment/serve';
import { queueExperiment, sheddingExperiment } from '../../sim/overload';

serveExperiments([queueExperiment, sheddingExperiment]);
