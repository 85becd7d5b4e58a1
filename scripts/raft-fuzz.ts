/**
 * Fuzz the Raft core: N random fault schedules (crashes, restarts, partitions incl. minority
 * leaders, forced timeouts, reader drops, network loss and duplication, client writes) and check
 * Figure 3's four safety properties after every event. Prints a summary; exits 1 on any violation
 * and prints the failing seeds so they can become named regression tests.
 *
 *   npx tsx scripts/raft-fuzz.ts [seeds=100000] [first=1] [--broken] [--figure8]
 *
 * --broken commits earlier-term entries by counting replicas (the bug of the paper's Figure 8);
 * --figure8 draws perturbed Figure 8 schedules (figure8Case) instead of uniform random faults.
 */
import { figure8Case, fuzzCase, runFuzzCase } from '../src/sim/raft/fuzz';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const broken = process.argv.includes('--broken');
const aimed = process.argv.includes('--figure8');
const n = Number(args[0] ?? 100_000);
const first = Number(args[1] ?? 1);
const t0 = performance.now();
const failing: { seed: number; invariant: string; message: string }[] = [];
let leaders = 0;
let commits = 0;
let actions = 0;
for (let seed = first; seed < first + n; seed++) {
  const c = aimed ? figure8Case(seed) : fuzzCase(seed);
  actions += c.log.length;
  const s = runFuzzCase(c, { recordTrace: false, brokenCommit: broken });
  leaders += Object.keys(s.monitor.leaders).length;
  commits += s.monitor.committed.length;
  if (s.monitor.violations.length > 0) {
    const v = s.monitor.violations[0];
    failing.push({ seed, invariant: v.invariant, message: v.message });
  }
  if ((seed - first + 1) % 10_000 === 0) {
    process.stdout.write(`${seed - first + 1} seeds, ${failing.length} failing, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
}
const secs = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify(
    {
      seeds: n,
      first,
      brokenCommit: broken,
      schedules: aimed ? 'figure8' : 'uniform',
      failing: failing.length,
      firstFailures: failing.slice(0, 10),
      leadersElectedPerRun: +(leaders / n).toFixed(2),
      entriesCommittedPerRun: +(commits / n).toFixed(2),
      faultActionsPerRun: +(actions / n).toFixed(2),
      seconds: +secs.toFixed(1),
    },
    null,
    2,
  ),
);
process.exit(failing.length > 0 && !broken ? 1 : 0);
