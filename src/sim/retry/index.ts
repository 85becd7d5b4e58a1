/**
 * The retry lab's cores (chapter 4). Three discrete-event models on the kernel's PRNG, queue and
 * trace, each a kernel `Mechanism` with named scenarios:
 *
 * - contention.ts: Brooker, "Exponential Backoff And Jitter" (AWS Architecture Blog, 2015), modelled
 *   exactly as its simulator awslabs/aws-arch-backoff-simulator models it;
 * - amplify.ts: retries multiplying through a call chain (k³), fixed by retrying at one layer or by a
 *   retry budget (Finagle's RetryBudget, gRPC retry throttling, gRFC A6);
 * - metastable.ts: a metastable failure sustained by retries (Bronson et al., HotOS 2021; Huang et
 *   al., OSDI 2022), broken by backoff with jitter, a retry budget or load shedding.
 *
 * See README.md for the models' assumptions and measured results.
 */
export * from './backoff';
export * from './contention';
export * from './amplify';
export * from './metastable';
export * from './experiments';
export { engineMechanism, runInPlace, stepInPlace } from './engine';
