/**
 * `npm run experiment -- <id> [--name=value …]`: run one lab experiment headless, on the same pure
 * core the lab's Web Worker runs, and print one JSON object `{ experiment, params, results }`.
 * `npm run experiment -- --list` prints every id with its parameters. Progress goes to stderr so
 * stdout stays valid JSON; bad parameters are clamped and reported on stderr, never fatal.
 */
import { parseExperimentParams, runExperiment } from '../src/sim/core/experiment';
import { experiments, findExperiment } from '../src/sim/experiments';

const args = process.argv.slice(2);

if (args.length === 0 || args.includes('--list') || args.includes('--help')) {
  const list = experiments.map((e) => ({
    id: e.id,
    title: e.title,
    doc: e.doc,
    params: e.params.map((p) => ({ name: p.name, kind: p.kind, default: p.default, min: p.min, max: p.max, choices: p.choices, doc: p.doc })),
  }));
  process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
  process.exit(args.length === 0 ? 2 : 0);
}

const id = args.find((a) => !a.startsWith('--'));
const exp = id ? findExperiment(id) : undefined;
if (!exp) {
  process.stderr.write(`unknown experiment "${id ?? ''}"; known: ${experiments.map((e) => e.id).join(', ')}\n`);
  process.exit(2);
}

const raw: Record<string, string> = {};
for (const a of args) {
  const m = /^--([^=]+)=(.*)$/.exec(a);
  if (m) raw[m[1]!] = m[2]!;
  else if (a.startsWith('--')) raw[a.slice(2)] = 'true';
}
const { params, problems } = parseExperimentParams(exp, raw);
for (const p of problems) process.stderr.write(`warning: ${p}\n`);

let lastPct = -1;
const t0 = performance.now();
const out = runExperiment(exp, params, {
  progress(done, total) {
    const pct = Math.floor((100 * done) / total);
    if (process.stderr.isTTY && pct !== lastPct) process.stderr.write(`\r${exp.id}: ${pct}%`);
    lastPct = pct;
  },
});
if (process.stderr.isTTY) process.stderr.write(`\r${exp.id}: done in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
