import { test, expect } from '@playwright/test';
import { chapters } from './routes';

// Run by `npm test` (step "base-path") against a build made with BASE_PATH=/some/prefix/.
const base = process.env.BASE_PATH!;

// The service worker is allowed here (the suite blocks it elsewhere): it must register under the prefix too.
test.use({ serviceWorkers: 'allow' });

test('the site works under a path prefix', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  const res = await page.goto(chapters[0].slug);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chapters[0].title);
  // Every internal link in the HTML carries the prefix.
  const hrefs = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(hrefs.length).toBeGreaterThan(10);
  // (React Router writes the home link as the prefix without its trailing slash.)
  expect(hrefs.filter((h) => !h.startsWith(base) && h !== base.replace(/\/$/, ''))).toEqual([]);
  // Client-side navigation stays under the prefix.
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.locator('.pager-next').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chapters[1].title);
  expect(new URL(page.url()).pathname).toBe(`${base}${chapters[1].slug}`);
  // Search loads its index from under the prefix.
  await page.keyboard.press('/');
  await page.getByRole('combobox', { name: 'Search the book' }).fill('quorum');
  await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('option').first()).toBeVisible();
  expect(problems).toEqual([]);
  // Unknown paths under the prefix get the 404 page (the browser logs the 404 itself, so stop watching).
  const nf = await page.goto('definitely-not-a-page');
  expect(nf?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});
