import { resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, expectPoster, ready, withoutJavaScript, openShared, expectRunCancels } from './helpers';
import { buildNarration } from '../src/narration/compile/build.ts';
import { widgetManifests } from '../src/widgets/manifest.ts';
import type { LabTimelineCue } from '../src/narration/types.ts';
import { idempotencyLabDef } from '../src/widgets/idempotency/definition.ts';
import { timeScaleOf } from '../src/widgets/shared/pace.ts';

// IdempotencyLab (src/widgets/idempotency) on chapter 5: the poster frame without JavaScript; every
// scenario by mouse (scenario picker + time scrubber) and by keyboard (→ steps inside each embedded
// lab); the fault buttons and the key switch; a copy-link round trip; the experiment cancelled and
// then run to completion in its worker; 360 px and axe in both themes. One shared page load.
const CHAPTER = 'idempotency';

/** What each scenario shows once it has run to its end. */
const EXPECT: Record<string, { testid: string; text: RegExp }> = {
  'no-key-double-charge': { testid: 'idem-verdict', text: /DOUBLE CHARGE: p1 \(€80\) was charged 2× = €160/ },
  'key-replays-outcome': { testid: 'idem-payments', text: /p1 €80 k1: paid, ch_1 \(replayed\)/ },
  'retry-while-in-progress': { testid: 'idem-payments', text: /p1 €80 k1: paid, ch_1$/ },
  'same-key-different-payload': { testid: 'idem-payments', text: /p2 €25 k1: 422, rejected/ },
  'key-expires-too-soon': { testid: 'idem-verdict', text: /DOUBLE CHARGE: p1 \(€80\) was charged 2×/ },
  'crash-before-key-recorded': { testid: 'idem-verdict', text: /DOUBLE CHARGE: p1 \(€80\) was charged 2×/ },
  'crash-atomic-rolls-back': { testid: 'idem-ledger', text: /ch_1: €80 for p1, rolled back by the crash/ },
  'redelivery-duplicates-effect': { testid: 'idem-verdict', text: /DUPLICATE EFFECT: m1 applied 2×/ },
  'dedup-consumer-effectively-once': { testid: 'idem-verdict', text: /took effect at most once, although 1 was delivered more than once/ },
};
const SCENARIOS = Object.keys(EXPECT);

/** Wake the lab (e2e/helpers.ts `ready`) and bring it into view. */
async function wake(page: Page, lab: string) {
  await (await ready(page, lab)).scrollIntoViewIfNeeded();
}

test('poster frame: without JavaScript each embedded lab shows its wire, stores and scenario text', async ({ browser }) => {
  await withoutJavaScript(browser, CHAPTER, async (page) => {
    for (const id of SCENARIOS) await expectPoster(page, `#${id}`, 'svg.idem-wire-svg');
    await expect(page.locator('#no-key-double-charge').getByTestId('idem-ledger')).toContainText('no charges');
  });
});

