import { test, expect, type Page } from '@playwright/test';
import { ready } from './helpers';

// Lab pictures (issue 12): the Raft lab's picture, logs and safety checks fit one 1280×800 screen;
// messages are details on demand (click or Enter on a glyph, then drop it); glyph labels never
// cover a server; the Raft space-time diagram is windowed and filtered by message type.
// One page per route, serial.
test.describe.configure({ mode: 'serial' });

let page: Page;
test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});
test.afterAll(async () => page.close());

const LAB = '#leader-election';

test('Raft at 1280×800: picture, logs and safety checks in one screen; messages on demand', async () => {
  test.setTimeout(90_000);
  await page.goto('ordering');
  const lab = await ready(page, LAB, 45_000);
  // Play (at 10×: 1× shows each hop for 0.75 s) until a leader exists and messages are in flight, then pause.
  await lab.getByLabel('Speed').selectOption('10');
  await lab.locator('.lab-btn-primary').click();
  await expect(lab.locator('[data-server][aria-label*=": leader"]')).toHaveCount(1, { timeout: 30_000 });
  // Back to 2× so that each hop stays on the wire long enough (about 0.4 s) to be seen.
  await lab.getByLabel('Speed').selectOption('2');
  await lab.getByRole('button', { name: 'Send request to the leader' }).click();
  await expect(lab.locator('[data-msg]').first()).toBeAttached({ timeout: 10_000 });
  await lab.locator('.lab-btn-primary').click();
  await expect(lab.locator('.lab-btn-primary')).toHaveText(/Play/);
  await expect(lab.getByText('Messages in flight')).toHaveCount(0);
  // Step until something is on the wire.
  for (let i = 0; i < 40 && (await lab.locator('[data-msg]').count()) === 0; i++) await lab.getByRole('button', { name: 'Step forward one event' }).click();

  // Everything the picture explains, from the title to the last safety check, fits under the header.
  await lab.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const span = await lab.evaluate((el) => {
    const title = el.querySelector('.lab-title')!.getBoundingClientRect().top;
    const checks = el.querySelector('[data-lab-part="checks"]')!.getBoundingClientRect().bottom;
    const log = el.querySelector('[data-lab-part="log"]')!.getBoundingClientRect();
    const cluster = el.querySelector('.raft-cluster')!.getBoundingClientRect();
    return { height: checks - title, logBeside: log.left >= cluster.right - 1 };
  });
  expect(span.height).toBeLessThanOrEqual(800 - 56 - 16);
  expect(span.logBeside).toBe(true);

  // No glyph label covers a server's name, term or role.
  const hits = await lab.evaluate((el) => {
    const boxes = (sel: string) => [...el.querySelectorAll(sel)].map((n) => n.getBoundingClientRect());
    const labels = boxes('.raft-msg-label');
    const names = boxes('.raft-server text');
    const meet = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return { labels: labels.length, overlaps: labels.filter((l) => names.some((n) => meet(l, n))).length };
  });
  expect(hits.overlaps).toBe(0);

  // Click a glyph: its details appear with a Drop button; dropping it is logged.
  const glyph = lab.locator('[data-msg]').first();
  const id = await glyph.getAttribute('data-msg');
  await glyph.dispatchEvent('click');
  const details = lab.locator('.raft-msg-details');
  await expect(details).toContainText(`#${id}`);
  await details.getByRole('button', { name: `Drop #${id}` }).click();
  await expect(details).toContainText(`Message #${id} is no longer in flight`);
  await expect(lab.locator(`[data-msg="${id}"]`)).toHaveCount(0);
  await lab.locator('.lab-details summary').click();
  await expect(lab.locator('.lab-details')).toContainText(`message #${id} dropped by the reader`);
  await details.getByRole('button', { name: 'Close' }).click();
  await expect(details).toHaveCount(0);

  // The drop above was the reader's: the caption says so, naming no "undefined" sender.
  await expect(lab.locator('[data-lab-step]').first()).toContainText(`You dropped message #${id}`);
  // Keyboard: Enter on a glyph opens its details. The dropped message may have been the only one on
  // the wire (it depends on where the paused run stood), so step on until another is in flight.
  for (let i = 0; i < 40 && (await lab.locator('[data-msg]').count()) === 0; i++) await lab.getByRole('button', { name: 'Step forward one event' }).click();
  await lab.locator('[data-msg]').first().focus();
  await page.keyboard.press('Enter');
  await expect(details).toBeVisible();
});

