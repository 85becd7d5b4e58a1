import { expect, test, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, expectPoster, ready, withoutJavaScript } from './helpers';

// Chapter 1 labs (src/widgets/partition, src/widgets/timeout) on the built site: poster frames
// without JavaScript, mouse and keyboard use, copy-link round trip, broken links, 360 px, axe.
const PATH = 'networks';
const CAP = '#cp-minority-refuses-write';
const TIMEOUT = '#timeout-ambiguity';
const FLP = '#flp';

const clock = (page: Page, lab: string) => page.locator(`${lab} .lab-clock`);

test('poster frames: without JavaScript every Chapter 1 lab shows its initial picture and description', async ({ browser }) => {
  await withoutJavaScript(browser, PATH, async (page) => {
    for (const lab of [CAP, '#ap', TIMEOUT, FLP]) await expectPoster(page, lab, 'svg.lab-cluster');
    await expect(page.locator(CAP)).toContainText('cannot gather a majority');
    await expect(page.locator(FLP)).toContainText('Bivalent');
  });
});

test('PartitionLab by mouse: isolate A, write through it, and the write is refused', async ({ page }) => {
  await page.goto(PATH);
  await ready(page, CAP);
  const lab = page.locator(CAP);
  await lab.getByRole('button', { name: 'Isolate A' }).click();
  await lab.getByRole('button', { name: /^Write/ }).first().click(); // c1 talks to A
  await lab.getByLabel('Speed').selectOption('30'); // an expert speed: the outcome in well under a second
  await lab.getByRole('button', { name: 'Play' }).click();
  await expect(lab.locator('.lab-result-list')).toContainText('refused: no majority', { timeout: 20_000 });
  await expect(lab.locator('.lab-cluster')).toContainText('minority');
});

test('PartitionLab by keyboard: arrows step inside the lab only, Tab reaches the actions', async ({ page }) => {
  await page.goto(PATH);
  await ready(page, CAP);
  const lab = page.locator(CAP);
  await expect(clock(page, CAP)).toHaveText(/t = 0 ms · 0 events/);
  await lab.getByRole('button', { name: 'Step forward one event' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(clock(page, CAP)).toHaveText(/1 events/);
  await page.keyboard.press('ArrowRight');
  await expect(clock(page, CAP)).toHaveText(/2 events/);
  await page.keyboard.press('ArrowLeft');
  await expect(clock(page, CAP)).toHaveText(/1 events/);
  // Focus outside the lab: arrows belong to the page again.
  await page.locator('h1').first().click();
  await page.keyboard.press('ArrowRight');
  await expect(clock(page, CAP)).toHaveText(/1 events/);
  // Keyboard-only action: focus Heal's neighbour and activate a write with Enter.
  await lab.getByRole('button', { name: /^Read$/ }).first().focus();
  await page.keyboard.press('Enter');
  await expect(lab.locator('.lab-result-list')).toContainText('read');
  await expect(lab.locator('.lab-live')).not.toBeEmpty();
  // ? opens the help.
  await lab.getByRole('button', { name: 'Step back one event' }).focus();
  await page.keyboard.press('?');
  await expect(lab.locator('.lab-help')).toContainText('play / pause');
});

test('copy link round trip restores the exact moment', async ({ page, context }) => {
  await page.goto(PATH);
  await ready(page, CAP);
  const lab = page.locator(CAP);
  await lab.getByRole('button', { name: 'AP: availability' }).click();
  await lab.getByRole('button', { name: /^Split/ }).click();
  await lab.getByRole('button', { name: /^Write/ }).first().click();
  for (let i = 0; i < 3; i++) await lab.getByRole('button', { name: 'Step forward one event' }).click();
  const before = await clock(page, CAP).textContent();
  const results = await lab.locator('.lab-result-list').textContent();
  await lab.getByRole('button', { name: 'Copy link' }).click();
  await expect(lab.locator('.lab-copied')).toBeVisible();
  const url = page.url();
  expect(url).toContain('lab-cp-minority-refuses-write=v2.');
  const other = await context.newPage();
  await other.goto(url);
  await ready(other, CAP);
  await expect(clock(other, CAP)).toHaveText(before!);
  await expect(other.locator(`${CAP} .lab-result-list`)).toHaveText(results!);
  await expect(other.locator(CAP).getByRole('button', { name: 'AP: availability' })).toHaveAttribute('aria-pressed', 'true');
});

test('a broken link shows a clear message and falls back to the scenario', async ({ page }) => {
  await page.goto(`${PATH}?lab-cp-minority-refuses-write=v1.eyJicm9rZW4i`);
  await ready(page, CAP);
  await expect(page.locator(`${CAP} .lab-problems`)).toContainText('Showing the default scenario instead');
  await expect(page.locator(`${CAP} .lab-description`).first()).toContainText('cannot gather a majority');
  await page.goto(`${PATH}?lab-flp=v9.whatever`);
  await ready(page, FLP);
  await expect(page.locator(`${FLP} .lab-problems`)).toContainText('unknown format');
  // A v2 (compressed) link whose data is not valid deflate is reported as damaged, not thrown.
  await page.goto(`${PATH}?lab-flp=v2.whatever`);
  await ready(page, FLP);
  await expect(page.locator(`${FLP} .lab-problems`)).toContainText('damaged or truncated');
});

test('TimeoutLab: scrubbing shows four timeouts with four different causes', async ({ page }) => {
  await page.goto(PATH);
  await ready(page, TIMEOUT);
  const lab = page.locator(TIMEOUT);
  await lab.getByLabel('Virtual time').fill('3200');
  await expect(lab.locator('.lab-results tbody tr')).toHaveCount(5);
  await expect(lab.locator('.lab-results')).toContainText('the request was lost');
  await expect(lab.locator('.lab-results')).toContainText('the reply was lost: the server DID the work');
  await expect(lab.locator('.lab-results')).toContainText('the server was down');
  await expect(lab.locator('.lab-results')).toContainText('only slow');
});

test('TimeoutLab FLP: the adversary keeps it undecided; the fair scheduler decides', async ({ page }) => {
  await page.goto(PATH);
  await ready(page, FLP);
  const lab = page.locator(FLP);
  await lab.getByLabel('Virtual time').fill('3000');
  await expect(lab.locator('.lab-results')).toContainText('no decision');
  await lab.getByRole('button', { name: 'Fair (random)' }).click();
  await lab.getByLabel('Speed').selectOption('30');
  await lab.getByRole('button', { name: 'Play' }).click();
  await expect(lab.locator('.lab-results')).toContainText('All three decided', { timeout: 30_000 });
});

test('Chapter 1 labs fit 360 px and are axe-clean in both themes', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(PATH);
  await ready(page, CAP);
  await ready(page, FLP);
  for (const lab of [CAP, TIMEOUT, FLP]) await expectNarrowAndAccessible(page, lab);
});
