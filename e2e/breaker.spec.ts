import { expect, test, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, expectPoster, ready, withoutJavaScript, openShared, expectRunCancels } from './helpers';

// BreakerLab (src/widgets/breaker) on chapter 6: the poster without JavaScript; every scenario by
// mouse (picker + time scrubber) and by keyboard (End on each embedded lab's scrubber, → steps one
// event); the health buttons; a copy-link round trip with a changed breaker setting; the experiment
// cancelled, then run to completion in its worker; 360 px and axe in both themes. One shared page.
const CHAPTER = 'circuit-breakers';

/** Embedded instances (id → scenario) as the chapter places them. */
const INSTANCES: Record<string, string> = {
  cascade: 'cascade-no-breaker',
  defaults: 'breaker-fails-fast',
  recovery: 'half-open-recovers',
  flapping: 'flapping',
  fallback: 'fallback',
  hosts: 'per-dependency-breaker',
};

/** What each scenario shows at 20 s. */
async function check20(page: Page, lab: string, scenario: string) {
  const root = page.locator(`#${lab}`);
  const caption = root.getByTestId('brk-caption');
  const b0 = root.getByTestId('brk-breaker-0');
  if (scenario === 'cascade-no-breaker') {
    await expect(caption).toContainText('All 20 workers are busy and requests are queueing');
    await expect(root.locator('.brk-worker[data-kind="call"]')).toHaveCount(20);
  } else if (scenario === 'breaker-fails-fast') {
    await expect(b0).toHaveAttribute('data-mode', 'OPEN');
    await expect(caption).toContainText('B 100%');
  } else if (scenario === 'half-open-recovers') {
    await expect(b0).toHaveAttribute('data-mode', 'CLOSED');
    await expect(caption).toContainText('HALF_OPEN → CLOSED: 5 trial calls stayed under the thresholds');
  } else if (scenario === 'flapping') {
    expect(await root.locator('.brk-band rect[data-mode="OPEN"]').count()).toBeGreaterThanOrEqual(8);
  } else if (scenario === 'fallback') {
    await expect(b0).toHaveAttribute('data-mode', 'OPEN');
    await expect(caption).toContainText('A now gets the fallback answer at once');
  } else if (scenario === 'per-dependency-breaker') {
    await expect(b0).toHaveAttribute('data-mode', 'HALF_OPEN');
  } else if (scenario === 'per-host-breakers') {
    await expect(root.getByTestId('brk-breaker-1')).toHaveAttribute('data-mode', 'OPEN');
    await expect(root.getByTestId('brk-breaker-0')).toHaveAttribute('data-mode', 'CLOSED');
    await expect(root.getByTestId('brk-breaker-2')).toHaveAttribute('data-mode', 'CLOSED');
    await expect(caption).toContainText('The load balancer now skips dep-2');
  }
}

/** Wake the lab (e2e/helpers.ts `ready`) and bring it into view. */
async function wake(page: Page, lab: string) {
  await (await ready(page, lab)).scrollIntoViewIfNeeded();
}

test('poster frame: without JavaScript every instance shows its workers, breaker and scenario text', async ({ browser }) => {
  await withoutJavaScript(browser, CHAPTER, async (page) => {
    for (const id of Object.keys(INSTANCES)) await expectPoster(page, `#${id}`, 'svg.brk-picture');
    await expect(page.locator('#cascade svg.brk-picture')).toContainText('Caller: 20 workers');
  });
});

