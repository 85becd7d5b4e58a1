import { expect, test, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, ready, withoutJavaScript, THEMES, setTheme, openShared, expectRunCancels } from './helpers';

// RetryLab (src/widgets/retry) on chapter 4: the poster frames without JavaScript; every scenario by
// mouse (picker + time scrubber) and by keyboard (picker by arrow keys, → to step); the database and
// policy buttons; a copy-link round trip; the backoff experiment cancelled, then run to completion in
// its worker; 360 px and axe in both themes, with screenshots at 1280 and 360 px. One shared page.
const CHAPTER = 'retries';
const SHOTS = process.env.RETRY_SHOTS;

/** Where each scenario is judged (virtual ms) and what its caption says there. */
const EXPECT: Record<string, { at: number; caption: RegExp }> = {
  'contention-no-backoff': { at: 99_999, caption: /^All 10 clients are done: \d+ write attempts for 10 successful writes/ },
  'contention-exponential': { at: 99_999, caption: /^All 10 clients are done/ },
  'contention-full-jitter': { at: 99_999, caption: /^All 10 clients are done/ },
  'contention-equal-jitter': { at: 99_999, caption: /^All 10 clients are done/ },
  'contention-decorrelated': { at: 99_999, caption: /^All 10 clients are done/ },
  'amplification-database-down': { at: 3900, caption: /^The database is failing.* \d+ calls\/s when every layer retries/ },
  'amplification-flaky-database': { at: 3900, caption: /^The database is failing/ },
  'metastable-stuck': { at: 15_000, caption: /^The trigger ended .* ago, yet goodput is \d+\/s/ },
  'metastable-fix-shedding': { at: 15_000, caption: /^Recovered: / },
  'metastable-fix-budget': { at: 24_000, caption: /^Recovered: / },
  'metastable-fix-backoff': { at: 24_000, caption: /^Recovered: / },
};
const SCENARIOS = Object.keys(EXPECT);
const LABS = ['#amplification', '#contention', '#metastable', '#metastable-map'];

/** Wake the lab (e2e/helpers.ts `ready`) and bring it into view. */
async function wake(page: Page, lab: string) {
  await (await ready(page, lab)).scrollIntoViewIfNeeded();
}

test('poster frame: without JavaScript each embedded lab shows its picture and its caption', async ({ browser }) => {
  await withoutJavaScript(browser, CHAPTER, async (page) => {
    for (const id of LABS) {
      const lab = page.locator(`${id}[data-hydrated="false"]`);
      await expect(lab.locator('svg.retry-svg').first()).toBeVisible();
      await expect(lab.getByTestId('retry-caption')).not.toBeEmpty();
    }
    await expect(page.locator('#contention').getByTestId('retry-caption')).toContainText('All 10 clients read the row at the same moment');
  });
});

