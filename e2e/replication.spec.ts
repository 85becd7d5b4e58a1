import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, expectRunCancels, ready } from './helpers';

// ReplicationLab (src/widgets/replication) on chapter 9: the poster frame without JavaScript; every
// scenario by mouse (picker + time scrubber) with the checker's verdicts; read policies changing
// the verdict; the CRDT replicas by keyboard; a copy-link round trip; the failover experiment
// cancelled, then run to completion in its worker; 360 px and axe in both themes. One shared page.
const CHAPTER = 'replication';
const LAG = '[id="repl-lag"]';
const FAIL = '[id="repl-failover"]';

/** What each scenario shows at the end of its timeline. */
const EXPECT: Record<string, { verdict: RegExp; at: string }> = {
  'read-your-writes': { verdict: /read your writes: 1 violation/, at: '200' },
  'monotonic-reads': { verdict: /monotonic reads: 1 violation/, at: '200' },
  'consistent-prefix': { verdict: /consistent prefix: 1 violation/, at: '200' },
  'session-token': { verdict: /read your writes: kept so far.*monotonic reads: kept so far/, at: '220' },
  'failover-async-loses-writes': { verdict: /acknowledged writes lost: 6 of 15/, at: '450' },
  'failover-semisync-keeps-writes': { verdict: /acknowledged writes lost: none of 4/, at: '450' },
  'split-brain': { verdict: /entries accepted from a deposed leader: 1/, at: '700' },
  fencing: { verdict: /entries refused by fencing: 1/, at: '700' },
};

/** Wake `lab` with the shared helper and bring it into view. */
async function wake(page: Page, lab: string) {
  await (await ready(page, lab)).scrollIntoViewIfNeeded();
}

test('poster frame: without JavaScript each lab shows its cluster, its checker or table, and a caption', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(CHAPTER);
  for (const id of ['repl-failover', 'repl-split', 'repl-lag']) {
    const lab = page.locator(`[id="${id}"][data-hydrated="false"]`);
    await expect(lab.locator('svg.lab-cluster')).toBeVisible();
    await expect(lab.getByTestId('rep-verdict')).toContainText('read your writes: kept so far');
  }
  await expect(page.locator('[id="repl-crdt"][data-hydrated="false"]').getByTestId('crdt-table')).toBeVisible();
  await ctx.close();
});

test.describe('on one shared page', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    page = await browser.newPage();
    await page.goto(CHAPTER);
    await wake(page, LAG);
  });
  test.afterAll(async () => page.close());

  test('by mouse: every leader scenario from the picker, run to its end, gives its verdict', async () => {
    const lab = page.locator(LAG);
    for (const [id, { verdict, at }] of Object.entries(EXPECT)) {
      await lab.getByLabel('Scenario').selectOption(id);
      await lab.getByLabel('Virtual time').fill(at);
      await expect(lab.getByTestId('rep-verdict')).toContainText(verdict);
    }
    // The violation is named in a sentence, and a read policy that keeps the guarantee removes it.
    await lab.getByLabel('Scenario').selectOption('read-your-writes');
    await lab.getByLabel('Virtual time').fill('200');
    await expect(lab.getByTestId('rep-violations')).toContainText('read-your-writes: c1 read x = the initial value, but its own write "hello" had been acknowledged');
    await lab.getByLabel('Reads go to').selectOption('leader-own');
    await expect(lab.getByTestId('rep-verdict')).toContainText('read your writes: kept so far');
    await lab.getByLabel('Reads go to').selectOption('any');
  });

  test('by mouse: after a failover the lost writes are marked in the old leader’s log', async () => {
    const lab = page.locator(FAIL);
    await wake(page, FAIL);
    await lab.getByLabel('Virtual time').fill('450');
    await expect(lab.locator('.rep-entry[data-state="missing-on-leader"]')).toHaveCount(6);
    await lab.getByRole('combobox', { name: /^Acknowledge/ }).selectOption('semisync');
    await expect(lab.getByTestId('rep-verdict')).toContainText('acknowledged writes lost: none');
    await lab.getByRole('combobox', { name: /^Acknowledge/ }).selectOption('async');
  });

  test('by keyboard: the CRDT replicas take a like on each side of a partition and converge', async () => {
    const lab = page.locator('[id="repl-crdt"]');
    await wake(page, '[id="repl-crdt"]');
    await lab.getByRole('button', { name: 'Cut A off' }).focus();
    await page.keyboard.press('Enter');
    await lab.getByRole('group', { name: 'Replica A' }).getByRole('button', { name: 'Like', exact: true }).focus();
    await page.keyboard.press('Enter');
    await lab.getByRole('group', { name: 'Replica B' }).getByRole('button', { name: 'Like', exact: true }).focus();
    await page.keyboard.press('Enter');
    await lab.getByRole('button', { name: 'Heal network' }).focus();
    await page.keyboard.press('Enter');
    await lab.getByLabel('Virtual time').focus();
    await page.keyboard.press('End');
    await expect(lab.getByTestId('rep-caption')).toContainText('All replicas agree');
    await expect(lab.getByTestId('crdt-table').locator('tbody tr').first().locator('td').nth(1)).toHaveText('2');
  });

  test('copy link round trip restores the moment and the reader’s settings', async () => {
    const lab = page.locator(LAG);
    await lab.scrollIntoViewIfNeeded();
    await lab.getByLabel('Scenario').selectOption('monotonic-reads');
    await lab.getByLabel('Reads go to').selectOption('sticky');
    await lab.getByLabel('Virtual time').fill('150');
    const clock = await lab.locator('.lab-clock').textContent();
    await lab.getByRole('button', { name: 'Copy link' }).click();
    const url = page.url();
    expect(url).toContain('lab-repl-lag=v2.');
    await page.goto(url);
    await wake(page, LAG);
    const again = page.locator(LAG);
    await expect(again.locator('.lab-clock')).toHaveText(clock!);
    await expect(again.getByLabel('Reads go to')).toHaveValue('sticky');
    await expect(again.getByTestId('rep-verdict')).toContainText('monotonic reads: kept so far');
  });

  test('experiment: a long run is cancelled, then a short one runs to completion in the worker', async () => {
    await wake(page, FAIL);
    const panel = page.locator(`${FAIL} .exp-panel[data-experiment="failover"]`);
    await expectRunCancels(page, panel, panel.getByTestId('failover-result'), () => panel.getByLabel('Trials per point').fill('1000'));
    await panel.getByLabel('Trials per point').fill('5');
    await panel.getByLabel('Lags (ms, comma-separated)').fill('25,100');
    await panel.getByRole('button', { name: 'Run experiment' }).click();
    const table = panel.getByTestId('failover-result');
    await expect(table).toBeVisible({ timeout: 20_000 });
    await expect(table.locator('tbody tr').nth(0)).toContainText('2.0 (2.0)');
    await expect(table.locator('tbody tr').nth(1)).toContainText('210 ms');
  });

  test('fits 360 px and is axe-clean in both themes', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator(LAG).scrollIntoViewIfNeeded();
    await expectNarrowAndAccessible(page, LAG);
  });
});
