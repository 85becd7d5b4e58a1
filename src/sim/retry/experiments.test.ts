import { describe, expect, it } from 'vitest';
import { parseExperimentParams, runExperiment } from '../core/experiment';
import { strategies } from './backoff';
import { contentionDefaults, runContention } from './contention';
import { amplificationExperiment, backoffExperiment, metastableExperiment, runSeed } from './experiments';

describe('retry experiments', () => {
  it('backoff: means over runs per strategy and client count, equal to running the model directly', () => {
    const { params } = parseExperimentParams(backoffExperiment, { clients: '3,7', runs: '13' });
    const out = runExperiment(backoffExperiment, params)!;
    expect(Object.keys(out.results)).toEqual([...strategies]);
    for (const s of strategies) {
      expect(out.results[s].map((p) => p.clients)).toEqual([3, 7]);
      let calls = 0;
      for (let r = 0; r < 13; r++) calls += runContention({ ...contentionDefaults, clients: 7, strategy: s }, runSeed(1, 7, r)).calls;
      expect(out.results[s][1]!.calls).toBeCloseTo(calls / 13, 10);
    }
  });
  it('amplification: k³ at the database when every layer retries and the database is down', () => {
    const { params } = parseExperimentParams(amplificationExperiment, { attempts: '3', failRate: '1', requests: '50' });
    const out = runExperiment(amplificationExperiment, params)!;
    const every = out.results.find((r) => r.policy === 'every')!;
    expect(every.database).toBeCloseTo(27, 0);
    expect(out.results.find((r) => r.policy === 'one')!.database).toBe(3);
  });
  it('metastable: without retries the system always recovers; retrying at once stays stuck after a long trigger', () => {
    const { params } = parseExperimentParams(metastableExperiment, { triggerMs: '0,5000', runs: '2', observeMs: '10000' });
    const out = runExperiment(metastableExperiment, params)!;
    expect(out.results.none.map((c) => c.recovered)).toEqual([1, 1]);
    expect(out.results.retry[1]!.recovered).toBe(0);
  });
});
