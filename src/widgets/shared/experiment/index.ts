/** The shared experiment runner for labs (see README.md). */
export { serveExperiments, handleJob } from './serve';
export { startExperiment, type RunningExperiment, type StartOptions, type WorkerFactory } from './run';
export { useExperiment, type ExperimentState, type ExperimentStatus, type UseExperimentOptions } from './useExperiment';
export { ExperimentPanel, type ExperimentPanelProps } from './ExperimentPanel';
export { assembleParts, defaultPoolSize, shareUnits, unitShares, type ExperimentJob, type ExperimentMessage, type UnitShare } from './protocol';
