import { expect, test } from '@playwright/test';
import { ready } from './helpers';

// The shared widget toolkit (src/widgets/shared) as readers meet it, exercised through the
// Chapter 1 labs: per-instance URL state, timeline markers, seed field, help, live region,
// reduced motion.
const PATH = 'networks';
const CAP = '#cp-minority-refuses-write';
const AP = '#ap';


test('two labs on one page keep separate link state', async ({ page, context }) => {
  await page.goto(PATH);
  await ready(page, CAP);
  await ready(page, AP);
  await page.locator(AP).getByRole('button', { name: 'Step forward one event' }).click();
  await page.locator(AP).getByRole('button', { name: 'Copy link' }).click();
  await expect(page.locator(`${AP} .lab-copied`)).toBeVisible();
  await page.locator(CAP).getByRole('button', { name: 'Step forward one event' }).click();
  await page.locator(CAP).getByRole('button', { name: 'Step forward one event' }).click();
  await page.locator(CAP).getByRole('button', { name: 'Copy link' }).click();
  await expect(page.locator(`${CAP} .lab-copied`)).toBeVisible();
  const url = new URL(page.url());
  expect(url.searchParams.get('lab-ap')).toMatch(/^v2\./);
  expect(url.searchParams.get('lab-cp-minority-refuses-write')).toMatch(/^v2\./);
  const other = await context.newPage();
  await other.goto(url.toString());
  await ready(other, CAP);
  await ready(other, AP);
  await expect(other.locator(`${AP} .lab-clock`)).toHaveText(/1 events/);
  await expect(other.locator(`${CAP} .lab-clock`)).toHaveText(/2 events/);
});

test('the timeline marks every logged action; acting in the past discards the old future', async ({ page }) => {
  await page.goto(PATH);
  await ready(page, CAP);
  const lab = page.locator(CAP);
  await expect(lab.locator('.lab-timeline-marker')).toHaveCount(4); // the scenario's pre-recorded actions
  await lab.getByRole('button', { name: 'Heal' }).isDisabled();
  await lab.getByRole('button', { name: /^Split/ }).click(); // at t=0: replaces the recorded future
  await expect(lab.locator('.lab-timeline-marker')).toHaveCount(1);
  await expect(lab.locator('.lab-live')).toContainText('Partition');
});

test('seed field replays the run with the new seed and survives a reload through the link', async ({ page, context }) => {
  await page.goto(PATH);
  await ready(page, CAP);
  const lab = page.locator(CAP);
  const seed = lab.getByLabel('Seed');
  await seed.fill('77');
  await seed.press('Enter');
  await expect(lab.locator('.lab-live')).toContainText('Seed 77');
  await seed.fill('-5');
  await seed.press('Enter');
  await expect(lab.locator('.lab-problems')).toContainText('whole number');
  await lab.getByRole('button', { name: 'Copy link' }).click();
  const other = await context.newPage();
  await other.goto(page.url());
  await ready(other, CAP);
  await expect(other.locator(CAP).getByLabel('Seed')).toHaveValue('77');
});

test('help opens with ? and closes with Escape; shortcuts are listed', async ({ page }) => {
  await page.goto(PATH);
  await ready(page, CAP);
  const lab = page.locator(CAP);
  await lab.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(lab.locator('.lab-help')).toContainText('step back / forward one event');
  await lab.getByRole('button', { name: 'Keyboard shortcuts' }).focus();
  await page.keyboard.press('Escape');
  await expect(lab.locator('.lab-help')).toHaveCount(0);
});

test('reduced motion: playback still advances, in discrete jumps', async ({ browser }) => {
  const ctx = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  await page.goto(PATH);
  await ready(page, CAP);
  const lab = page.locator(CAP);
  await lab.getByLabel('Speed').selectOption('10');
  await lab.getByRole('button', { name: 'Play' }).click();
  // Sample the clock every 100 ms: with reduced motion it changes at most about twice a second.
  const seen: string[] = [];
  for (let i = 0; i < 15; i++) {
    seen.push((await lab.locator('.lab-clock').textContent()) ?? '');
    await page.waitForTimeout(100);
  }
  const changes = seen.filter((v, i) => i > 0 && v !== seen[i - 1]).length;
  expect(changes).toBeGreaterThanOrEqual(1);
  expect(changes).toBeLessThanOrEqual(5);
  await ctx.close();
});
