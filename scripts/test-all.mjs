#!/usr/bin/env node
// `npm test`: every test the project has, in the order that fails fastest:
// type check → unit and property tests (Vitest) → static build → end-to-end tests (Playwright,
// against the built site in Chromium). Every step runs even if an earlier one failed, so one run
// reports everything; the exit code is non-zero if any step failed.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['unit', 'npx', ['vitest', 'run']],
  ['build', 'npm', ['run', 'build']],
  ['e2e', 'npx', ['playwright', 'test']],
  // A second build under a path prefix, checked by its own small Playwright spec.
  ['base-path', 'sh', ['-c', 'OUT_DIR=dist-base BASE_PATH=/some/prefix/ npm run build && OUT_DIR=dist-base BASE_PATH=/some/prefix/ E2E_PORT=4174 npx playwright test']],
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
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  results.push({ name, ok: r.status === 0, secs: (Date.now() - t0) / 1000 });
}
console.log('\n── summary');
for (const r of results) console.log(`${r.ok ? 'pass' : 'FAIL'}  ${r.name.padEnd(10)} ${r.secs.toFixed(1)} s${r.note ? '  ' + r.note : ''}`);
const failed = results.filter((r) => !r.ok).length;
process.exit(failed ? 1 : 0);
