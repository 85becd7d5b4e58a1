import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, expectRunCancels, ready } from './helpers';

// CommitLab (src/widgets/commit) on chapter 12: the poster frame without JavaScript; every scenario by
// mouse (scenario picker + time scrubber) and every embedded lab by keyboard (End on the scrubber, →
// to step); the "crash C once the votes are in" button and restart; a copy-link round trip; the
// experiment cancelled, then run to completion in its worker; 360 px and axe in both themes.
// One shared page load.
const CHAPTER = 'two-phase-commit';

/** What each scenario's verdict says at the end of its timeline. */
const EXPECT: Record<string, RegExp> = {
  '2pc-clean-commit': /Atomic: every participant committed/,
  '2pc-no-vote': /Atomic: every participant aborted/,
  '2pc-coordinator-blocks': /Atomic: every participant aborted/,
  '2pc-cooperative-resolves': /Atomic: every participant committed/,
  '2pc-cooperative-blocks': /Atomic: every participant aborted/,
  '2pc-presumed-abort': /Atomic: every participant aborted/,
  '2pc-participant-recovers': /Atomic: every participant committed/,
  '2pc-heuristic-mixed': /MIXED OUTCOME \(heuristic damage\): C, P1, P3 committed; P2 aborted/,
  '3pc-coordinator-crash': /Atomic: every participant aborted/,
  '3pc-partition-splits': /AC1 VIOLATED: C, P1 committed; P2, P3 aborted/,
  '3pc-fuzz-found': /AC1 VIOLATED/,
};
const EMBEDDED = ['2pc-clean-commit', '2pc-no-vote', '2pc-participant-recovers', '2pc-presumed-abort', '2pc-coordinator-blocks', '2pc-cooperative-resolves', '2pc-cooperative-blocks', '2pc-heuristic-mixed'];

/** Wake `lab` with the shared helper and bring it into view. */
async function wake(page: Page, lab: string) {
  await (await ready(page, lab)).scrollIntoViewIfNeeded();
}

test('poster frame: without JavaScript each embedded lab shows its nodes, empty logs and scenario text', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(CHAPTER);
  for (const id of EMBEDDED) {
    const lab = page.locator(`[id="${id}"][data-hydrated="false"]`);
    await expect(lab.locator('svg.commit-svg')).toBeVisible();
    await expect(lab.locator('.lab-description').first()).not.toBeEmpty();
  }
  await expect(page.locator('[id="2pc-clean-commit"] svg.commit-svg')).toContainText('log empty');
  await ctx.close();
});

