/** SagaLab's experiment worker (imports `serve` directly, keeping React out of the worker). */
import { serveExperiments } from '../shared/experiment/serve';
import { sagaExperiment } from '../../sim/saga';

serveExperiments([sagaExperiment]);
