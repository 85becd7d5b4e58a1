import { test, expect, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, ready as hydrated, withoutJavaScript } from './helpers';
import { figure16Ranges, paperFigure16, quantile, runFigure16 } from '../src/sim/raft/experiments';
import { experimentPoolSize } from '../src/widgets/raft/workerMessages';

// The Raft lab in chapter 3 (/ordering): poster without JavaScript, mouse and keyboard control,
// the copy-link round trip, the broken-rule switch on Figure 8, experiments in workers (the sweep
// and Figure 16 on the worker pool run to completion, the latter matching the single run; one
// cancelled), 360 px and axe in both themes.
const PATH = 'ordering';
const LAB = '#leader-election';

/** Open the chapter and wait for the lab `sel` to hydrate. */
async function ready(page: Page, sel = LAB) {
  await page.goto(PATH);
  return hydrated(page, sel, 45_000);
}

test('the lab reads without JavaScript: a poster with five servers and the scenario description', async ({ browser }) => {
  await withoutJavaScript(browser, PATH, async (page) => {
    const lab = page.locator(LAB);
    await expect(lab).toHaveAttribute('data-lab', 'RaftLab');
    await expect(lab.locator('[data-server]')).toHaveCount(5);
    await expect(lab).toContainText('collects votes from a majority');
  });
});

test('mouse: select a server, crash it, send a request; the picture and logs follow', async ({ page }) => {
  const lab = await ready(page);
  await lab.locator('[data-server="S3"]').click();
  await expect(lab.locator('[data-server="S3"]')).toHaveAttribute('aria-pressed', 'true');
  await lab.getByRole('button', { name: 'Crash', exact: true }).click();
  await expect(lab.locator('[data-server="S3"]')).toHaveAttribute('aria-label', /S3: down/);
  // Play (at 10×: 1× shows each hop for 0.75 s) until the survivors elect a leader, pause, then send a client request to it.
  await lab.getByLabel('Speed').selectOption('10');
  await lab.locator('.lab-btn-primary').click();
  await expect(lab.locator('[data-server][aria-label*=": leader"]')).toHaveCount(1, { timeout: 30_000 });
  await lab.locator('.lab-btn-primary').click();
  await lab.getByRole('button', { name: 'Send request to the leader' }).click();
  await expect(lab.locator('.raft-log-table tbody td.raft-cell').first()).toBeVisible();
  await expect(lab.locator('[data-server="S3"]')).toHaveAttribute('aria-label', /S3: down/);
});

test('keyboard: pick a server with Enter, act with the buttons, step with the arrow keys', async ({ page }) => {
  const lab = await ready(page);
  const s2 = lab.locator('[data-server="S2"]');
  await s2.focus();
  await page.keyboard.press('Enter');
  await expect(s2).toHaveAttribute('aria-pressed', 'true');
  await lab.getByRole('button', { name: 'Time out', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(s2).toHaveAttribute('aria-label', /S2: candidate, term 1/);
  const clock = lab.locator('.lab-clock');
  const before = await clock.textContent();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(clock).not.toHaveText(before ?? '');
});

test('copy link round trip restores the same moment', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const lab = await ready(page);
  await lab.locator('[data-server="S4"]').click();
  await lab.getByRole('button', { name: 'Crash', exact: true }).click();
  for (let i = 0; i < 15; i++) await lab.getByRole('button', { name: 'Step forward one event' }).click();
  const clock = await lab.locator('.lab-clock').textContent();
  await lab.getByRole('button', { name: 'Copy link' }).click();
  await expect(page).toHaveURL(/lab-leader-election=/);
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  const restored = other.locator(`${LAB}[data-hydrated="true"]`);
  await expect(restored.locator('[data-server="S4"]')).toHaveAttribute('aria-label', /S4: down/);
  await expect(restored.locator('.lab-clock')).toHaveText(clock ?? '');
});

test('figure 8: the broken commit rule is caught, and the jump lands on the first violation', async ({ page }) => {
  const lab = await ready(page, '#fig8');
  await expect(lab.getByText('No violation anywhere in this run.')).toBeVisible();
  await lab.getByLabel(/Broken rule/).check();
  await lab.getByRole('button', { name: /Jump to first violation/ }).click();
  await expect(lab.locator('[data-invariant="leader-completeness"]')).toHaveAttribute('data-tone', 'bad');
  await expect(lab.locator('[data-invariant="election-safety"]')).toHaveAttribute('data-tone', 'ok');
});

test('experiments: one runs to completion in the worker, another is cancelled', async ({ page }) => {
  test.setTimeout(120_000);
  const lab = await ready(page);
  await lab.getByLabel('Trials per setting').selectOption('100');
  await lab.getByRole('button', { name: 'Run split-vote sweep' }).click();
  await expect(lab.getByText(/Split-vote sweep finished in/)).toBeVisible({ timeout: 90_000 });
  await expect(lab.locator('.raft-chart table tbody tr')).toHaveCount(14);
  // Figure 16 is shared over a pool of workers and merged in the page: its table must show exactly
  // the figures of the single-threaded run with the same seed.
  await lab.getByRole('button', { name: 'Run election downtime (6 ranges)' }).click();
  const pool = experimentPoolSize(await page.evaluate(() => navigator.hardwareConcurrency));
  const onPool = pool > 1 ? ` on ${pool} workers` : '';
  await expect(lab.getByText(new RegExp(`Election downtime finished in [\\d.]+ s${onPool}\\.`))).toBeVisible({ timeout: 90_000 });
  const fmt = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '> 10 s');
  const single = runFigure16(100, figure16Ranges, undefined, undefined, 1)!;
  const rows = lab.locator('.raft-chart table', { hasText: 'Downtime per timeout range (100 trials each)' }).locator('tbody tr');
  await expect(rows).toHaveCount(6);
  for (const [i, s] of single.entries()) {
    const name = `${s.range.min}–${s.range.max} ms`;
    const cells = [name, ...[0.5, 0.99, 1].map((q) => fmt(quantile(s.downtimes, q))), String(s.downtimes.filter((d) => !Number.isFinite(d)).length), paperFigure16[name] ?? '—'];
    await expect(rows.nth(i).locator('th, td')).toHaveText(cells);
  }
  await lab.getByLabel('Trials per setting').selectOption('1000');
  await lab.getByRole('button', { name: 'Run election downtime (6 ranges)' }).click();
  await expect(lab.locator('.raft-exp-status progress')).toBeVisible();
  await lab.getByRole('button', { name: 'Cancel' }).click();
  await expect(lab.locator('.raft-exp-status')).toHaveText('Cancelled.');
  await expect(lab.getByRole('button', { name: 'Run election downtime (6 ranges)' })).toBeEnabled();
});

test('fits 360 px and is axe-clean in both themes', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const lab = await ready(page);
  await lab.locator('[data-server="S1"]').click();
  for (let i = 0; i < 20; i++) await lab.getByRole('button', { name: 'Step forward one event' }).click();
  await expectNarrowAndAccessible(page, LAB);
});
