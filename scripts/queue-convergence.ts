/**
 * Long-run check that the simulated M/M/1 (and M/M/c, M/D/1) mean wait converges to its closed
 * form: many long replications per load, printed as simulated ± 95% CI beside the formula. Run once
 * and report (`npx tsx scripts/queue-convergence.ts [reps] [seconds]`); CI keeps a short version in
 * src/sim/overload/server.test.ts.
 */
import { parseExperimentParams, runExperiment } from '../src/sim/core/experiment';
import { queueExperiment } from '../src/sim/overload/experiments';

const reps = Number(process.argv[2] ?? 20);
const duration = Number(process.argv[3] ?? 2000);
const cases = [
  { servers: 1, arrivalRate: 50, serviceRate: 100, service: 'exp' },
  { servers: 1, arrivalRate: 80, serviceRate: 100, service: 'exp' },
  { servers: 1, arrivalRate: 90, serviceRate: 100, service: 'exp' },
  { servers: 4, arrivalRate: 320, serviceRate: 100, service: 'exp' },
  { servers: 4, arrivalRate: 360, serviceRate: 100, service: 'exp' },
  { servers: 1, arrivalRate: 80, serviceRate: 100, service: 'fixed' },
];
process.stdout.write(`| model | ρ | simulated Wq (ms, ±95% CI) | closed form (ms) | p99 wait (ms) | utilisation | L | λW | requests |\n|---|---|---|---|---|---|---|---|---|\n`);
for (const c of cases) {
  const t0 = performance.now();
  const { params } = parseExperimentParams(queueExperiment, { ...c, reps, duration, warmup: 50, seed: 2026 });
  const r = runExperiment(queueExperiment, params)!.results;
  const rho = c.arrivalRate / (c.servers * c.serviceRate);
  process.stdout.write(`| ${r.closedForm.model} | ${rho} | ${r.meanWait.toFixed(2)} ± ${r.meanWaitCI95.toFixed(2)} | ${r.closedForm.meanWait.toFixed(2)}${r.closedForm.exact ? '' : ' (approx.)'} | ${r.p99Wait.toFixed(1)} | ${r.utilisation.toFixed(4)} | ${r.little.L.toFixed(3)} | ${r.little.lambdaW.toFixed(3)} | ${r.served.toLocaleString('en-US')} |\n`);
  process.stderr.write(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
}
