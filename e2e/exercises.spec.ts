// Exercises are answerable by keyboard alone, and the page does not give the answer away before the
// reader tries. For every chapter, the first exercise is answered wrongly and then correctly using
// only Tab, Shift+Tab, arrow keys, Space and Enter; the expected option and feedback come from the
// chapter's MDX source, parsed by the same library as the content check.
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { chapters } from './routes';
import { loadChapter } from '../src/book/content/files';
import { attr, jsxElements } from '../src/book/content/mdx';
import { exerciseOrder } from '../src/book/mdx/exerciseOrder';

interface Option {
  text: string;
  correct?: boolean;
  feedback: string;
}

/** The first exercise of a chapter file: its id and options, as written in the MDX. */
function firstExercise(file: string): { id: string; options: Option[] } {
  // Chapter files in the table of contents are site-absolute ('/content/…'); make them repo-relative.
  const ch = loadChapter(resolve(import.meta.dirname, '..', file.replace(/^\//, '')));
  const [ex] = jsxElements(ch.tree, 'Exercise');
  if (!ex) throw new Error(`${file} has no <Exercise>`);
  return { id: String(attr(ex, 'id')), options: attr(ex, 'options') as Option[] };
}

/** Wait until React has hydrated (it attaches props to the theme control), as platform.spec does. */
async function hydrated(page: Page) {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** Move the checked radio from index `from` to `to` with arrow keys (focus must be on the group). */
async function arrowTo(page: Page, from: number, to: number) {
  const key = to > from ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(to - from); i++) await page.keyboard.press(key);
}

for (const c of chapters) {
  test(`/${c.slug}: the first exercise can be answered by keyboard`, async ({ page }) => {
    const { id, options } = firstExercise(c.file);
    // Options show in a deterministic shuffled order (src/book/mdx/exerciseOrder.ts; the first
    // exercise has ordinal 0): positions below are as shown.
    const order = exerciseOrder(id, 0, options);
    const right = order.indexOf(options.findIndex((o) => o.correct === true));
    const wrong = right === 0 ? 1 : 0;

    const response = await page.goto(c.slug);
    await hydrated(page);
    const form = page.locator(`form[data-exercise="${id}"]`);
    await expect(form).toBeVisible();

    // Nothing gives the answer away before the reader tries: no feedback in the served HTML or the DOM.
    const served = (await response?.text()) ?? '';
    for (const o of options) {
      expect(served, 'feedback must not be in the served HTML').not.toContain(o.feedback);
      await expect(form).not.toContainText(o.feedback);
    }
    const feedback = form.locator('.exercise-feedback');
    await expect(feedback).toHaveAttribute('aria-live', 'polite');

    // The shown order matches the computed one (and so the server's: no hydration mismatch).
    await expect(form.locator('.exercise-option span')).toHaveText(order.map((i) => options[i].text));
    // Focus the group, select the first option with Space, arrow to a wrong option, Tab to the button, Enter.
    await form.getByRole('radio').first().focus();
    await page.keyboard.press('Space');
    await arrowTo(page, 0, wrong);
    await expect(form.getByRole('radio').nth(wrong)).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(form.getByRole('button', { name: 'Check answer' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(feedback).toContainText('Not quite.');
    await expect(feedback).toContainText(options[order[wrong]].feedback);

    // Back to the group with Shift+Tab, arrow to the right option, and check again.
    await page.keyboard.press('Shift+Tab');
    await expect(form.getByRole('radio').nth(wrong)).toBeFocused();
    await arrowTo(page, wrong, right);
    await expect(form.getByRole('radio').nth(right)).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(feedback).toContainText('Correct.');
    await expect(feedback).toContainText(options[order[right]].feedback);
  });
}
