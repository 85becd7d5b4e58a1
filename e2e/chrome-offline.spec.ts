/**
 * Reading offline and printing (issue 19): after a first visit the service worker has saved the book,
 * so a reload with the network off still shows the chapter; the print stylesheet shows the text, labs
 * as their poster frame with its description and no controls, and link targets. Also the manifest,
 * the social card tags and the sitemap. One page, serial.
 */
import { test, expect, type Page } from '@playwright/test';
import { chapters } from './routes';

test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
  page = await ctx.newPage();
  await page.goto(chapters[1].slug);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
});

test.afterAll(async () => {
  await page.context().close();
});

test('head: manifest, theme colour and social card tags for the chapter', async () => {
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', /manifest\.webmanifest$/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', new RegExp(chapters[1].title));
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  await expect(page.locator('meta[property="og:description"]')).toHaveAttribute('content', /^.{40,}$/);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary');
  const manifest = await page.evaluate(() => fetch(document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href).then((r) => r.json()));
  expect(manifest.start_url).toBe('/');
  expect(manifest.icons.length).toBeGreaterThan(0);
  const sitemap = await page.evaluate(() => fetch('/sitemap.xml').then((r) => r.text()));
  for (const c of chapters) expect(sitemap).toContain(`/${c.slug}</loc>`);
});

test('printing: text and lab posters with their description, no chrome or controls, link targets shown', async () => {
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.locator('.pager')).toBeHidden();
  const lab = page.locator('.lab-slot').first();
  await expect(lab.locator('.lab-title')).toBeVisible();
  await expect(lab.locator('.lab-description').first()).toBeVisible();
  await expect(lab.locator('.lab-picture').first()).toBeVisible();
  await expect(lab.locator('.lab-controls')).toBeHidden();
  await expect(lab.locator('select').first()).toBeHidden();
  const after = await page.locator('.prose a[href]:not(.term):not(.cite):not(.heading-anchor)').first().evaluate((a) => getComputedStyle(a, '::after').content);
  expect(after).toContain('(');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.site-header')).toBeVisible();
});

test('offline: after the first visit, a reload with the network off still shows the book', async () => {
  // The worker registers after load and precaches every page and asset; wait until it is active.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => caches.keys().then((k) => k.filter((n) => n.startsWith('uds-')).length))).toBe(1);
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chapters[1].title);
  // Another chapter, never opened, reads offline too, and its labs' code comes from the cache.
  await page.goto(chapters[0].slug);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chapters[0].title);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.context().setOffline(false);
});