test.describe('on one shared page', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await openShared(browser, CHAPTER, '#no-key-double-charge');
  });
  test.afterAll(async () => page.context().close());

  test('by mouse: every scenario from the picker, run to its end with the time scrubber', async () => {
    const lab = page.locator('#no-key-double-charge');
    for (const id of SCENARIOS) {
      await lab.getByLabel('Scenario').selectOption(id);
      await lab.getByLabel('Virtual time').fill('450');
      await expect(lab.getByTestId(EXPECT[id].testid)).toContainText(EXPECT[id].text);
      await expect(lab.getByTestId('idem-caption')).toContainText(/^At \d+ ms, /);
    }
    await lab.getByLabel('Scenario').selectOption('no-key-double-charge');
  });

  test('by keyboard: End on the time scrubber runs each embedded scenario to its outcome; → steps one event', async () => {
    for (const id of SCENARIOS) {
      const lab = page.locator(`#${id}`);
      await lab.getByLabel('Virtual time').focus();
      await page.keyboard.press('End');
      await expect(lab.getByTestId(EXPECT[id].testid)).toContainText(EXPECT[id].text);
    }
    const lab = page.locator('#no-key-double-charge');
    await lab.getByRole('button', { name: 'Reset' }).focus();
    await page.keyboard.press('Enter');
    await expect(lab.locator('.lab-clock')).toHaveText(/0 events/);
    await page.keyboard.press('ArrowRight');
    await expect(lab.locator('.lab-clock')).toHaveText(/1 events/);
    await expect(lab.getByTestId('idem-caption')).toContainText('At 10 ms, C pays €80.');
  });

  test('fault buttons: drop the next reply, then switching keys off turns the retry into a second charge', async () => {
    const lab = page.locator('#key-replays-outcome');
    await lab.scrollIntoViewIfNeeded();
    await lab.getByRole('button', { name: 'Reset' }).click();
    await lab.getByLabel('Virtual time').fill('5');
    await lab.getByRole('button', { name: 'Pay €80' }).click();
    // The scenario's own payment p1 and its dropped reply are replaced by ours: anything logged after the cursor goes.
    await lab.getByRole('button', { name: 'Drop the next reply' }).click();
    await expect(lab.getByTestId('idem-caption')).toContainText('a message was lost in the network (201 ch_1)');
    await lab.getByLabel('Virtual time').fill('600');
    await expect(lab.getByTestId('idem-payments')).toContainText('paid, ch_1 (replayed)');
    await expect(lab.getByTestId('idem-verdict')).toContainText('No payment charged twice');
    await lab.getByLabel('Idempotency keys').uncheck();
    await expect(lab.getByTestId('idem-verdict')).toContainText('DOUBLE CHARGE');
    await lab.getByLabel('Idempotency keys').check();
    // The crash button runs forward to the moment the charge is written, then crashes S there.
    await lab.getByRole('button', { name: 'Reset' }).click();
    await lab.getByLabel('Virtual time').fill('5');
    await lab.getByRole('button', { name: 'Pay €80' }).click();
    await lab.getByRole('button', { name: 'Crash S after the charge, before the key' }).click();
    await expect(lab.getByTestId('idem-caption')).toContainText('S crashed');
    await expect(lab.getByTestId('idem-ledger')).toContainText('ch_1: €80 for p1, rolled back by the crash');
    await lab.getByRole('button', { name: 'Restart S' }).click();
    await lab.getByLabel('Virtual time').fill('600');
    await expect(lab.getByTestId('idem-payments')).toContainText('p1 €80 k1: paid, ch_2');
    await expect(lab.getByTestId('idem-verdict')).toContainText('No payment charged twice');
  });

  test('copy link round trip restores the moment and the reader’s settings', async () => {
    const lab = page.locator('#crash-before-key-recorded');
    await lab.scrollIntoViewIfNeeded();
    await lab.getByLabel('Key and charge in one transaction').check();
    await lab.getByLabel('Keep keys for').selectOption('5000');
    await lab.getByLabel('Virtual time').fill('300');
    const clock = await lab.locator('.lab-clock').textContent();
    await lab.getByRole('button', { name: 'Copy link' }).click();
    const url = page.url();
    expect(url).toContain('lab-crash-before-key-recorded=v2.');
    await page.goto(url);
    await wake(page, '#crash-before-key-recorded');
    const again = page.locator('#crash-before-key-recorded');
    await expect(again.locator('.lab-clock')).toHaveText(clock!);
    await expect(again.getByLabel('Key and charge in one transaction')).toBeChecked();
    await expect(again.getByLabel('Keep keys for')).toHaveValue('5000');
    await expect(again.getByTestId('idem-ledger')).toContainText('rolled back by the crash');
  });

  test('experiment: a long run is cancelled, then a short one runs to completion in the worker', async () => {
    await wake(page, '#idem-experiment');
    const lab: Locator = page.locator('#idem-experiment');
    await expectRunCancels(page, lab.locator('.exp-panel'), lab.getByTestId('idem-exp-table'), () =>
      lab.getByLabel('Schedules per configuration').fill('200000'),
    );
    await lab.getByLabel('Schedules per configuration').fill('300');
    await lab.getByRole('button', { name: 'Run experiment' }).click();
    const table = lab.getByTestId('idem-exp-table');
    await expect(table).toBeVisible({ timeout: 30_000 });
    await expect(table.locator('tr[data-config="key-atomic"] td').nth(2)).toHaveText('0');
    await expect(table.locator('tr[data-config="consumer-dedup"] td').nth(2)).toHaveText('0');
    await expect(table.locator('tr[data-config="no-key"]')).toHaveAttribute('data-tone', 'bad');
  });

  test('fits 360 px and is axe-clean in both themes', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator('#no-key-double-charge').scrollIntoViewIfNeeded();
    await expectNarrowAndAccessible(page, '#no-key-double-charge');
  });
});

test('narration drives the lab: the crash cue holds the non-atomic server just after its crash', async ({ page }) => {
  test.setTimeout(90_000);
  const root = resolve(import.meta.dirname, '..');
  const tl = buildNarration(resolve(root, 'content/2-handling-failure/05-idempotency.narration.md'), { manifests: widgetManifests, cwd: root, contentRoot: resolve(root, 'content') });
  const held = tl.cues.find((c): c is LabTimelineCue => c.kind === 'lab' && c.target === 'crash-before-key-recorded' && c.cue.hold === 120)!;
  const next = tl.cues.find((c) => c.time > held.time)!;
  expect(held.part).toBe('picture');
  await page.addInitScript(() => Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true }));
  // Reduced motion: the lab ticks twice a second instead of every frame, so the 4 s of fake time are cheap.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.clock.install();
  await page.goto(`${CHAPTER}?t=${held.time - 0.5}`);
  await expect(page.locator('#crash-before-key-recorded[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  // Time moves only when the test says so, so nothing runs on while the checks below wait.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  await page.getByTestId('narration-play').click();
  // 0.5 s to the cue, then 120 virtual ms at the lab's pace (one 25 ms hop per 0.75 s at 1×, so 3.6 s)
  // to the hold; the next cue must still be ahead. Frames all the way: a playing lab moves at most
  // 100 ms of wall time per frame, so jumping the clock would not move it.
  const toHold = 500 + 120 / timeScaleOf(idempotencyLabDef, 'idempotency');
  // With reduced motion the lab moves every 500 ms, so allow one more tick.
  expect((next.time - held.time) * 1000 + 500).toBeGreaterThan(toHold + 1000);
  await page.clock.runFor(toHold + 700);
  const lab = page.locator('#crash-before-key-recorded');
  await expect(lab.locator('.lab-clock')).toHaveText(/^t = 120 ms/);
  await expect(lab.getByTestId('idem-ledger')).toContainText('ch_1: €80 for p1 (key k1)');
  await expect(lab.getByTestId('idem-keys')).toContainText('empty');
  await expect(lab.getByTestId('idem-caption')).toContainText('At 110 ms, S crashed.');
});
