#!/usr/bin/env node
// `npm test`: every test the project has, in the order that fails fastest:
// type check → lint → unit and property tests (Vitest) → static build → end-to-end tests (Playwright,
// against the built site in Chromium). Every step runs even if an earlier one failed, so one run
// reports everything; the exit code is non-zero if any step failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

// Playwright also writes a JSON report, so the summary at the very end can name each failed test
// and its first error lines: CI logs are often read from the tail only.
const E2E_REPORTS = { e2e: 'test-results/e2e-report.json', 'base-path': 'test-results/base-path-report.json' };
// Vitest writes one too, for the same reason: a unit failure 400 lines above the summary is easy to miss.
const UNIT_REPORT = 'test-results/unit-report.json';

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
  // The simulation cores on their own, without the DOM's types (src/sim/tsconfig.json).
  ['typecheck-sim', 'npx', ['tsc', '--noEmit', '-p', 'src/sim']],
  // The architecture's boundaries (eslint.config.js; scripts/lint.test.ts proves they bite).
  ['lint', 'npx', ['eslint', '.']],
  ['unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${UNIT_REPORT}`]],
  ['build', 'npm', ['run', 'build']],
  ['e2e', 'npx', ['playwright', 'test', '--reporter=list,json']],
  // A second build under a path prefix, checked by its own small Playwright spec.
  ['base-path', 'sh', ['-c', 'OUT_DIR=dist-base BASE_PATH=/some/prefix/ npm run build && OUT_DIR=dist-base BASE_PATH=/some/prefix/ E2E_PORT=4174 npx playwright test --reporter=list,json']],
];
const only = process.argv.slice(2);
const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  if ((name === 'e2e' || name === 'base-path') && results.some((r) => r.name === 'build' && !r.ok)) {
    results.push({ name, ok: false, secs: 0, note: 'skipped: the build failed' });
    continue;
  }
  console.log(`\n── ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const report = E2E_REPORTS[name];
  if (report) rmSync(report, { force: true });
  if (name === 'unit') rmSync(UNIT_REPORT, { force: true });
  const env = report ? { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report } : process.env;
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  const failures = report ? e2eFailures(report) : name === 'unit' && r.status !== 0 ? unitFailures(UNIT_REPORT) : [];
  results.push({ name, ok: r.status === 0, secs: (Date.now() - t0) / 1000, failures });
}

/** First error lines of an ANSI-coloured message, for the summary. */
function firstLines(msg) {
  // eslint-disable-next-line no-control-regex
  return msg.replace(/\u001b\[[0-9;]*m/g, '').split('\n').filter(Boolean).slice(0, 6).join('\n      ');
}

/** A JSON report, or the line to print instead when it is missing or unreadable. */
function readReport(file, missing) {
  if (!existsSync(file)) return { problem: missing };
  try {
    return { json: JSON.parse(readFileSync(file, 'utf8')) };
  } catch {
    return { problem: `(could not read ${file})` };
  }
}

/** Failed Vitest tests (and files that failed to load) in its JSON report, each with its first error lines. */
function unitFailures(file) {
  const { json, problem } = readReport(file, `(no ${file}: Vitest did not get as far as writing it)`);
  if (!json) return [problem];
  const out = [];
  for (const suite of json.testResults ?? []) {
    const rel = String(suite.name ?? '').replace(process.cwd() + '/', '');
    const failed = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failed) out.push(`failed: ${t.fullName ?? t.title} (${rel})\n      ${firstLines((t.failureMessages ?? []).join('\n'))}`);
    if (!failed.length && suite.status === 'failed') out.push(`failed: ${rel}\n      ${firstLines(suite.message ?? '')}`);
  }
  // A test fork that dies (out of memory, say) is an unhandled error, not a failed test: the log above has it.
  return out.length ? out : ['(Vitest exited non-zero but its report names no failed test: look above for "Unhandled Error", e.g. a test fork that crashed)'];
}

/** Failed or flaky Playwright tests in a JSON report, each with its first error lines. */
function e2eFailures(file) {
  const { json, problem } = readReport(file, null);
  if (!json) return problem ? [problem] : [];
  const out = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'expected' || test.status === 'skipped') continue;
        const err = test.results?.find((x) => x.error)?.error?.message ?? '';
        out.push(`${test.status}: ${[...path, spec.title].join(' › ')} (${spec.file}:${spec.line})\n      ${firstLines(err)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title].filter((t) => t && !t.endsWith('.ts')));
  };
  for (const s of json.suites ?? []) walk(s, []);
  return out;
}
console.log('\n── summary');
for (const r of results) {
  console.log(`${r.ok ? 'pass' : 'FAIL'}  ${r.name.padEnd(10)} ${r.secs.toFixed(1)} s${r.note ? '  ' + r.note : ''}`);
  for (const f of r.failures ?? []) console.log(`    ${f}`);
}
const failed = results.filter((r) => !r.ok).length;
process.exit(failed ? 1 : 0);
