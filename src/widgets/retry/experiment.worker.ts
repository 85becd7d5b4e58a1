/// <reference lib="webworker" />
/** The RetryLab's experiment worker: serves the three retry experiments (see src/widgets/shared/experiment). */
import { serveExperiments } from '../shared/experiment/serve';
import { amplificationExperiment, backoffExperiment, metastableExperiment } from '../../sim/retry';

serveExperiments([backoffExperiment, amplificationExperiment, metastableExperiment]);
