import { expect, test, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, expectPoster, ready, withoutJavaScript } from './helpers';

// ConsistencyLab (src/widgets/consistency) on the built Chapter 3 page: poster frames without
// JavaScript, dragging and keyboard editing, generation, copy-link round trip, broken links,
// 360 px and axe in both themes.
const PATH = 'ordering';
const STALE = '#stale-read-not-linearizable';
const SEQ = '#seq';
const CAUSAL = '#causal';

const verdict = (page: Page, lab: string) => page.locator(`${lab} .cons-verdict h4`);

test('poster frames: without JavaScript each lab shows its history and verdict', async ({ browser }) => {
  await withoutJavaScript(browser, PATH, async (page) => {
    for (const lab of [STALE, SEQ, CAUSAL]) await expectPoster(page, lab, 'svg.cons-diagram');
    await expect(verdict(page, STALE)).toHaveText('Strongest model: Sequentially consistent');
    await expect(verdict(page, CAUSAL)).toHaveText('Strongest model: Causally consistent');
  });
});

test('by mouse: drag the stale read back over the write and it becomes linearizable', async ({ page }) => {
  await page.goto(PATH);
  await ready(page, STALE);
  const lab = page.locator(STALE);
  await expect(lab.locator('.cons-op-bad')).toHaveCount(2);
  const read = lab.locator('.cons-op').nth(1);
  const write = lab.locator('.cons-op').nth(0);
  // Mouse coordinates are viewport coordinates: bring the picture on screen first.
  await lab.locator('svg.cons-diagram').scrollIntoViewIfNeeded();
  const rb = (await read.locator('.cons-bar').boundingBox())!;
  const wb = (await write.locator('.cons-bar').boundingBox())!;
  // Grab the read near its left end and drop it so it starts inside the write's interval.
  await page.mouse.move(rb.x + 8, rb.y + rb.height / 2);
  await page.mouse.down();
  await page.mouse.move(wb.x + wb.width / 2, rb.y + rb.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(verdict(page, STALE)).toHaveText('Strongest model: Linearizable');
  await expect(lab.locator('.cons-order').first()).toBeVisible();
});

test('by keyboard: select, move, edit through the form, and undo with step back', async ({ page }) => {
  await page.goto(PATH);
  await ready(page, SEQ);
  const lab = page.locator(SEQ);
  const bar = lab.locator('.cons-op').nth(2); // c2's first read (returns 1)
  await bar.focus();
  await page.keyboard.press('Enter');
  await expect(bar).toHaveAttribute('aria-pressed', 'true');
  await expect(lab.locator('.cons-editor legend')).toHaveText('Edit operation 2');
  // Change what the read returned to 2 via the form: still sequential? No: c2 would then read 2, then 2.
  await lab.getByLabel('Returned').fill('0');
  await lab.getByRole('button', { name: 'Apply' }).focus();
  await page.keyboard.press('Enter');
  await expect(verdict(page, SEQ)).toHaveText('Strongest model: Sequentially consistent');
  // Arrow keys on a focused bar move it (and do not step the lab's cursor).
  await lab.locator('.cons-op').nth(3).focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft');
  await expect(lab.locator('.lab-live').first()).toContainText('Changed to');
  // Step back undoes the edits one by one.
  await lab.getByRole('button', { name: 'Step back one event' }).focus();
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowLeft');
  await expect(lab.locator('.cons-op').nth(2)).toHaveAttribute('aria-label', /read\(x\) → 1/);
  await expect(verdict(page, SEQ)).toHaveText('Strongest model: Sequentially consistent');
});

test('generate from a replicated register, and show the violation of each model', async ({ page }) => {
  await page.goto(PATH);
  await ready(page, CAUSAL);
  const lab = page.locator(CAUSAL);
  await lab.getByRole('row', { name: /Sequentially consistent/ }).getByRole('button').click();
  await expect(lab.locator('.cons-violation-text')).toContainText('Minimal violating set (6 operations');
  await lab.getByLabel('Replication').selectOption('leader');
  await lab.getByRole('button', { name: /^Generate/ }).click();
  await expect(verdict(page, CAUSAL)).toHaveText('Strongest model: Linearizable');
  await expect(lab.locator('.cons-op')).not.toHaveCount(6);
});

test('copy link round trip restores the edited history', async ({ page, context }) => {
  await page.goto(PATH);
  await ready(page, STALE);
  const lab = page.locator(STALE);
  await lab.getByRole('button', { name: 'Add read' }).click();
  await expect(lab.locator('.cons-op')).toHaveCount(3);
  const v = await verdict(page, STALE).textContent();
  await lab.getByRole('button', { name: 'Copy link' }).click();
  const url = page.url();
  expect(url).toContain('lab-stale-read-not-linearizable=v2.');
  const other = await context.newPage();
  await other.goto(url);
  await ready(other, STALE);
  await expect(other.locator(`${STALE} .cons-op`)).toHaveCount(3);
  await expect(verdict(other, STALE)).toHaveText(v!);
});

test('a broken link shows a clear message and falls back to the scenario', async ({ page }) => {
  await page.goto(`${PATH}?lab-seq=v1.eyJicm9rZW4i`);
  await ready(page, SEQ);
  await expect(page.locator(`${SEQ} .lab-problems`)).toContainText('Showing the default scenario instead');
  await expect(page.locator(`${SEQ} .cons-op`)).toHaveCount(4);
});

test('consistency labs fit 360 px and are axe-clean in both themes', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(PATH);
  const lab = await ready(page, STALE);
  await lab.locator('.cons-op').nth(1).focus();
  await page.keyboard.press('Enter');
  await expectNarrowAndAccessible(page, STALE);
});
