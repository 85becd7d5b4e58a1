/**
 * How services talk: the core of the service lab (chapter 11).
 *
 * - Synchronous call chains, and giving up: per-hop fixed timeouts against a deadline propagated
 *   with the call, as gRPC does ("Deadlines", grpc.io; the grpc-timeout header).
 * - A message broker with at-least-once delivery, visibility timeouts, redelivery, consumer lag and a
 *   dead-letter queue (the SQS/RabbitMQ model).
 * - Dual write against the transactional outbox and change data capture (Chris Richardson,
 *   "Pattern: Transactional outbox", microservices.io, and "Microservices Patterns", Manning 2018).
 * - The tail at scale: fan-out, hedged and tied requests (Jeffrey Dean & Luiz André Barroso,
 *   "The Tail at Scale", Communications of the ACM 56(2), 2013).
 *
 * The chain, queue and outbox are plain kernel protocols with their parameters spelled out, so the
 * capstone (chapter 14) can compose them; the fan-out is a model on the kernel's PRNG.
 */
export * from './chain';
export * from './broker';
export * from './outbox';
export * from './leaf';
export * from './fanout';
export * from './fanoutMechanism';
export * from './scenarios';
export { fanoutExperiment, PAPER_BIGTABLE, type FanoutResult, type SlowPoint } from './fanoutExperiment';
export { outboxExperiment, crashSchedule, runOutboxTrial, type OutboxResult, type ModeTotals } from './outboxExperiment';