test('Raft space-time diagram: heartbeats collapse into ticks, the window zooms, filters hide a type', async () => {
  const lab = page.locator(LAB);
  const diagram = lab.locator('.raft-timeline');
  const arrows = diagram.locator('.raft-arrow');
  await expect(diagram.locator('.raft-hb-tick').first()).toBeAttached();
  await expect(diagram.locator('.raft-arrow-heartbeat')).toHaveCount(0);
  await diagram.getByLabel('Window').selectOption('all');
  const whole = await arrows.count();
  await diagram.getByLabel(/Heartbeats as arrows/).check();
  await expect.poll(() => arrows.count()).toBeGreaterThan(whole);
  await diagram.getByLabel(/Heartbeats as arrows/).uncheck();
  await diagram.getByLabel(/Elections/).uncheck();
  await expect(diagram.locator('.raft-arrow-election')).toHaveCount(0);
  await diagram.getByLabel(/Elections/).check();
  await diagram.getByLabel('Window').selectOption('100');
  await expect.poll(() => arrows.count()).toBeLessThanOrEqual(whole);
});

test('quorum experiment: a strict-quorum lab starts its experiment at W = R = 1, and no closed-form labels overlap', async () => {
  test.setTimeout(90_000);
  await page.goto('replication');
  const lab = await ready(page, '#repl-quorum-overlap', 45_000);
  await expect(lab.getByLabel('Experiment W')).toHaveValue('1');
  await expect(lab.getByLabel('Experiment R')).toHaveValue('1');
  await expect(lab.getByTestId('pbs-status')).toContainText('always overlap (100%), so the experiment starts at W = R = 1');
  await lab.getByLabel('Trials', { exact: true }).selectOption('2000');
  // The strict case too: its three equal lines share one label.
  for (const [w, r, labels] of [
    ['1', '1', 3],
    ['2', '2', 1],
  ] as const) {
    await lab.getByLabel('Experiment W').selectOption(w);
    await lab.getByLabel('Experiment R').selectOption(r);
    await lab.getByRole('button', { name: 'Run experiment' }).click();
    await expect(lab.getByTestId('pbs-summary')).toContainText(`W = ${w}, R = ${r}, 2,000 trials`, { timeout: 30_000 });
    const boxes = await lab.locator('.quorum-closed-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((b) => [b.top, b.bottom]));
    expect(boxes).toHaveLength(labels);
    const sorted = boxes.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i][0]).toBeGreaterThanOrEqual(sorted[i - 1][1] - 0.5);
  }
});

test('your run: after CP → AP with five replicas, and after Generate, the lab stops describing the scenario', async () => {
  await page.goto('networks');
  const cap = await ready(page, '#cp-minority-refuses-write', 45_000);
  const desc = cap.locator('[data-lab-part="scenario"] .lab-description');
  await expect(desc).not.toHaveAttribute('data-your-run');
  await cap.getByRole('button', { name: 'AP: availability' }).click();
  await cap.getByLabel('Replicas').selectOption('5');
  await expect(desc).toHaveAttribute('data-your-run', 'true');
  await expect(desc).toContainText('Your run: you changed the settings');
  await expect(cap.getByLabel('Scenario')).toHaveValue('');
  await expect(cap.getByLabel('Scenario').locator('option:checked')).toHaveText('Your run');
  // Picking a scenario again restores its description.
  await cap.getByLabel('Scenario').selectOption('cp-minority-refuses-write');
  await expect(desc).not.toHaveAttribute('data-your-run');
  await expect(desc).not.toContainText('Your run');

  await page.goto('ordering');
  const seq = await ready(page, '#seq', 45_000);
  await expect(seq.getByLabel('Scenario').locator('option:checked')).toHaveText('Everyone agrees, but late');
  await seq.getByRole('button', { name: /^Generate/ }).click();
  await expect(seq.getByLabel('Scenario').locator('option:checked')).toHaveText('Your run');
  await expect(seq.locator('[data-lab-part="scenario"] .lab-description')).toContainText('Your run: you acted on the run');
});
