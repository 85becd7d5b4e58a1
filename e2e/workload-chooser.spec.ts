import { test, expect } from '@playwright/test';
import { axe } from './axe';

// Chapter 10's "choose your workload" table (src/widgets/tradeoffs): readable without JavaScript,
// usable by keyboard alone, announces its result politely, fits a 360 px screen, axe-clean in both themes.
const PATH = 'trade-offs';
const TOTAL = 7;

test('the full strategy table is in the HTML without JavaScript', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PATH);
  await expect(page.locator('.wc tbody tr')).toHaveCount(TOTAL);
  await expect(page.locator('.wc [role="status"]')).toHaveText(`All ${TOTAL} strategies match.`);
  await ctx.close();
});

test('keyboard alone filters the table and the live region announces the count', async ({ page }) => {
  await page.goto(PATH);
  const access = page.getByLabel('Access pattern');
  await expect(access).toBeVisible();
  // Labs load near the viewport or on the first interaction (src/widgets/whenNeeded.ts): once the
  // page is interactive, a harmless key press wakes this one; then wait for React's props on the select.
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.keyboard.press('Shift');
  await page.waitForFunction(() => {
    const el = document.querySelector('.wc select');
    return !!el && Object.keys(el).some((k) => k.startsWith('__reactProps'));
  });
  await access.focus();
  await page.keyboard.press('ArrowDown'); // key-value
  await page.keyboard.press('ArrowDown'); // multi-record transactions
  await page.keyboard.press('ArrowDown'); // append-only stream
  await expect(page.locator('.wc [aria-live="polite"]')).toHaveText(`1 of ${TOTAL} strategy matches.`);
  await expect(page.locator('.wc tbody tr')).toHaveCount(1);
  await expect(page.locator('.wc tbody tr')).toHaveAttribute('data-strategy', 'partitioned-log');
  // Tab reaches Reset; Enter restores every row.
  await page.getByRole('button', { name: 'Reset' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.wc tbody tr')).toHaveCount(TOTAL);
});

for (const theme of ['light', 'dark'] as const) {
  test(`fits 360 px and is axe-clean in the ${theme} theme`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(PATH);
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    const box = await page.locator('.wc').boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(360);
    const results = await axe(page, '.wc');
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });
}