test.describe('on one shared page', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await openShared(browser, CHAPTER, '#contention', { width: 1280, height: 900 });
  });
  test.afterAll(async () => page.context().close());

  test('by mouse: every scenario from the picker, judged at its moment with the time scrubber', async () => {
    const lab = page.locator('#contention');
    for (const id of SCENARIOS) {
      await lab.getByLabel('Scenario').selectOption(id);
      await lab.getByLabel('Virtual time').fill(String(EXPECT[id].at));
      await expect(lab.getByTestId('retry-caption')).toHaveText(EXPECT[id].caption);
    }
    await lab.getByLabel('Scenario').selectOption('contention-exponential');
    await lab.getByLabel('Virtual time').fill('0');
  });

  test('by keyboard: arrow keys pick every scenario, → steps it, Home goes back', async () => {
    const lab = page.locator('#contention');
    const picker = lab.getByLabel('Scenario');
    await picker.selectOption(SCENARIOS[0]!);
    for (let i = 0; i < SCENARIOS.length; i++) {
      if (i > 0) {
        await picker.focus();
        await page.keyboard.press('ArrowDown');
      }
      await expect(picker).toHaveValue(SCENARIOS[i]!);
      const clock = lab.locator('.lab-clock');
      const before = await clock.textContent();
      await lab.getByRole('button', { name: 'Step forward one event' }).focus();
      for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
      await expect(clock).not.toHaveText(before!);
      await expect(lab.getByTestId('retry-caption')).not.toBeEmpty();
      await page.keyboard.press('Home');
      await expect(clock).toHaveText(/^t = 0 ms/);
    }
    // A policy button by keyboard: focused, Enter presses it.
    await picker.focus();
    await picker.selectOption('metastable-stuck');
    await lab.getByRole('button', { name: 'Load shedding' }).focus();
    await page.keyboard.press('Enter');
    await expect(lab.getByRole('button', { name: 'Load shedding' })).toHaveAttribute('aria-pressed', 'true');
    await picker.selectOption('contention-exponential');
  });

  test('by mouse: the database fails and heals on command; the budget column stays near 1×', async () => {
    const lab = page.locator('#amplification');
    await lab.scrollIntoViewIfNeeded();
    await lab.getByLabel('Virtual time').fill('500');
    await expect(lab.getByTestId('retry-caption')).toContainText('The database is healthy');
    await lab.getByRole('button', { name: 'Make it fail now' }).click();
    await lab.getByLabel('Virtual time').fill('3000');
    await expect(lab.getByTestId('retry-caption')).toContainText('The database is failing');
    await expect(lab.locator('[data-policy="every"] [data-layer="database"]')).toBeVisible();
    await lab.getByRole('button', { name: 'Heal it now' }).click();
    await lab.getByLabel('Virtual time').fill('3600');
    await expect(lab.getByTestId('retry-caption')).toContainText('The database is healthy again');
  });

  test('copy link round trip restores the moment and the reader’s policy switch', async () => {
    const lab = page.locator('#metastable');
    await lab.scrollIntoViewIfNeeded();
    await lab.getByLabel('Virtual time').fill('9000');
    await lab.getByRole('button', { name: 'Retry budget' }).click();
    await lab.getByLabel('Virtual time').fill('22000');
    const clock = await lab.locator('.lab-clock').textContent();
    const caption = await lab.getByTestId('retry-caption').textContent();
    await lab.getByRole('button', { name: 'Copy link' }).click();
    const url = page.url();
    expect(url).toContain('lab-metastable=v2.');
    await page.goto(url);
    await wake(page, '#metastable');
    const again = page.locator('#metastable');
    await expect(again.locator('.lab-clock')).toHaveText(clock!);
    await expect(again.getByRole('button', { name: 'Retry budget' })).toHaveAttribute('aria-pressed', 'true');
    await expect(again.getByTestId('retry-caption')).toHaveText(caption!);
  });

  test('experiment: a long run is cancelled, then a short one runs to completion in the worker', async () => {
    await wake(page, '#contention');
    const lab = page.locator('#contention');
    const panel = lab.locator('.exp-panel');
    await panel.scrollIntoViewIfNeeded();
    await expect(panel).toHaveAttribute('data-ready', 'true');
    await expectRunCancels(page, panel, panel.getByTestId('backoff-summary'), () => panel.getByLabel('Runs per point').fill('1000'));
    await panel.getByLabel('Clients').fill('10, 50, 100');
    await panel.getByLabel('Runs per point').fill('20');
    await panel.getByRole('button', { name: 'Run experiment' }).click();
    await expect(panel).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    // The worker pool computes exactly what the CLI prints for the same parameters:
    // npm run experiment -- backoff --clients=10,50,100 --runs=20 → exponential 1,848 calls, full 796, equal 814, decorrelated 1,001.
    await expect(panel.getByTestId('backoff-summary')).toContainText('At 100 clients, exponential backoff without jitter took 1848 calls; full jitter 796 (−57%), equal jitter 814 (−56%), decorrelated jitter 1001 (−46%).');
    await expect(panel.locator('path[data-strategy]')).toHaveCount(10);
    if (SHOTS) await panel.screenshot({ path: `${SHOTS}/retry-experiment-1280.png` });
  });

  test('fits 360 px and is axe-clean in both themes', async () => {
    if (SHOTS) {
      await page.setViewportSize({ width: 1280, height: 900 });
      for (const theme of THEMES) {
        await setTheme(page, theme);
        for (const id of LABS.slice(0, 3)) {
          await page.locator(id).scrollIntoViewIfNeeded();
          await page.locator(id).screenshot({ path: `${SHOTS}/retry-${id.slice(1)}-1280-${theme}.png` });
        }
      }
    }
    await page.setViewportSize({ width: 360, height: 800 });
    for (const id of LABS) {
      await page.locator(id).scrollIntoViewIfNeeded();
      // Every lab fits; axe (both themes) on the first, whose markup the others share.
      if (id === '#contention') await expectNarrowAndAccessible(page, id);
      else {
        const box = await page.locator(id).boundingBox();
        expect(box && box.x + box.width, `${id} fits 360 px`).toBeLessThanOrEqual(360);
      }
      if (SHOTS && id !== '#metastable-map') await page.locator(id).screenshot({ path: `${SHOTS}/retry-${id.slice(1)}-360.png` });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
