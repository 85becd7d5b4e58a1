/** The IdempotencyLab's experiment worker (imports `serve` directly, keeping React out of the worker). */
import { serveExperiments } from '../shared/experiment/serve';
import { idempotencyExperiment } from '../../sim/idempotency';

serveExperiments([idempotencyExperiment]);
