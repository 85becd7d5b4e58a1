/**
 * The lab design system in a real browser: every registered lab shows a step caption under its
 * picture (in the server HTML too) that changes as the reader steps and is what the live region
 * says; and the /lab-kit showcase draws every primitive, fits 360 px and passes axe in both themes.
 * One page per page type, serial.
 */
import { expect, test, type Page } from '@playwright/test';
import { labNames } from '../src/widgets/registry';
import { expectNarrowAndAccessible, ready, withoutJavaScript } from './helpers';

test('every lab on /labs has a step caption that changes when the reader steps, and the live region says it', async ({ page, browser }) => {
  test.setTimeout(240_000);
  // Poster frames: every lab's caption is in the server HTML, before any script runs.
  await withoutJavaScript(browser, 'labs', async (p) => {
    for (const name of labNames) await expect(p.locator(`#labs-${name} [data-lab-step]`), name).not.toBeEmpty();
  });
  await page.goto('labs');
  for (const name of labNames) {
    const lab = await ready(page, `#labs-${name}`);
    await lab.scrollIntoViewIfNeeded();
    const caption = lab.locator('[data-lab-step]');
    await expect(caption, name).toHaveCount(1);
    const before = (await caption.textContent())!.trim();
    expect(before.length, name).toBeGreaterThan(20);
    const step = lab.getByRole('button', { name: 'Step forward one event' });
    let after = before;
    for (let i = 0; i < 40 && after === before; i++) {
      await step.click();
      after = (await caption.textContent())!.trim();
    }
    expect(after, `${name}: the caption changes within 40 steps`).not.toBe(before);
    // The frame's one live region speaks the caption after a step (the caption itself is not a second one).
    await expect(caption).not.toHaveAttribute('aria-live');
    await expect(lab.locator(':scope > .lab-live'), name).toContainText(after);
  }
});

async function openKit(page: Page) {
  await page.goto('lab-kit');
  await expect(page.getByRole('heading', { level: 1, name: 'Lab kit' })).toBeVisible();
}

test('the lab kit draws every primitive live, fits 360 px and passes axe in both themes', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openKit(page);
  for (const name of ['The layout grid (LabFrame)', 'Step caption', 'Control rail', 'Cluster picture', 'Message glyphs with labels', 'Label placer', 'Term and role colours', 'Timeline', 'Space-time diagram', 'Event log', 'Fields and results', 'Motion']) {
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  }
  await expect(page.getByTestId('kit-caption')).toHaveText(/became a candidate for term 2/);
  await expect(page.locator('.lab-kit-chip')).toHaveCount(8);
  // Glyph labels never cover the servers' names.
  const names = await page.locator('.lab-kit-item:has(#kit-glyphs) .lab-node-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  const labels = await page.locator('.lab-kit-item:has(#kit-glyphs) .lab-glyph-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  expect(labels.length).toBe(4);
  const hit = (a: DOMRect, b: DOMRect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  for (const l of labels) for (const n of names) expect(hit(l, n)).toBe(false);
  // Motion: an entry slides into the log and out again.
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const cells = page.locator('.lab-kit-cell');
  await expect(cells).toHaveCount(3);
  const append = page.getByRole('button', { name: 'Append an entry' });
  await expect(append).toBeEnabled();
  await append.click();
  await expect(cells).toHaveCount(4);
  await page.getByRole('button', { name: 'Undo (step back)' }).click();
  await expect(cells).toHaveCount(3);
  // The live demo lab hydrates, and its rail collapses.
  const demo = await ready(page, '#lab-kit-demo');
  await demo.getByRole('button', { name: 'Hide controls' }).click();
  await expect(demo.locator('.lab-actions fieldset').first()).toBeHidden();
  await demo.getByRole('button', { name: 'Show controls' }).click();
  await expect(demo.locator('.lab-actions fieldset').first()).toBeVisible();
  await page.setViewportSize({ width: 360, height: 800 });
  await expectNarrowAndAccessible(page, '.lab-kit');
  expect(errors).toEqual([]);
});
