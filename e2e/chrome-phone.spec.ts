/**
 * The book's chrome on a phone (375×667), where issue 19 found it failing: the Contents drawer by
 * keyboard and by tap, the glossary popover by tap, and result tables shown in full. One page, serial.
 */
import { test, expect, type Page } from '@playwright/test';
import { chapters } from './routes';

test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });
  page = await ctx.newPage();
  await page.goto(chapters[1].slug);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
});

test.afterAll(async () => {
  await page.context().close();
});

const drawer = () => page.getByRole('dialog', { name: 'Contents' });
const toggle = () => page.getByRole('button', { name: 'Contents', exact: true });

test('the Contents drawer by keyboard: focus moves in, is trapped, Escape closes and focus returns', async () => {
  await toggle().focus();
  await page.keyboard.press('Enter');
  await expect(drawer()).toBeVisible();
  const close = drawer().getByRole('button', { name: 'Close contents' });
  await expect(close).toBeFocused();
  // The drawer spans the viewport from its top, and scrolls on its own so the last links are reachable.
  const box = (await drawer().boundingBox())!;
  expect(box.y).toBe(0);
  expect(box.height).toBeLessThanOrEqual(667);
  const scrolls = await drawer().evaluate((el) => el.scrollHeight > el.clientHeight && getComputedStyle(el).overflowY === 'auto');
  expect(scrolls).toBe(true);
  // Tab through every control: focus never leaves the drawer and wraps around.
  const count = await drawer().locator('a[href], button').count();
  for (let i = 0; i < count + 2; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('#book-nav'))).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('#book-nav'))).toBe(true);
  // "Glossary" (the last link) is reachable: focusing it scrolls it into the drawer's view.
  const glossary = drawer().getByRole('link', { name: 'Glossary' });
  await glossary.focus();
  await expect(glossary).toBeInViewport();
  // The page behind is inert while the drawer is open.
  expect(await page.locator('main').getAttribute('inert')).not.toBeNull();
  await page.keyboard.press('Escape');
  await expect(drawer()).toBeHidden();
  await expect(toggle()).toBeFocused();
  expect(await page.locator('main').getAttribute('inert')).toBeNull();
});

test('the Contents drawer by tap: the close button and the backdrop close it, a link navigates', async () => {
  await toggle().tap();
  await expect(drawer()).toBeVisible();
  await drawer().getByRole('button', { name: 'Close contents' }).tap();
  await expect(drawer()).toBeHidden();
  await toggle().tap();
  await expect(drawer()).toBeVisible();
  // The backdrop shows to the right of the drawer; a tap there closes it.
  await page.touchscreen.tap(360, 400);
  await expect(drawer()).toBeHidden();
  await toggle().tap();
  const glossary = drawer().getByRole('link', { name: 'Glossary' });
  await glossary.scrollIntoViewIfNeeded();
  await glossary.tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glossary');
  await expect(drawer()).toBeHidden();
  await page.goto(chapters[1].slug);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
});

test('result tables show in full on a phone: no scroll box hides a row', async () => {
  const lab = page.locator('[data-lab="ClockLab"]').first();
  await lab.scrollIntoViewIfNeeded();
  await expect(lab).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
  const boxes = await lab.evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('.lab-table-wrap, .lab-result-list')]
      .filter((b) => !b.closest('.lab-views') && b.getClientRects().length)
      .map((b) => ({ label: b.getAttribute('aria-label'), hidden: b.scrollHeight - b.clientHeight })),
  );
  expect(boxes.length).toBeGreaterThan(0);
  for (const b of boxes) expect(b.hidden, String(b.label)).toBeLessThanOrEqual(1);
  // The hybrid logical clock's column is on the page, not hidden inside a box.
  await expect(lab.getByRole('columnheader', { name: 'HLC' }).first()).toBeVisible();
});

test('tapping a glossary term opens its definition in place; a tap elsewhere closes it', async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  const term = page.locator('.prose a.term').first();
  const tip = page.locator('.prose .term-wrap').first().getByRole('tooltip');
  const url = page.url();
  await term.scrollIntoViewIfNeeded();
  await term.tap();
  await expect(tip).toBeVisible();
  expect(page.url()).toBe(url);
  // The definition sits on the screen, not off its edge.
  const box = (await tip.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  await page.locator('.prose h2').first().tap();
  await expect(tip).toBeHidden();
  // A tap on an open term follows it to the glossary.
  await term.tap();
  await expect(tip).toBeVisible();
  await term.tap();
  await expect(page).toHaveURL(/\/glossary#/);
  await page.goto(chapters[1].slug);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
});
