/**
 * The book's chrome at 1280×800, as a reader who searches finds it (issue 19): search hits are prose
 * sections with stable ids and labs once each, never the page's chrome. One page, serial.
 */
import { test, expect, type Page } from '@playwright/test';
import { chapters } from './routes';

test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await ctx.newPage();
  await page.goto(chapters[1].slug);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
});

test.afterAll(async () => {
  await page.context().close();
});

test('search: "vector clock" gives distinct prose sections and the clock lab once, never chrome', async () => {
  await page.keyboard.press('/');
  const box = page.getByRole('combobox', { name: 'Search the book' });
  await expect(box).toBeFocused();
  await box.fill('vector clock');
  const options = page.getByRole('listbox', { name: 'Results' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  const hits = await options.evaluateAll((els) =>
    els.map((el) => ({
      heading: el.querySelector('.search-hit-heading')?.textContent ?? '',
      chapter: el.querySelector('.search-hit-chapter')?.textContent ?? '',
      excerpt: el.querySelector('.search-hit-excerpt')?.textContent ?? '',
    })),
  );
  expect(hits.length).toBeGreaterThan(1);
  // No two hits are the same section, and none quotes the page chrome or a lab's controls.
  expect(new Set(hits.map((h) => `${h.chapter} ${h.heading}`)).size).toBe(hits.length);
  expect(new Set(hits.map((h) => h.excerpt)).size).toBe(hits.length);
  for (const h of hits) {
    expect(h.excerpt).not.toMatch(/Skip to content|☰|Contents Understanding|Scenario Last writer/);
  }
  expect(hits.filter((h) => h.chapter === 'All labs').map((h) => h.heading)).toEqual([expect.stringMatching(/^Clock lab/)]);
  // The index links to stable ids: no React-generated ids anywhere in it.
  const index = await page.evaluate(() => fetch('search-index.json').then((r) => r.text()));
  expect(index).not.toMatch(/_R_[0-9a-z]+_/);
  expect(index).not.toContain('Skip to content');
  // A hit opens its section.
  const vc = options.filter({ hasText: 'Vector clocks' }).first();
  await vc.click();
  await expect(page).toHaveURL(/\/clocks#vector-clocks$/);
  await expect(page.locator('[id="vector-clocks"]')).toBeInViewport();
});

test('the Labs page links each lab to the chapters that use it', async () => {
  await page.goto('labs');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const section = page.locator('section[aria-labelledby="lab-ClockLab"]');
  const link = section.locator('.labs-used-in').getByRole('link', { name: new RegExp(`chapter ${chapters[1].chapter}, ${chapters[1].title}`) });
  await expect(link).toBeVisible();
  // Every lab names at least one chapter.
  const sections = page.locator('section[aria-labelledby^="lab-"]');
  const n = await sections.count();
  expect(n).toBeGreaterThan(5);
  await expect(page.locator('section[aria-labelledby^="lab-"] > .labs-used-in')).toHaveCount(n);
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chapters[1].title);
});

test('the Glossary has an A–Z index that jumps to each letter', async () => {
  await page.goto('glossary');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const index = page.getByRole('navigation', { name: 'Glossary A to Z' });
  await expect(index).toBeVisible();
  const letters = index.getByRole('link');
  expect(await letters.count()).toBeGreaterThan(10);
  const q = index.getByRole('link', { name: 'Terms starting with Q' });
  await q.click();
  await expect(page).toHaveURL(/#letter-Q$/);
  const first = page.locator('#letter-Q').locator('xpath=ancestor::div[contains(@class,"glossary-entry")]');
  await expect(first.locator('dt')).toHaveText(/^Q/);
  await expect(first).toBeInViewport();
});

test('the cover shows a live five-server Raft election, loaded only once it is in view', async () => {
  const loaded: string[] = [];
  page.on('request', (r) => r.url().includes('CoverRaft') && loaded.push(r.url()));
  await page.goto('');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const pic = page.locator('.cover-raft');
  // The server HTML already draws the five servers (a still ring), so the page reads without script.
  await expect(pic.locator('.cover-raft-node')).toHaveCount(5);
  await expect(pic).toHaveAttribute('data-live', 'true');
  await expect(pic.locator('.cover-raft-leader')).toHaveCount(1, { timeout: 20_000 });
  await expect(pic.locator('.cover-raft-caption')).toHaveText(/^S\d leads$/);
  expect(loaded.length).toBe(1);
});

test('a chapter is marked read only when its end is reached, with partial progress before', async () => {
  await page.goto(chapters[3].slug);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const link = page.locator(`#book-nav a[href$="/${chapters[3].slug}"]`);
  await expect(link).toHaveAttribute('data-visited', 'true');
  await expect(link).not.toHaveAttribute('data-read', /.*/);
  await page.evaluate(() => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
  await expect(link).toHaveAttribute('style', /--read: *(4|5|6)\d%/);
  await expect(link).not.toHaveAttribute('data-read', /.*/);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(link).toHaveAttribute('data-read', 'true');
  await expect(link).toContainText('(read)');
});