test.describe('on one shared page', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    page = await browser.newPage();
    await page.goto(CHAPTER);
    await wake(page, '[id="2pc-clean-commit"]');
  });
  test.afterAll(async () => page.close());

  test('by mouse: every scenario from the picker, run to its end with the time scrubber', async () => {
    const lab = page.locator('[id="2pc-clean-commit"]');
    for (const [id, verdict] of Object.entries(EXPECT)) {
      await lab.getByLabel('Scenario').selectOption(id);
      await lab.getByLabel('Virtual time').fill('800');
      await expect(lab.getByTestId('commit-verdict')).toContainText(verdict);
      await expect(lab.getByTestId('commit-caption')).toContainText(/^\d+ ms: /);
    }
    // Midway through the blocking run the participants are unmistakably in doubt.
    await lab.getByLabel('Scenario').selectOption('2pc-coordinator-blocks');
    await lab.getByLabel('Virtual time').fill('400');
    await expect(lab.locator('[data-indoubt="true"]')).toHaveCount(3);
    await expect(lab.getByTestId('commit-caption')).toContainText('may not decide alone');
    await lab.getByLabel('Scenario').selectOption('2pc-clean-commit');
  });

  test('by keyboard: End on the scrubber runs embedded labs to their outcome; → steps one event', async () => {
    for (const id of ['2pc-no-vote', '2pc-cooperative-resolves', '2pc-heuristic-mixed']) {
      const lab = page.locator(`[id="${id}"]`);
      await lab.getByLabel('Virtual time').focus();
      await page.keyboard.press('End');
      await expect(lab.getByTestId('commit-verdict')).toContainText(EXPECT[id]);
    }
    const lab = page.locator('[id="2pc-clean-commit"]');
    await lab.getByRole('button', { name: 'Reset' }).focus();
    await page.keyboard.press('Enter');
    await expect(lab.locator('.lab-clock')).toHaveText(/ 0 events/);
    await page.keyboard.press('ArrowRight');
    await expect(lab.locator('.lab-clock')).toHaveText(/ 1 events/);
    await expect(lab.getByTestId('commit-caption')).toContainText('10 ms: C begins the transaction with P1, P2, P3.');
  });

  test('fault buttons: crash C once the votes are in blocks everyone; restarting C ends it', async () => {
    const lab = page.locator('[id="2pc-clean-commit"]');
    await lab.getByRole('button', { name: 'Reset' }).click();
    await lab.getByRole('button', { name: 'Crash C once the votes are in' }).click();
    await expect(lab.getByTestId('commit-caption')).toContainText('C crashed');
    await lab.getByLabel('Virtual time').fill('400');
    await expect(lab.getByTestId('commit-verdict')).toContainText('P1, P2, P3 in doubt, holding locks');
    await lab.getByRole('button', { name: 'Restart C' }).click();
    await lab.getByLabel('Virtual time').fill('800');
    await expect(lab.getByTestId('commit-verdict')).toContainText('every participant aborted');
  });

  test('copy link round trip restores the moment and the reader’s settings', async () => {
    const lab = page.locator('[id="2pc-presumed-abort"]');
    await lab.scrollIntoViewIfNeeded();
    await lab.getByRole('combobox', { name: 'Participants', exact: true }).selectOption('4');
    await lab.getByLabel('Virtual time').fill('260');
    const clock = await lab.locator('.lab-clock').textContent();
    await lab.getByRole('button', { name: 'Copy link' }).click();
    const url = page.url();
    expect(url).toContain('lab-2pc-presumed-abort=v2.');
    await page.goto(url);
    await wake(page, '[id="2pc-presumed-abort"]');
    const again = page.locator('[id="2pc-presumed-abort"]');
    await expect(again.locator('.lab-clock')).toHaveText(clock!);
    await expect(again.getByRole('combobox', { name: 'Participants', exact: true })).toHaveValue('4');
    await expect(again.locator('[data-node="P4"]')).toBeVisible();
  });

  test('experiment: a long run is cancelled, then a short one runs to completion in the worker', async () => {
    await wake(page, '[id="commit-experiment"]');
    const lab: Locator = page.locator('[id="commit-experiment"]');
    await expectRunCancels(page, lab.locator('.exp-panel'), lab.getByTestId('commit-exp-table'), () =>
      lab.getByLabel('Random-fault runs per protocol').fill('200000'),
    );
    await lab.getByLabel('Random-fault runs per protocol').fill('60');
    await lab.getByLabel('Runs per downtime').fill('20');
    await lab.getByLabel('Downtimes (ms)').fill('0,400');
    await lab.getByRole('button', { name: 'Run experiment' }).click();
    const table = lab.getByTestId('commit-exp-table');
    await expect(table).toBeVisible({ timeout: 20_000 });
    await expect(table.locator('tr[data-protocol="2pc"] td').nth(1)).toHaveText('0');
    await expect(lab.locator('.commit-series[data-protocol="2pc"] circle')).toHaveCount(2);
  });

  test('fits 360 px and is axe-clean in both themes', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator('[id="2pc-coordinator-blocks"]').scrollIntoViewIfNeeded();
    await expectNarrowAndAccessible(page, '[id="2pc-coordinator-blocks"]');
  });
});
