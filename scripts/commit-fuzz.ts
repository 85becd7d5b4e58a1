/**
 * Fuzz the commit core with random crash and partition schedules (not part of CI).
 *
 *   npx tsx scripts/commit-fuzz.ts [--seeds=20000] [--protocol=3pc|2pc] [--partition=0.5] [--participants=3]
 *
 * Prints how many runs broke atomicity (AC1/AC2), how many ended with a participant still in doubt,
 * lock-hold percentiles, and the first violating schedule as JSON ready to paste as a scenario.
 * The 3PC schedule it finds with the defaults is FUZZ_FOUND_3PC in src/sim/commit/scenarios.ts.
 */
import { commitDefaults, participantsOf } from '../src/sim/commit';
import { defaultFaults, lastFault, randomFaults, runTrial } from '../src/sim/commit/faults';
import type { CommitParams } from '../src/sim/commit';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const seeds = Number(args.seeds ?? 20000);
const protocol = (args.protocol ?? '3pc') as CommitParams['protocol'];
const partition = Number(args.partition ?? 0.5);
const participants = Number(args.participants ?? 3);
const params: CommitParams = { ...commitDefaults, protocol, participants };
const faults = { ...defaultFaults, partition };

let violations = 0;
let stuck = 0;
let first: unknown = null;
const holds: number[] = [];
const t0 = performance.now();
for (let seed = 1; seed <= seeds; seed++) {
  const log = randomFaults(seed, params, faults);
  const horizon = Math.max(3000, lastFault(log) + 2000);
  const { world, result } = runTrial({ mechanism: 'commit', seed, params, log }, horizon);
  holds.push(result.maxLockHeld);
  if (result.stuck > 0) stuck++;
  if (result.violated) {
    violations++;
    if (!first) {
      const d = Object.fromEntries(world.nodeIds.map((n) => [n, world.nodes[n].state.decided.map((x) => x.decision).join('→') || '—']));
      first = { seed, params, log, decisions: d };
    }
  }
}
holds.sort((a, b) => a - b);
const q = (f: number): number => Math.round(holds[Math.min(holds.length - 1, Math.floor(f * holds.length))]);
console.log(
  JSON.stringify(
    {
      protocol,
      participants: participantsOf(params).length,
      seeds,
      faults,
      violations,
      violationRate: violations / seeds,
      stuckAtHorizon: stuck,
      lockHeldMs: { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1) },
      firstViolation: first,
      wallSeconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
    },
    null,
    2,
  ),
);