test.describe('on one shared page', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await openShared(browser, CHAPTER, '#cascade');
  });
  test.afterAll(async () => page.context().close());

  test('by mouse: every scenario from the picker, moved to 20 s with the time scrubber', async () => {
    const lab = page.locator('#cascade');
    for (const id of [...Object.values(INSTANCES), 'per-host-breakers']) {
      await lab.getByLabel('Scenario').selectOption(id);
      await lab.getByLabel('Virtual time').fill('20000');
      await check20(page, 'cascade', id);
    }
    await lab.getByLabel('Scenario').selectOption('cascade-no-breaker');
  });

  test('by keyboard: End on each embedded lab\'s scrubber runs it to 40 s; → steps one event', async () => {
    const END: Record<string, (lab: ReturnType<Page['locator']>) => Promise<void>> = {
      cascade: async (lab) => expect(lab.locator('.brk-worker[data-kind="call"]')).toHaveCount(20),
      defaults: async (lab) => expect(lab.getByTestId('brk-caption')).toContainText('The dependency is slow; the breaker is open'),
      recovery: async (lab) => expect(lab.getByTestId('brk-caption')).toContainText('The dependency is healthy; the breaker is closed'),
      flapping: async (lab) => expect.poll(() => lab.locator('.brk-band rect[data-mode="OPEN"]').count()).toBeGreaterThanOrEqual(20),
      fallback: async (lab) => expect(lab.getByTestId('brk-breaker-0')).toHaveAttribute('data-mode', 'OPEN'),
      hosts: async (lab) => expect(lab.getByTestId('brk-breaker-0')).toHaveAttribute('data-mode', 'OPEN'),
    };
    for (const id of Object.keys(INSTANCES)) {
      const lab = page.locator(`#${id}`);
      await lab.getByLabel('Virtual time').focus();
      await page.keyboard.press('End');
      await expect(lab.locator('.lab-clock')).toContainText('40');
      await END[id]!(lab);
    }
    const lab = page.locator('#recovery');
    await lab.getByRole('button', { name: 'Reset' }).focus();
    await page.keyboard.press('Enter');
    await expect(lab.locator('.lab-clock')).toHaveText(/0 events/);
    await page.keyboard.press('ArrowRight');
    await expect(lab.locator('.lab-clock')).toHaveText(/1 events/);
  });

  test('health buttons: a slow dependency on demand, by mouse and by keyboard', async () => {
    const lab = page.locator('#recovery');
    await lab.getByLabel('Virtual time').fill('1000');
    await lab.getByTestId('brk-health-all-slow').click();
    await expect(lab.getByTestId('brk-host-0')).toContainText('slow');
    await expect(lab.getByTestId('brk-caption')).toContainText('the dependency turned slow');
    await lab.getByTestId('brk-health-all-healthy').focus();
    await page.keyboard.press('Enter');
    await expect(lab.getByTestId('brk-host-0')).toContainText('healthy');
    await expect(lab.getByTestId('brk-health-all-healthy')).toHaveAttribute('aria-pressed', 'true');
  });

  test('copy link round trip restores the moment and a changed breaker setting', async () => {
    const lab = page.locator('#defaults');
    await lab.scrollIntoViewIfNeeded();
    await lab.locator('.brk-settings summary').click();
    await lab.getByLabel('failureRateThreshold').selectOption('25');
    await lab.getByLabel('Virtual time').fill('15000');
    const clock = await lab.locator('.lab-clock').textContent();
    await lab.getByRole('button', { name: 'Copy link' }).click();
    const url = page.url();
    expect(url).toContain('lab-defaults=v2.');
    await page.goto(url);
    await wake(page, '#defaults');
    const again = page.locator('#defaults');
    await expect(again.locator('.lab-clock')).toHaveText(clock!);
    await again.locator('.brk-settings summary').click();
    await expect(again.getByLabel('failureRateThreshold')).toHaveValue('25');
    await expect(again.getByTestId('brk-breaker-0')).toHaveAttribute('data-mode', 'OPEN');
  });

  test('experiment: a long run is cancelled, then a short one runs to completion in the worker', async () => {
    const lab = page.locator('#defaults');
    const panel = lab.locator('.exp-panel[data-experiment="breaker"]');
    await expectRunCancels(page, panel, lab.getByTestId('brk-exp-table'), () => panel.getByLabel('Seeds per set-up').fill('50'));
    await panel.getByLabel('Seeds per set-up').fill('1');
    await panel.getByRole('button', { name: 'Run experiment' }).click();
    const table = lab.getByTestId('brk-exp-table');
    await expect(table).toBeVisible({ timeout: 20_000 });
    await expect(table.locator('tbody tr')).toHaveCount(4);
    const bNone = await table.locator('tr[data-setup="no-breaker"] td').nth(1).textContent();
    const bDefaults = await table.locator('tr[data-setup="r4j-defaults"] td').nth(1).textContent();
    expect(parseFloat(bNone!)).toBeLessThan(60);
    expect(parseFloat(bDefaults!)).toBeGreaterThan(90);
  });

  test('fits 360 px and is axe-clean in the light and dark themes', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator('#cascade').scrollIntoViewIfNeeded();
    await expectNarrowAndAccessible(page, '#cascade');
  });
});
