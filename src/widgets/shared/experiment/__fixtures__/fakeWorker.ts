/**
 * A stand-in for a Web Worker serving experiments, for tests in Node and jsdom: the job runs through
 * the real `handleJob`, and each message reaches the page on a later macrotask, as a real worker's
 * would. `terminate()` drops every message not yet delivered, as a real termination does.
 */
import type { Experiment } from '../../../../sim/core';
import { handleJob } from '../serve';
import type { ExperimentJob, ExperimentMessage } from '../protocol';

/** Every fake worker created, for assertions. */
export const created: FakeWorker[] = [];

/** The fake worker. */
export class FakeWorker {
  onmessage: ((e: MessageEvent<ExperimentMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  delivered = 0;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any experiment
  constructor(private readonly experiments: readonly Experiment<any, any>[]) {
    created.push(this);
  }
  postMessage(job: ExperimentJob): void {
    const queue: ExperimentMessage[] = [];
    let clock = 0;
    // Every unit posts progress (the clock moves 100 ms per unit), so a test can cancel between units.
    handleJob(this.experiments, job, (m) => queue.push(structuredClone(m)), () => (clock += 100));
    const deliver = (k: number) => {
      if (this.terminated || k >= queue.length) return;
      this.delivered++;
      this.onmessage?.({ data: queue[k] } as MessageEvent<ExperimentMessage>);
      setTimeout(() => deliver(k + 1), 0);
    };
    setTimeout(() => deliver(0), 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}
