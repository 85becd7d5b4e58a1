import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, expectPoster, ready, withoutJavaScript, openShared, expectRunCancels } from './helpers';

// OverloadLab (src/widgets/overload) on chapter 7: the poster without JavaScript; every scenario of
// both cores by mouse (picker + time scrubber) and each embedded instance by keyboard (End on its
// scrubber); load and policy controls; a copy-link round trip; the shedding experiment cancelled
// and the queue experiment run to completion in the worker; 360 px and axe in both themes.
const CHAPTER = 'bulkheads';
const INSTANCES = ['pools', 'collapse', 'queue', 'limits'];

/** What each scenario shows at the given time (picker test). */
const AT: Record<string, { t: number; check: (lab: Locator) => Promise<void> }> = {
  'mm1-queue': { t: 20000, check: async (lab) => expect(lab.getByTestId('ovl-stats')).toContainText('closed form 40.0 ms') },
  'mmc-pooling': { t: 20000, check: async (lab) => expect(lab.getByTestId('ovl-stats')).toContainText('closed form 7.5 ms') },
  'goodput-collapse': { t: 12000, check: async (lab) => expect(lab.getByTestId('ovl-caption')).toContainText('Most of the work answers clients who have already left') },
  'bounded-queue': { t: 12000, check: async (lab) => expect(lab.getByTestId('ovl-caption')).toContainText(/40 waiting \(bounded FIFO queue\).*\/s shed/) },
  lifo: { t: 12000, check: async (lab) => expect(lab.getByTestId('ovl-caption')).toContainText(/LIFO \(newest first\).*answered in time/) },
  'adaptive-lifo-codel': { t: 12000, check: async (lab) => expect(lab.getByTestId('ovl-caption')).toContainText(/adaptive LIFO with CoDel.*answered in time/) },
  'deadline-drop': { t: 12000, check: async (lab) => expect(lab.getByTestId('ovl-caption')).toContainText('dropping requests past their deadline') },
  'shared-pool-starves': { t: 12000, check: async (lab) => expect(lab.getByTestId('ovl-caption')).toContainText('They share one pool, so the cheap requests got 0% answered in time') },
  bulkheads: { t: 12000, check: async (lab) => expect(lab.getByTestId('ovl-caption')).toContainText('They have separate pools, so the cheap requests got 100% answered in time') },
  'limiters-side-by-side': { t: 10000, check: async (lab) => expect(lab.getByTestId('ovl-limiter-table')).toBeVisible() },
  'fixed-window-boundary': { t: 2500, check: async (lab) => expect(lab.locator('[data-testid="ovl-limiter-table"] tr[data-col="fixed-window"][data-over="true"]')).toContainText(/client A.*20$/) },
  'noisy-neighbour': { t: 8000, check: async (lab) => expect(lab.getByTestId('ovl-tokens')).toContainText('client A') },
};

/** Wake the lab (e2e/helpers.ts `ready`) and bring it into view. */
async function wake(page: Page, lab: string) {
  await (await ready(page, lab)).scrollIntoViewIfNeeded();
}

test('poster frame: without JavaScript each instance shows its picture and scenario text', async ({ browser }) => {
  await withoutJavaScript(browser, CHAPTER, async (page) => {
    for (const id of INSTANCES) await expectPoster(page, `#${id}`, 'svg.ovl-picture');
    await expect(page.locator('#queue figcaption')).toContainText('M/M/1 closed form');
  });
});

