import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, expectRunCancels, ready } from './helpers';

// SagaLab (src/widgets/saga) on chapter 13: the poster frame without JavaScript; every scenario by
// mouse (scenario picker + time scrubber) and every embedded lab by keyboard (End on the scrubber);
// the unwinding in reverse in both panels; the idempotency switch and "Crash O"; a copy-link round
// trip; the experiment cancelled, then run to completion in its worker; 360 px and axe in both themes.
// One shared page load.
const CHAPTER = 'three-phase-commit-and-sagas';

/** What each scenario's verdict says at the end of its timeline (400 ms). */
const EXPECT: Record<string, RegExp> = {
  'saga-completes': /^s1 completed: semantically atomic/,
  'saga-unwinds': /^s1 compensated: semantically atomic/,
  'pivot-fails': /^s1 compensated: semantically atomic/,
  'retriable-after-pivot': /^s1 completed: semantically atomic/,
  'orchestrator-crash-resumes': /^s1 completed: semantically atomic/,
  'duplicate-not-idempotent': /refund ran twice/,
  'compensation-retried': /^s1 compensated: semantically atomic/,
  'timeout-compensate': /^s1 compensated: semantically atomic/,
  'timeout-query': /^s1 completed: semantically atomic/,
  'choreography-unwinds': /^s1 compensated: semantically atomic/,
  'dirty-read': /refused on stock another saga later released \(dirty read\)/,
  'semantic-lock': /^s1 compensated, s2 completed: semantically atomic/,
  'lost-update': /stock is off by 3 \(lost update\)/,
  'commutative-update': /^s1 compensated, s2 completed: semantically atomic/,
  'cancel-overwritten': /s1 confirmed after the customer cancelled/,
  'reread-before-acting': /^s1 compensated: semantically atomic/,
};
const SCENARIOS = Object.keys(EXPECT);
/** Scenarios embedded in the chapter; the others are one menu pick or one tick away from an embedded one. */
const EMBEDDED = SCENARIOS.filter((id) => !['saga-completes', 'retriable-after-pivot', 'semantic-lock', 'commutative-update', 'reread-before-acting'].includes(id));
// Every scenario is exercised once: these by keyboard in their own embedded labs, the rest by mouse
// through one lab's picker (each replay re-renders two panels, so doing both doubles the time).
const BY_KEYBOARD = ['orchestrator-crash-resumes', 'compensation-retried', 'timeout-compensate', 'timeout-query', 'choreography-unwinds', 'dirty-read', 'lost-update', 'cancel-overwritten'];
const BY_MOUSE = SCENARIOS.filter((id) => !BY_KEYBOARD.includes(id));

/** Wake `lab` with the shared helper and bring it into view. */
async function wake(page: Page, lab: string) {
  await (await ready(page, lab)).scrollIntoViewIfNeeded();
}

const step = (lab: Locator, mode: string, name: string) => lab.locator(`.saga-panel[data-mode="${mode}"] .saga-step[data-step="${name}"]`);

test('poster frame: without JavaScript each embedded lab shows both panels, the step kinds and the scenario text', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(CHAPTER);
  for (const id of EMBEDDED) {
    const lab = page.locator(`[id="${id}"][data-hydrated="false"]`);
    await expect(lab.locator('.saga-panel')).toHaveCount(2);
    await expect(lab.locator('.lab-description').first()).not.toBeEmpty();
  }
  await expect(page.locator('[id="saga-unwinds"] .saga-panel').first()).toContainText('PIVOT');
  await ctx.close();
});

