/**
 * The Content-Security-Policy (a <meta http-equiv> in every page, built by scripts/build.ts) holds
 * on every route: one page walks them all, wakes the labs with a key press, and fails on any
 * `securitypolicyviolation` event or any request to another origin.
 */
import { expect, test } from '@playwright/test';
import { routes } from './routes';

test('every route loads under its CSP with no violation and no request to another origin', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin) foreign.push(r.url());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  for (const r of routes) {
    await page.goto(r.path);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self' 'sha256-/);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    // Wake every lab (code, stylesheets, workers) the way a reader's first key does.
    await page.keyboard.press('Shift');
    await page.waitForLoadState('networkidle');
    const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect(violations, `CSP violations on /${r.path}`).toEqual([]);
  }
  expect(foreign).toEqual([]);
});
