/**
 * Long fuzz of the idempotency invariant (run by hand, not in CI; the CI properties use 1,000 seeds):
 * `npx tsx scripts/idempotency-fuzz.ts [trials=100000] [seed=1] [maxFaults=6]`.
 *
 * For every trial (random fault schedule from src/sim/idempotency/faults.ts) it runs each of the
 * experiment's configurations and checks: with keys, atomic recording and retention ≥ the retry
 * horizon, and for the deduplicating consumer, every operation is applied exactly once and the
 * client ends with the charge that was made; the other configurations are counted, and the first
 * trial that applies something twice is printed so it can be replayed.
 */
import { idemConfigs, runTrial } from '../src/sim/idempotency/experiment';
import { clientOf, effectCounts, paymentViews } from '../src/sim/idempotency';

const trials = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);
const maxFaults = Number(process.argv[4] ?? 6);
const t0 = performance.now();
const out: Record<string, { trials: number; trialsWithDuplicate: number; firstTrial: number; violations: number }> = {};
for (const cfg of idemConfigs) {
  const mustHold = cfg.id === 'key-atomic' || cfg.id === 'consumer-dedup';
  const row = { trials: 0, trialsWithDuplicate: 0, firstTrial: -1, violations: 0 };
  for (let i = 0; i < trials; i++) {
    const r = runTrial(seed, i, cfg, maxFaults);
    row.trials++;
    if (r.duplicated > 0) {
      row.trialsWithDuplicate++;
      if (row.firstTrial < 0) row.firstTrial = i;
    }
    if (!mustHold) continue;
    const ok =
      cfg.mode === 'api'
        ? paymentViews(r.state).every((v) => v.charges.length === 1 && v.payment.status === 'ok' && v.payment.charge === v.charges[0].id) && (clientOf(r.state)?.payments.length ?? 0) > 0
        : effectCounts(r.state).every((c) => c.effects === 1 && c.acked);
    if (!ok) {
      row.violations++;
      if (row.violations <= 3) console.error(`VIOLATION ${cfg.id}: seed ${seed}, trial ${i}`);
    }
  }
  out[cfg.id] = row;
}
console.log(JSON.stringify({ trials, seed, maxFaults, seconds: Math.round((performance.now() - t0) / 100) / 10, results: out }, null, 2));
if (Object.values(out).some((r) => r.violations > 0)) process.exit(1);
