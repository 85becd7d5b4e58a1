import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNarrowAndAccessible, expectRunCancels, ready } from './helpers';

// ShardingLab (src/widgets/sharding) on chapter 8: the poster frame without JavaScript; every
// scenario by mouse (picker + time scrubber); adding and undoing a node by keyboard; a copy-link
// round trip; the ring experiment cancelled, then run to completion in its worker; 360 px and axe
// in both themes. One shared page load.
const CHAPTER = 'sharding';
const RING = '[id="shard-ring"]';

/** What each scenario's caption says once its membership change (if any) has happened. */
const EXPECT: Record<string, RegExp> = {
  'ring-add-node': /E joined: \d+ of 400 keys moved .* Every one went to E/,
  'mod-n-reshuffles': /Hash mod N changed the divisor from 4 to 5/,
  'one-point-per-node': /With 1 point per node the busiest node holds/,
  'jump-hash': /Every one went to E: jump hash moves a key/,
  'rendezvous-remove': /B left: .* Only B's keys moved, to 3 nodes: each key goes to its second-highest scorer/,
  'zipf-hot-key': /serves \d+% of requests, .* because popularity is skewed \(Zipf 1\.1\)/,
  'salted-hot-key': /even with the 3 hottest keys salted/,
  'timestamps-hot-range': /all new writes go to the last range: one node takes 100% of them/,
  'prefixed-timestamps': /The hash prefix puts new writes at the end of 16 ranges/,
  'fixed-partitions': /Every one went to E: E took whole partitions/,
};

const CHANGES = new Set(['ring-add-node', 'mod-n-reshuffles', 'jump-hash', 'rendezvous-remove', 'fixed-partitions']);

/** Wake `lab` with the shared helper and bring it into view. */
async function wake(page: Page, lab: string) {
  await (await ready(page, lab)).scrollIntoViewIfNeeded();
}

test('poster frame: without JavaScript each lab shows its ring, loads and a caption', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(CHAPTER);
  for (const id of ['shard-modn', 'shard-ring', 'shard-vnodes', 'shard-hot', 'shard-time', 'shard-fixed', 'shard-hrw']) {
    const lab = page.locator(`[id="${id}"][data-hydrated="false"]`);
    await expect(lab.locator('svg.shard-ring')).toBeVisible();
    await expect(lab.getByTestId('shard-loads')).toBeVisible();
    await expect(lab.getByTestId('shard-caption')).not.toBeEmpty();
  }
  // Before the join, the ring's picture already shows arcs in all four nodes' colours.
  const owners = await page.locator(`${RING} .shard-arcs path`).evaluateAll((ps) => [...new Set(ps.map((p) => p.getAttribute('data-node')))].sort());
  expect(owners).toEqual(['A', 'B', 'C', 'D']);
  await ctx.close();
});

test.describe('on one shared page', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    page = await browser.newPage();
    await page.goto(CHAPTER);
    await wake(page, RING);
  });
  test.afterAll(async () => page.close());

  test('by mouse: every scenario from the picker, scrubbed past its membership change', async () => {
    const lab = page.locator(RING);
    for (const [id, caption] of Object.entries(EXPECT)) {
      await lab.getByLabel('Scenario').selectOption(id);
      // Only five scenarios change membership (at 1 s); the others say their piece at t = 0.
      if (CHANGES.has(id)) await lab.getByLabel('Virtual time').fill('1200');
      await expect(lab.getByTestId('shard-caption')).toContainText(caption);
      // Mod N moves keys between old nodes; the ring moves them only to the newcomer.
      if (id === 'mod-n-reshuffles') await expect(lab.getByTestId('shard-moved')).toContainText(/hash mod N would move 80\.0% · to A \d+, B \d+, C \d+, D \d+, E \d+/);
      if (id === 'ring-add-node') {
        await expect(lab.getByTestId('shard-moved')).toContainText(/ideal 20\.0% · hash mod N would move 80\.0% · to E \d+$/);
        const dests = await lab.locator('.shard-moved g').evaluateAll((gs) => [...new Set(gs.map((g) => g.getAttribute('data-to')))]);
        expect(dests).toEqual(['E']);
      }
    }
    await lab.getByLabel('Scenario').selectOption('ring-add-node');
  });

  test('by keyboard: Add a node with Enter, ← undoes it, the scheme select changes the picture', async () => {
    const lab = page.locator(RING);
    await lab.getByRole('button', { name: 'Reset' }).click();
    await lab.getByRole('button', { name: 'Add a node' }).focus();
    await page.keyboard.press('Enter');
    await expect(lab.getByTestId('shard-moved')).toContainText(/Moved \d+ keys/);
    await expect(lab.getByRole('button', { name: 'Remove E' })).toBeVisible();
    await page.keyboard.press('ArrowLeft');
    await expect(lab.getByTestId('shard-moved')).toHaveCount(0);
    await expect(lab.getByRole('button', { name: 'Remove E' })).toHaveCount(0);
    await lab.getByLabel('Placement').focus();
    await lab.getByLabel('Placement').selectOption('jump');
    await expect(lab.locator('.shard-arcs path')).toHaveCount(0);
    await expect(lab.getByRole('button', { name: 'Remove A' })).toBeDisabled();
    await lab.getByLabel('Placement').selectOption('ring');
  });

  test('copy link round trip restores the moment and the reader’s settings', async () => {
    const lab = page.locator(RING);
    await lab.getByRole('button', { name: 'Reset' }).click();
    await lab.getByRole('combobox', { name: 'Points per node' }).selectOption('32');
    await lab.getByRole('button', { name: 'Add a node' }).click();
    const moved = await lab.getByTestId('shard-moved').textContent();
    await lab.getByRole('button', { name: 'Copy link' }).click();
    const url = page.url();
    expect(url).toContain('lab-shard-ring=v2.');
    await page.goto(url);
    await wake(page, RING);
    const again = page.locator(RING);
    await expect(again.getByRole('combobox', { name: 'Points per node' })).toHaveValue('32');
    await expect(again.getByTestId('shard-moved')).toHaveText(moved!);
  });

  test('experiment: a long run is cancelled, then a short one runs to completion in the worker', async () => {
    const lab = page.locator(RING);
    const panel = lab.locator('.exp-panel[data-experiment="ring"]');
    await expectRunCancels(page, panel, panel.getByTestId('ring-result'), () => panel.getByLabel('Layouts').fill('400'));
    await panel.getByLabel('Layouts').fill('4');
    await panel.getByLabel('Keys').fill('5000');
    await panel.getByRole('button', { name: 'Run experiment' }).click();
    const table = panel.getByTestId('ring-result');
    await expect(table).toBeVisible({ timeout: 20_000 });
    await expect(table.locator('tr', { hasText: 'anywhere but the new node' }).locator('td').first()).toHaveText('0');
    await expect(table).toContainText('9.1% (mod N: 90.9%)');
  });

  test('fits 360 px and is axe-clean in both themes', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator(RING).scrollIntoViewIfNeeded();
    // 100 keys instead of 400: the same structure for axe to check, a quarter of the nodes.
    await page.locator(RING).getByRole('combobox', { name: 'How many' }).selectOption('100');
    await expectNarrowAndAccessible(page, RING);
  });
});
