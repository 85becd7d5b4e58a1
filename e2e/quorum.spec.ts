import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, expectPoster, ready as hydrated, withoutJavaScript } from './helpers';

// QuorumLab (src/widgets/quorum) on the built site: poster frame without JavaScript, mouse and
// keyboard, the non-linearizable scenario, the PBS experiment run to completion and cancelled,
// copy-link round trip, 360 px and axe in both themes.
const CHAPTER = 'replication';
const OVERLAP = '#repl-quorum-overlap';
const RACE = '#repl-quorum-race';
const LABS = '#labs-QuorumLab';

/** The lab hydrated and scrolled into view (its experiment panel sits below the fold). */
async function ready(page: Page, lab: string) {
  await hydrated(page, lab);
  await page.locator(lab).scrollIntoViewIfNeeded();
}
const clock = (page: Page, lab: string) => page.locator(`${lab} .lab-clock`);

/** Click "Step forward" until `done()` holds (at most 60 events). */
async function stepUntil(lab: Locator, done: () => Promise<boolean>) {
  const step = lab.getByRole('button', { name: 'Step forward one event' });
  for (let i = 0; i < 60 && !(await done()); i++) await step.click();
  expect(await done()).toBe(true);
}

test('poster frame: without JavaScript the lab shows its picture, the W + R rule and the scenario', async ({ browser }) => {
  await withoutJavaScript(browser, CHAPTER, async (page) => {
    await expectPoster(page, OVERLAP, 'svg.lab-cluster');
    await expect(page.locator(OVERLAP).getByTestId('quorum-rule')).toContainText('W + R = 4 > N = 3');
  });
});

test('by mouse: write from c1, read from c2, and the read returns the committed version', async ({ page }) => {
  await page.goto('labs');
  await ready(page, LABS);
  const lab = page.locator(LABS);
  await lab.getByRole('button', { name: 'Reset' }).click();
  await lab.getByRole('group', { name: 'Client c1' }).getByRole('button', { name: 'Write' }).click();
  // The scenario's own write at t = 0 is v1, so ours is v2.
  const ops = lab.getByTestId('quorum-ops');
  await stepUntil(lab, async () => /wrote v2 — committed by/.test((await ops.textContent()) ?? ''));
  await lab.getByRole('group', { name: 'Client c2' }).getByRole('button', { name: 'Read' }).click();
  await stepUntil(lab, async () => /c2 [^c]*read v\d/.test((await ops.textContent()) ?? ''));
  await expect(ops).toContainText(/c2 [^c]*read v2 from/);
  // Lower W and R so that W + R ≤ N: the rule flips to "stale reads are possible".
  await lab.getByLabel('W (write acks)').selectOption('1');
  await lab.getByLabel('R (read replies)').selectOption('1');
  await expect(lab.getByTestId('quorum-rule')).toContainText('W + R = 2 ≤ N = 3');
});

test('by keyboard: arrows step inside the lab only; Tab and Enter work the client buttons', async ({ page }) => {
  await page.goto(CHAPTER);
  await ready(page, OVERLAP);
  const lab = page.locator(OVERLAP);
  await expect(clock(page, OVERLAP)).toHaveText(/0 events/);
  await lab.getByRole('button', { name: 'Step forward one event' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(clock(page, OVERLAP)).toHaveText(/1 events/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(clock(page, OVERLAP)).toHaveText(/1 events/);
  await page.locator('h1').first().click();
  await page.keyboard.press('ArrowRight');
  await expect(clock(page, OVERLAP)).toHaveText(/1 events/);
  const read = lab.getByRole('group', { name: 'Client c2' }).getByRole('button', { name: 'Read' });
  await read.focus();
  await page.keyboard.press('Enter');
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  await expect(lab.getByTestId('quorum-ops')).toContainText(/c2 .*read/);
});

test('concurrent reads disagree: a later read returns an older value, and write-back prevents it', async ({ page }) => {
  await page.goto(CHAPTER);
  await ready(page, RACE);
  const lab = page.locator(RACE);
  await lab.getByLabel('Virtual time').fill('260');
  await expect(lab.getByTestId('quorum-ops')).toContainText('NOT LINEARIZABLE: c2 already read v1');
  await lab.getByLabel('Stale replicas').selectOption('blocking');
  await lab.getByLabel('Virtual time').fill('260');
  await expect(lab.getByTestId('quorum-ops')).not.toContainText('NOT LINEARIZABLE');
});

test('experiment: a run completes with a chart; a long run can be cancelled', async ({ page }) => {
  await page.goto(CHAPTER);
  await ready(page, OVERLAP);
  const lab = page.locator(OVERLAP);
  await lab.getByLabel('Trials', { exact: true }).selectOption('2000');
  await lab.getByLabel('Experiment W').selectOption('1');
  await lab.getByLabel('Experiment R').selectOption('1');
  await lab.getByRole('button', { name: 'Run experiment' }).click();
  await expect(lab.getByTestId('pbs-summary')).toContainText(/2,000 trials: 9\d\.\d% of reads are consistent right after commit/, { timeout: 30_000 });
  await expect(lab.getByTestId('pbs-curve')).toBeVisible();
  // 200,000 trials can finish in well under a second on a fast machine, so racing a click against
  // the worker is flaky. Hold the worker's script until Cancel has been pressed: the run is then
  // certainly in flight, and the cancel must also stop a worker that never got to start.
  let release = () => {};
  let workerLoads = 0;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/pbs.worker*', async (route) => {
    workerLoads++;
    await held;
    await route.continue().catch(() => {});
  });
  await lab.getByLabel('Trials', { exact: true }).selectOption('200000');
  await lab.getByRole('button', { name: 'Run experiment' }).click();
  await expect(lab.getByLabel('Experiment progress')).toBeVisible();
  await expect.poll(() => workerLoads).toBe(1);
  await lab.getByRole('button', { name: 'Cancel' }).click();
  release();
  await expect(lab.getByTestId('pbs-status')).toContainText('Cancelled');
  await expect(lab.getByLabel('Experiment progress')).toHaveCount(0);
  await expect(lab.getByRole('button', { name: 'Run experiment' })).toBeEnabled();
  // A cancelled run leaves no stale result behind: nothing is charted until the next run ends.
  await expect(lab.getByTestId('pbs-curve')).toHaveCount(0);
});

test('copy link round trip restores the moment and the reader’s settings', async ({ page, context }) => {
  await page.goto(CHAPTER);
  await ready(page, OVERLAP);
  const lab = page.locator(OVERLAP);
  await lab.getByLabel('Stale replicas').selectOption('async');
  await lab.getByRole('group', { name: 'Client c1' }).getByRole('button', { name: 'Write' }).click();
  for (let i = 0; i < 4; i++) await lab.getByRole('button', { name: 'Step forward one event' }).click();
  const before = await clock(page, OVERLAP).textContent();
  await lab.getByRole('button', { name: 'Copy link' }).click();
  const url = page.url();
  expect(url).toContain('lab-repl-quorum-overlap=v2.');
  const other = await context.newPage();
  await other.goto(url);
  await ready(other, OVERLAP);
  await expect(clock(other, OVERLAP)).toHaveText(before!);
  await expect(other.locator(OVERLAP).getByLabel('Stale replicas')).toHaveValue('async');
});

test('QuorumLab fits 360 px and is axe-clean in both themes', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(CHAPTER);
  await ready(page, OVERLAP);
  await expectNarrowAndAccessible(page, OVERLAP);
});
