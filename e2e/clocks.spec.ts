import { expect, test, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, expectPoster, ready, withoutJavaScript } from './helpers';

// ClockLab (src/widgets/clocks) on the built Chapter 2 page: poster frames without JavaScript,
// mouse and keyboard use, the comparison panel, copy-link round trip, broken links, 360 px, axe.
const PATH = 'clocks';
const LWW = '#lww-loses-write';
const LAMPORT = '#lamport';
const VC = '#vc';

const clock = (page: Page, lab: string) => page.locator(`${lab} .lab-clock`);

test('poster frames: without JavaScript every clock lab shows its diagram and description', async ({ browser }) => {
  await withoutJavaScript(browser, PATH, async (page) => {
    for (const lab of [LWW, '#ntp', LAMPORT, VC, '#hlc']) await expectPoster(page, lab, 'svg.clock-diagram');
    await expect(page.locator(LWW)).toContainText('silently disappears');
  });
});

test('by mouse: play the LWW scenario, see the lost write, compare the two writes', async ({ page }) => {
  await page.goto(PATH);
  await ready(page, LWW);
  const lab = page.locator(LWW);
  await lab.getByLabel('Speed').selectOption('30'); // an expert speed: one hop in 25 ms (1× shows it in 0.75 s)
  await lab.getByRole('button', { name: 'Play' }).click();
  await expect(lab.locator('.lab-result-list')).toContainText('LOST', { timeout: 20_000 });
  await expect(lab.locator('.clock-event-lost')).toHaveCount(1);
  // The preset pair is A's write and B's write: the wall clock orders them backwards.
  await expect(lab.locator('.clock-table')).toContainText('wrong');
  // Pick a fresh pair by clicking: first A's write, then C's receive of it.
  const events = lab.locator('.clock-event');
  await events.nth(2).click(); // a third click starts a new pair
  await events.nth(0).click();
  await expect(lab.locator('.clock-table caption')).toContainText(/e2 and e0|e0 and/);
  await lab.getByRole('button', { name: 'Vector', exact: true }).click();
  await expect(lab.getByRole('button', { name: 'Vector', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(lab.locator('.clock-stamp').first()).toHaveText(/^\[/);
});

test('by keyboard: events are buttons; Enter picks without stepping; actions work from the keyboard', async ({ page }) => {
  await page.goto(PATH);
  await ready(page, LAMPORT);
  const lab = page.locator(LAMPORT);
  await lab.getByLabel('Virtual time').fill('200');
  await expect(lab.locator('.clock-event')).toHaveCount(8);
  const before = await clock(page, LAMPORT).textContent();
  // The scenario preselects e2 and e3: concurrent, and Lamport cannot tell.
  await expect(lab.locator('.clock-table caption')).toContainText('e2 and e3: in truth, concurrent');
  await expect(lab.locator('.clock-table')).toContainText('cannot tell');
  // e7 is C's second receive: whichever message arrives first, both sends (e4 by A, e5 by B) happened before it.
  await lab.locator('.clock-event').nth(7).focus();
  await page.keyboard.press('Enter'); // starts a new pair (a = e7)
  await lab.locator('.clock-event').nth(5).focus();
  await page.keyboard.press(' ');
  await expect(clock(page, LAMPORT)).toHaveText(before!);
  await expect(lab.locator('.clock-table caption')).toContainText('e7 and e5: in truth, b happened before a');
  // The lab's own live region (first) reports comparisons; the frame's (last) reports the run.
  await expect(lab.locator('.lab-live').first()).toContainText('e7 vs e5');
  // Keyboard-only action: a leap second on A.
  await lab.getByRole('button', { name: 'Leap second' }).focus();
  await page.keyboard.press('Enter');
  await expect(lab.locator('.lab-live').last()).toContainText('leap second');
});

test('copy link round trip restores the run and the moment', async ({ page, context }) => {
  await page.goto(PATH);
  await ready(page, VC);
  const lab = page.locator(VC);
  await lab.getByLabel('Virtual time').fill('120');
  await lab.getByRole('button', { name: /^Write x =/ }).click();
  for (let i = 0; i < 3; i++) await lab.getByRole('button', { name: 'Step forward one event' }).click();
  const before = await clock(page, VC).textContent();
  const writes = await lab.locator('.lab-result-list').textContent();
  await lab.getByRole('button', { name: 'Copy link' }).click();
  const url = page.url();
  expect(url).toContain('lab-vc=v2.');
  const other = await context.newPage();
  await other.goto(url);
  await ready(other, VC);
  await expect(clock(other, VC)).toHaveText(before!);
  await expect(other.locator(`${VC} .lab-result-list`)).toHaveText(writes!);
});

test('a broken link shows a clear message and falls back to the scenario', async ({ page }) => {
  await page.goto(`${PATH}?lab-vc=v1.eyJicm9rZW4i`);
  await ready(page, VC);
  await expect(page.locator(`${VC} .lab-problems`)).toContainText('Showing the default scenario instead');
  await expect(page.locator(`${VC} .lab-description`).first()).toContainText('A and C write x');
});

test('clock labs fit 360 px and are axe-clean in both themes', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(PATH);
  const lab = await ready(page, LWW);
  await lab.getByLabel('Virtual time').fill('600');
  await expect(lab.locator('.clock-table')).toBeVisible();
  await expectNarrowAndAccessible(page, LWW);
});

test('the labs page lists the clock lab', async ({ page }) => {
  await page.goto('labs');
  await expect(page.locator('[data-lab="ClockLab"]').first()).toBeVisible();
});