test.describe('on one shared page', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await openShared(browser, CHAPTER, '#pools');
  });
  test.afterAll(async () => page.context().close());

  test('by mouse: every scenario of both cores from the picker, moved in time with the scrubber', async () => {
    const lab = page.locator('#pools');
    for (const [id, x] of Object.entries(AT)) {
      await lab.getByLabel('Scenario').selectOption(id);
      await lab.getByLabel('Virtual time').fill(String(x.t));
      await x.check(lab);
    }
    await lab.getByLabel('Scenario').selectOption('shared-pool-starves');
  });

  test('by keyboard: End runs each embedded lab to its end; → steps one event', async () => {
    const END: Record<string, (lab: Locator) => Promise<void>> = {
      pools: async (lab) => expect(lab.getByTestId('ovl-caption')).toContainText('cheap requests got 0% answered in time'),
      collapse: async (lab) => expect(lab.getByTestId('ovl-caption')).toContainText('Most of the work answers clients who have already left'),
      queue: async (lab) => expect(lab.getByTestId('ovl-stats')).toContainText('closed form 40.0 ms'),
      limits: async (lab) => expect(lab.locator('tr[data-col="sliding-window"]').first()).toContainText(/10$/),
    };
    for (const id of INSTANCES) {
      const lab = page.locator(`#${id}`);
      await lab.getByLabel('Virtual time').focus();
      await page.keyboard.press('End');
      await END[id]!(lab);
    }
    const lab = page.locator('#limits');
    await lab.getByRole('button', { name: 'Reset' }).focus();
    await page.keyboard.press('Enter');
    await expect(lab.locator('.lab-clock')).toHaveText(/0 events/);
    await page.keyboard.press('ArrowRight');
    await expect(lab.locator('.lab-clock')).toHaveText(/1 events/);
  });

  test('controls: the load buttons move the queue along its curve; a burst by keyboard hits the limiters', async () => {
    const q = page.locator('#queue');
    await q.scrollIntoViewIfNeeded();
    await q.getByLabel('Virtual time').fill('1000');
    await q.getByTestId('ovl-load-0.5').click();
    await expect(q.getByTestId('ovl-load-0.5')).toHaveAttribute('aria-pressed', 'true');
    await q.getByLabel('Virtual time').fill('30000');
    await expect(q.getByTestId('ovl-stats')).toContainText('closed form 10.0 ms');
    await expect(q.getByTestId('ovl-point')).toBeVisible();
    const l = page.locator('#limits');
    await l.scrollIntoViewIfNeeded();
    await l.getByLabel('Virtual time').fill('3000');
    await l.getByTestId('ovl-burst-1').focus();
    await page.keyboard.press('Enter');
    await expect(l.getByTestId('ovl-caption')).toContainText('you asked: client B bursts 20 requests over 200 ms');
  });

  test('copy link round trip restores the moment and the policy the reader chose', async () => {
    const lab = page.locator('#collapse');
    await lab.scrollIntoViewIfNeeded();
    await lab.getByLabel('Virtual time').fill('5000');
    await lab.getByLabel('Queue policy').selectOption('lifo');
    await lab.getByLabel('Virtual time').fill('9000');
    await expect(lab.getByTestId('ovl-caption')).toContainText('LIFO (newest first)');
    const clock = await lab.locator('.lab-clock').textContent();
    await lab.getByRole('button', { name: 'Copy link' }).click();
    const url = page.url();
    expect(url).toContain('lab-collapse=v2.');
    await page.goto(url);
    await wake(page, '#collapse');
    const again = page.locator('#collapse');
    await expect(again.locator('.lab-clock')).toHaveText(clock!);
    await expect(again.getByLabel('Queue policy')).toHaveValue('lifo');
    await expect(again.getByTestId('ovl-caption')).toContainText('answered in time');
  });

  test('experiments: the shedding sweep is cancelled; the queue check runs to completion in the worker', async () => {
    const lab = page.locator('#collapse');
    const shed = lab.locator('.exp-panel[data-experiment="shedding"]');
    await expectRunCancels(page, shed, lab.getByTestId('ovl-shedding-table'));
    const queue = lab.locator('.exp-panel[data-experiment="queue"]');
    await queue.scrollIntoViewIfNeeded();
    await queue.getByLabel('Seconds per replication').fill('100');
    await queue.getByLabel('Replications').fill('2');
    await queue.getByRole('button', { name: 'Run experiment' }).click();
    const table = lab.getByTestId('ovl-queue-table');
    await expect(table).toBeVisible({ timeout: 20_000 });
    await expect(table.locator('tr').nth(1)).toContainText('40.00 ms');
  });

  test('fits 360 px and is axe-clean in the light and dark themes', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    for (const id of ['#queue', '#limits']) {
      await page.locator(id).scrollIntoViewIfNeeded();
      await expectNarrowAndAccessible(page, id);
    }
  });
});
