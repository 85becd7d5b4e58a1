/// <reference lib="webworker" />
/** ServiceLab's experiment worker: serves the fan-out and outbox experiments (see src/widgets/shared/experiment). */
import { serveExperiments } from '../shared/experiment/serve';
import { fanoutExperiment, outboxExperiment } from '../../sim/service';

serveExperiments([fanoutExperiment, outboxExperiment]);