test.describe('on one shared page', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    page = await browser.newPage();
    await page.goto(CHAPTER);
    await wake(page, '[id="saga-unwinds"]');
  });
  test.afterAll(async () => page.close());

  test('by mouse: every scenario from the picker, run to its end; the unwinding runs in reverse in both panels', async () => {
    const lab = page.locator('[id="saga-unwinds"]');
    for (const id of BY_MOUSE) {
      await lab.getByLabel('Scenario').selectOption(id);
      await lab.getByLabel('Virtual time').fill('400');
      await expect(lab.getByTestId('saga-verdict')).toContainText(EXPECT[id]);
    }
    await lab.getByLabel('Scenario').selectOption('saga-unwinds');
    // Booking failed at 60 ms; at 75 ms the refund is on its way and the release has not started.
    await lab.getByLabel('Virtual time').fill('75');
    await expect(step(lab, 'orchestration', 'book')).toHaveAttribute('data-status', 'failed');
    await expect(step(lab, 'orchestration', 'authorise')).toHaveAttribute('data-status', 'compensating');
    await expect(step(lab, 'orchestration', 'reserve')).toHaveAttribute('data-status', 'done');
    await lab.getByLabel('Virtual time').fill('400');
    for (const mode of ['orchestration', 'choreography']) {
      await expect(step(lab, mode, 'authorise')).toHaveAttribute('data-status', 'compensated');
      await expect(step(lab, mode, 'reserve')).toHaveAttribute('data-status', 'compensated');
      await expect(step(lab, mode, 'confirm')).toHaveAttribute('data-status', 'pending');
    }
    await expect(lab.locator('.saga-panel[data-mode="choreography"]')).toContainText('e6 s1 reserve undone');
  });

  test('by keyboard: End on the scrubber runs each embedded lab to its outcome', async () => {
    for (const id of BY_KEYBOARD) {
      const lab = page.locator(`[id="${id}"]`);
      await lab.getByLabel('Virtual time').focus();
      await page.keyboard.press('End');
      await expect(lab.getByTestId('saga-verdict')).toContainText(EXPECT[id]);
    }
  });

  test('settings and faults: idempotency fixes the duplicated refund; O crashes and resumes from its log', async () => {
    const dup = page.locator('[id="duplicate-not-idempotent"]');
    await dup.scrollIntoViewIfNeeded();
    await dup.getByRole('checkbox', { name: 'Idempotent services' }).check();
    await dup.getByLabel('Virtual time').fill('400');
    await expect(dup.getByTestId('saga-verdict')).toContainText('s1 compensated: semantically atomic');
    await dup.getByRole('checkbox', { name: 'Idempotent services' }).uncheck();
    await expect(dup.getByTestId('saga-verdict')).toContainText('refund ran twice');
    const lab = page.locator('[id="saga-unwinds"]');
    await lab.scrollIntoViewIfNeeded();
    await lab.getByLabel('Step that fails').selectOption('none');
    await lab.getByLabel('Virtual time').fill('45');
    await lab.getByRole('button', { name: 'Crash O' }).click();
    await lab.getByLabel('Virtual time').fill('150');
    await expect(lab.locator('.saga-panel[data-mode="orchestration"]')).toContainText('O is DOWN');
    await lab.getByRole('button', { name: 'Restart O' }).click();
    await lab.getByLabel('Virtual time').fill('400');
    await expect(lab.getByTestId('saga-verdict')).toContainText('s1 completed: semantically atomic');
    await lab.getByLabel('Step that fails').selectOption('book');
  });

  test('copy link round trip restores the moment and the reader’s settings', async () => {
    const lab = page.locator('[id="dirty-read"]');
    await lab.scrollIntoViewIfNeeded();
    await lab.getByRole('checkbox', { name: 'Semantic lock (PENDING)' }).check();
    await lab.getByLabel('Virtual time').fill('180');
    const clock = await lab.locator('.lab-clock').textContent();
    await lab.getByRole('button', { name: 'Copy link' }).click();
    const url = page.url();
    expect(url).toContain('lab-dirty-read=v2.');
    await page.goto(url);
    await wake(page, '[id="dirty-read"]');
    const again = page.locator('[id="dirty-read"]');
    await expect(again.locator('.lab-clock')).toHaveText(clock!);
    await expect(again.getByRole('checkbox', { name: 'Semantic lock (PENDING)' })).toBeChecked();
    await again.getByLabel('Virtual time').fill('400');
    await expect(again.getByTestId('saga-verdict')).toContainText('s1 compensated, s2 completed: semantically atomic');
  });

  test('experiment: a long run is cancelled, then a short one runs to completion in the worker', async () => {
    await wake(page, '[id="saga-experiment"]');
    const lab: Locator = page.locator('[id="saga-experiment"]');
    await expectRunCancels(page, lab.locator('.exp-panel'), lab.getByTestId('saga-exp-table'), () =>
      lab.getByLabel('Sagas per point').fill('100000'),
    );
    await lab.getByLabel('Sagas per point').fill('100');
    await lab.getByLabel('Failure chances p').fill('0,0.2');
    await lab.getByRole('button', { name: 'Run experiment' }).click();
    const table = lab.getByTestId('saga-exp-table');
    await expect(table).toBeVisible({ timeout: 20_000 });
    await expect(table.locator('tr[data-mode="orchestration"][data-p="0"] td').nth(1)).toHaveText('100');
    await expect(table.locator('tr[data-mode="choreography"][data-p="0.2"] td').nth(3)).toHaveText('0');
  });

  test('fits 360 px and is axe-clean in both themes', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator('[id="saga-unwinds"]').scrollIntoViewIfNeeded();
    await expectNarrowAndAccessible(page, '[id="saga-unwinds"]');
  });
});
