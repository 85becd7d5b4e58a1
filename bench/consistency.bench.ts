/**
 * Consistency checker timings: every reference history (Jepsen etcd, Knossos, Porcupine), and
 * histories generated from the simulated replicated register with 5 clients at 100, 1,000 and
 * 10,000 operations; plus full classification (all four models, minimal violation) on
 * reader-sized histories, which the lab must answer well under 100 ms.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify } from '../src/sim/consistency/classify';
import { generateHistory, type ReplicationMode } from '../src/sim/consistency/generator';
import { checkLinearizable } from '../src/sim/consistency/linearizability';
import { fromReference, type ReferenceOp } from '../src/sim/consistency/reference';
import { consistencyScenarios } from '../src/sim/consistency/scenarios';
import type { Value } from '../src/sim/consistency/types';
import { minimalViolation } from '../src/sim/consistency/classify';
import { violationFor, verdicts } from '../src/widgets/consistency/selectors';
import type { BenchModule, BenchRow } from './run';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../src/sim/consistency/__fixtures__/reference');

/** Median wall time of `f` over `n` runs, in ms. */
function median(n: number, f: () => void): number {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[Math.floor(n / 2)];
}

const bench: BenchModule = {
  name: 'consistency checker',
  run() {
    const rows: BenchRow[] = [];
    const manifest = JSON.parse(readFileSync(join(fixtures, 'manifest.json'), 'utf8')) as { histories: { file: string; model: 'register' | 'kv'; init: Value; linearizable: boolean; ops: number }[] };
    for (const h of manifest.histories) {
      const hist = fromReference(JSON.parse(readFileSync(join(fixtures, h.file), 'utf8')) as ReferenceOp[], h.model, h.init);
      let verdict = '';
      const ms = median(5, () => void (verdict = checkLinearizable(hist).verdict));
      rows.push({ metric: `linearizability ${h.file} (${h.ops} ops)`, value: ms, unit: 'ms', note: `verdict ${verdict}, expected ${h.linearizable ? 'yes' : 'no'}` });
    }
    for (const n of [100, 1_000, 10_000]) {
      for (const mode of ['leader', 'any-replica'] as ReplicationMode[]) {
        const hist = generateHistory({ mode, clients: 5, opsPerClient: n / 5, lag: 40, timeoutRate: 0, seed: 7 });
        let r = checkLinearizable(hist);
        const ms = median(n >= 10_000 ? 3 : 5, () => void (r = checkLinearizable(hist)));
        rows.push({ metric: `linearizability generated ${hist.ops.length} ops, 5 clients, ${mode}`, value: ms, unit: "ms", note: `verdict ${r.verdict}, ${r.steps} search steps` });
      }
    }
    // What the lab does on every edit: all four models, plus the minimal violation it overlays.
    for (const s of consistencyScenarios) {
      const ms = median(9, () => {
        const c = verdicts(s.history);
        violationFor(s.history, c, c.levels.find((l) => l.holds === false)?.level ?? 'linearizable');
      });
      rows.push({ metric: `lab classify + minimal violation: ${s.id}`, value: ms, unit: 'ms' });
    }
    for (const [clients, per] of [[3, 7], [5, 8]] as const) {
      let worst = 0;
      let seedOfWorst = 0;
      for (let seed = 0; seed < 30; seed++) {
        const h = generateHistory({ mode: 'any-replica', clients, opsPerClient: per, lag: 60, timeoutRate: 0.1, seed });
        const ms = median(3, () => {
          const c = verdicts(h);
          violationFor(h, c, c.levels.find((l) => l.holds === false)?.level ?? 'linearizable');
        });
        if (ms > worst) [worst, seedOfWorst] = [ms, seed];
      }
      rows.push({ metric: `lab classify + minimal violation, worst of 30 generated (${clients * per} ops, ${clients} clients)`, value: worst, unit: 'ms', note: `seed ${seedOfWorst}` });
    }
    // Full classification with minimisation of every failing level (what classify() does by default).
    const big = generateHistory({ mode: 'any-replica', clients: 5, opsPerClient: 8, lag: 60, timeoutRate: 0.1, seed: 3 });
    rows.push({ metric: 'classify (all levels minimised), 40 ops', value: median(3, () => void classify(big)), unit: 'ms' });
    rows.push({ metric: 'minimal linearizability violation, 40 ops', value: median(3, () => void minimalViolation('linearizable', big, 50_000)), unit: 'ms' });
    return rows;
  },
};
export default bench;
