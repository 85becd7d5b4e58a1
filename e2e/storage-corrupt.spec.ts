/**
 * Corrupt storage: garbage, invalid JSON, a huge value and wrong types in every localStorage key the
 * book uses leave every page type working with defaults. One test per key; each bad value is tried
 * on a different page type, so five loads per key cover every value and every page type.
 */
import { expect, test, type Page } from '@playwright/test';
import { PROGRESS_KEY } from '../src/book/progress/progress';
import { THEME_KEY } from '../src/book/theme/theme';
import { routes } from './routes';

test.describe.configure({ mode: 'serial' });

const KEYS = [PROGRESS_KEY, THEME_KEY, 'uds:narration'];
const BAD = ['%%garbage%%', '{"version":1,"chapters":', 'x'.repeat(1_000_000), '{"version":1,"chapters":[1,2],"last":{"a":1}}', '[null,42,"dark",{"rate":"fast","voice":1e309}]'];
const chapter = routes.find((r) => r.path === 'ordering')!;
const PAGES: { path: string; heading: string | RegExp }[] = [
  routes[0],
  chapter,
  routes.find((r) => r.path === 'glossary')!,
  routes.find((r) => r.path === 'labs')!,
  { path: 'no-such-page', heading: /not found/i },
];

let page: Page;
const errors: string[] = [];
test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
});
test.afterAll(async () => page.close());

for (const key of KEYS) {
  test(`corrupt ${key} leaves every page type working`, async () => {
    for (let i = 0; i < PAGES.length; i++) {
      const p = PAGES[i];
      await page.goto(p.path === 'no-such-page' ? p.path : p.path || './');
      await page.evaluate(([k, v]) => {
        localStorage.clear();
        localStorage.setItem(k, v);
      }, [key, BAD[i]] as const);
      await page.reload();
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      await expect(page.locator('h1').first()).toContainText(p.heading);
      expect(['light', 'dark']).toContain(await page.evaluate(() => document.documentElement.dataset.theme));
      if (p === chapter) {
        // A lab still wakes and plays, and scrolling (which records progress) keeps working.
        await page.keyboard.press('Shift');
        await expect(page.locator('[data-hydrated="true"]').first()).toBeVisible({ timeout: 30_000 });
        await page.mouse.wheel(0, 2000);
      }
      expect(errors, `${key} = ${BAD[i].slice(0, 30)} on /${p.path}`).toEqual([]);
    }
  });
}
