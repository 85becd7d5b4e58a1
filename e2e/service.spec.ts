import { expect, test, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, ready, withoutJavaScript, THEMES, setTheme, openShared, expectRunCancels } from './helpers';

// ServiceLab (src/widgets/service) on chapter 11: poster frames without JavaScript; every scenario by
// mouse (picker + time scrubber) and by keyboard (arrow keys in the picker, → to step, Home); the
// reader's buttons; a copy-link round trip; the fan-out experiment cancelled and the outbox experiment
// run to completion in the worker; 360 px and axe in both themes, with screenshots when SERVICE_SHOTS
// names a folder. One shared page.
const CHAPTER = 'microservices';
const SHOTS = process.env.SERVICE_SHOTS;
const LABS = ['#chain-lab', '#deadline-lab', '#fanout-lab', '#queue-lab', '#outbox-lab'];

/** Where each scenario is judged (virtual ms), which element, and what it says there. */
const EXPECT: Record<string, { at: number; id: string; text: RegExp }> = {
  'sync-chain': { at: 3000, id: 'chain-stats', text: /succeeded 20 of 24 \(chain availability 85\.7%/ },
  'fixed-timeouts-waste': { at: 3000, id: 'chain-stats', text: /wasted work [1-9]\d+ ms/ },
  'deadline-propagation': { at: 3000, id: 'chain-stats', text: /wasted work 0 ms/ },
  'queue-lag-drains': { at: 2500, id: 'service-caption', text: /^C2 resumes\. .* Lag: 2\d messages/ },
  'poison-to-dlq': { at: 2500, id: 'queue-dlq', text: /^m5$/ },
  'consumer-crash-redelivers': { at: 2500, id: 'service-caption', text: /^restart C1: it asks the broker for work again/ },
  'dual-write-loses-event': { at: 1200, id: 'outbox-counts', text: /lost 1/ },
  'publish-first-ghost': { at: 1200, id: 'outbox-counts', text: /ghosts 1/ },
  'outbox-no-loss': { at: 1200, id: 'outbox-counts', text: /lost 0ghosts 0duplicates 1/ },
  'cdc-relay': { at: 1200, id: 'outbox-counts', text: /lost 0ghosts 0duplicates 1/ },
  'fanout-tail': { at: 50, id: 'service-caption', text: /Over 400 requests \d+\.\d% waited that long, against 1 − 0\.99\^100 = 63\.4%/ },
  'hedged-requests': { at: 50, id: 'service-caption', text: /With hedging after 4\.2 ms, \d\.\d% of requests are that slow, for 5\.\d% more requests/ },
  'tied-requests': { at: 50, id: 'service-caption', text: /With tied requests \(twin after 1 ms\).* 100\.0% more requests and 0\.0\d% more work/ },
};
const SCENARIOS = Object.keys(EXPECT);

/** Wake the lab (e2e/helpers.ts `ready`) and bring it into view. */
async function wake(page: Page, lab: string) {
  await (await ready(page, lab)).scrollIntoViewIfNeeded();
}

test('poster frame: without JavaScript every embedded lab shows its picture and its caption', async ({ browser }) => {
  await withoutJavaScript(browser, CHAPTER, async (page) => {
    for (const id of LABS) await expect(page.locator(`${id}[data-hydrated="false"]`).getByTestId('service-caption')).not.toBeEmpty();
    await expect(page.locator('#chain-lab').getByTestId('chain-picture')).toBeVisible();
    await expect(page.locator('#chain-lab').getByTestId('service-caption')).toContainText('at best 85.7% succeed');
    await expect(page.locator('#outbox-lab').getByTestId('outbox-picture')).toBeVisible();
  });
});

test.describe('on one shared page', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await openShared(browser, CHAPTER, '#chain-lab', { width: 1280, height: 900 });
  });
  test.afterAll(async () => page.context().close());

  test('by mouse: every scenario from the picker, judged at its moment with the time scrubber', async () => {
    const lab = page.locator('#chain-lab');
    for (const id of SCENARIOS) {
      await lab.getByLabel('Scenario').selectOption(id);
      await lab.getByLabel('Virtual time').fill(String(EXPECT[id].at));
      await expect(lab.getByTestId(EXPECT[id].id)).toHaveText(EXPECT[id].text);
    }
    await lab.getByLabel('Scenario').selectOption('sync-chain');
  });

  test('by keyboard: arrow keys pick every scenario; → steps and Home rewinds one scenario of each core', async () => {
    const lab = page.locator('#chain-lab');
    const picker = lab.getByLabel('Scenario');
    const clock = lab.locator('.lab-clock');
    const step = lab.getByRole('button', { name: 'Step forward one event' });
    // The first scenario of each core (chain, queue, outbox, fan-out).
    const firsts = new Set(['sync-chain', 'queue-lag-drains', 'dual-write-loses-event', 'fanout-tail']);
    await picker.selectOption(SCENARIOS[0]!);
    for (let i = 0; i < SCENARIOS.length; i++) {
      if (i > 0) {
        await picker.focus();
        await page.keyboard.press('ArrowDown');
      }
      await expect(picker).toHaveValue(SCENARIOS[i]!);
      await expect(lab.getByTestId('service-caption')).not.toBeEmpty();
      if (!firsts.has(SCENARIOS[i]!)) continue;
      await step.focus();
      await page.keyboard.press('Home');
      const before = await clock.textContent();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect(clock).not.toHaveText(before!);
      await page.keyboard.press('Home');
      await expect(clock).toHaveText(before!);
    }
    await picker.selectOption('sync-chain');
  });

  test('buttons: a call, a stopped consumer, an order, a burst of requests', async () => {
    const chain = page.locator('#chain-lab');
    await chain.getByRole('button', { name: 'Call now' }).click();
    await expect(chain.getByTestId('service-caption')).toContainText('client calls S1 (#1)');

    const queue = page.locator('#queue-lab');
    await wake(page, '#queue-lab');
    await queue.getByRole('button', { name: 'Stop C2' }).focus();
    await page.keyboard.press('Enter');
    await expect(queue.getByRole('button', { name: 'Resume C2' })).toHaveAttribute('aria-pressed', 'true');
    await expect(queue.getByTestId('service-caption')).toContainText('C2 stops taking messages');

    const outbox = page.locator('#outbox-lab');
    await wake(page, '#outbox-lab');
    await outbox.getByRole('button', { name: 'Place an order' }).click();
    await expect(outbox.getByTestId('service-caption')).toContainText('service takes order 1: writes the database, then will publish');

    const fan = page.locator('#fanout-lab');
    await wake(page, '#fanout-lab');
    await fan.getByRole('button', { name: 'Run 1,000 requests' }).click();
    await expect(fan.getByTestId('service-caption')).toContainText('Over 1400 requests');
  });

  test('copy link round trip restores the moment and the reader’s action', async () => {
    const lab = page.locator('#queue-lab');
    await lab.getByLabel('Virtual time').fill('1800');
    const clock = await lab.locator('.lab-clock').textContent();
    const caption = await lab.getByTestId('service-caption').textContent();
    await lab.getByRole('button', { name: 'Copy link' }).click();
    const url = page.url();
    expect(url).toContain('lab-queue-lab=v2.');
    await page.goto(url);
    await wake(page, '#queue-lab');
    const again = page.locator('#queue-lab');
    await expect(again.locator('.lab-clock')).toHaveText(clock!);
    await expect(again.getByTestId('service-caption')).toHaveText(caption!);
    await expect(again.getByRole('button', { name: 'Resume C2' })).toBeVisible();
  });

  test('experiments: a fan-out run is cancelled; an outbox run completes in the worker', async () => {
    await wake(page, '#fanout-lab');
    const panel = page.locator('#fanout-lab .exp-panel');
    await panel.scrollIntoViewIfNeeded();
    await expect(panel).toHaveAttribute('data-ready', 'true');
    await expectRunCancels(page, panel, panel.getByTestId('fanout-result'));

    await wake(page, '#outbox-lab');
    const ob = page.locator('#outbox-lab .exp-panel');
    await ob.scrollIntoViewIfNeeded();
    await ob.getByRole('spinbutton', { name: /^Trials\b/ }).fill('20');
    await ob.getByRole('button', { name: 'Run experiment' }).click();
    await expect(ob).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
    const table = ob.getByTestId('outbox-result');
    await expect(table.locator('tr[data-row="lost"] td[data-mode="outbox"]')).toHaveText('0');
    await expect(table.locator('tr[data-row="lost"] td[data-mode="cdc"]')).toHaveText('0');
    await expect(table.locator('tr[data-row="lost"] td[data-mode="db-first"]')).not.toHaveText('0');
    await expect(table.locator('tr[data-row="ghosts"] td[data-mode="publish-first"]')).not.toHaveText('0');
    if (SHOTS) await ob.screenshot({ path: `${SHOTS}/service-outbox-experiment-1280.png` });
  });

  test('fits 360 px and is axe-clean in both themes', async () => {
    if (SHOTS) {
      await page.setViewportSize({ width: 1280, height: 900 });
      for (const theme of THEMES) {
        await setTheme(page, theme);
        for (const id of LABS) {
          await page.locator(id).scrollIntoViewIfNeeded();
          await page.locator(id).screenshot({ path: `${SHOTS}/service-${id.slice(1)}-1280-${theme}.png` });
        }
      }
    }
    await page.setViewportSize({ width: 360, height: 800 });
    for (const id of LABS) {
      await page.locator(id).scrollIntoViewIfNeeded();
      // Each lab fits and is axe-clean in both themes (the helper checks the width, then axe, per theme).
      await expectNarrowAndAccessible(page, id);
      if (SHOTS) await page.locator(id).screenshot({ path: `${SHOTS}/service-${id.slice(1)}-360.png` });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
