#!/usr/bin/env node
// Lighthouse (mobile preset, performance) on built pages, offline, with Debian's Chromium.
// A measurement, not a test. Lighthouse is not a project dependency (it is large and its newest
// major wants Node 22): this runs lighthouse@12 through npx. Serve the build first, compressed like a
// real static host: `node scripts/serve-static.mjs dist 4180 &` (override with PORT).
// Usage: node scripts/lighthouse.mjs [path ...]   (default: a chapter with labs and one without)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['networks', 'retries', 'ordering'];
const dir = mkdtempSync(join(tmpdir(), 'lh-'));
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const port = process.env.PORT ?? '4180';
for (const p of paths) {
  const out = join(dir, `${p || 'index'}.json`);
  execFileSync(
    'npx',
    ['--yes', 'lighthouse@12', `http://127.0.0.1:${port}/${p}`, '--only-categories=performance', '--form-factor=mobile', '--output=json', `--output-path=${out}`, '--quiet',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run'],
    { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chrome } },
  );
  const r = JSON.parse(readFileSync(out, 'utf8'));
  const a = r.audits;
  const ms = (k) => Math.round(a[k].numericValue);
  console.log(`/${p}: performance ${r.categories.performance.score}  FCP ${ms('first-contentful-paint')} ms  LCP ${ms('largest-contentful-paint')} ms  TBT ${ms('total-blocking-time')} ms  CLS ${a['cumulative-layout-shift'].numericValue.toFixed(3)}`);
}
