/** The simulation kernel's public surface. See README.md for how to build a mechanism on it. */
export type * from './types';
export * from './rng';
export * from './dist';
export * from './queue';
export * from './trace';
export * from './network';
export * from './actions';
export type * from './protocol';
export * from './world';
export * from './replay';
export * from './seekableRun';
export * from './clamp';
export * from './experiment';
export * from './workingCopy';
