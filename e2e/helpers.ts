/**
 * What every lab spec needs, in one place: waking a lab and waiting for it to hydrate, checking the
 * poster frames a reader without JavaScript sees, and the 360 px + axe check in both themes.
 */
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { axe } from './axe';

/** The colour themes every lab is checked in. */
export const THEMES = ['light', 'dark'] as const;

/**
 * Wait until the lab `lab` (a CSS selector for its root) has hydrated, and return it. Labs load near
 * the viewport or on the reader's first interaction (src/widgets/whenNeeded.ts): once the page's own
 * script runs, a harmless key press wakes them, as a reader's first key would. The press is repeated
 * because the page only listens once it is interactive. Generous timeout: chapter pages hydrate
 * several labs, and machines are shared.
 */
export async function ready(page: Page, lab: string, timeout = 30_000): Promise<Locator> {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout });
  await expect(async () => {
    await page.keyboard.press('Shift');
    await expect(page.locator(`${lab}[data-hydrated="true"]`)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout });
  return page.locator(lab);
}

/** Open `path` with JavaScript off, run `check` on that page, and close it. */
export async function withoutJavaScript(browser: Browser, path: string, check: (page: Page) => Promise<void>): Promise<void> {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await ctx.newPage();
    await page.goto(path);
    await check(page);
  } finally {
    await ctx.close();
  }
}

/**
 * A lab's poster frame, as the server rendered it: the lab is there but not hydrated, its picture
 * (`picture`, a selector inside the lab) is visible, and its scenario is described.
 */
export async function expectPoster(page: Page, lab: string, picture: string): Promise<void> {
  await expect(page.locator(`${lab}[data-hydrated="false"]`)).toBeVisible();
  await expect(page.locator(`${lab} ${picture}`).first()).toBeVisible();
  await expect(page.locator(`${lab} .lab-description`).first()).not.toBeEmpty();
}

/** Switch the page's colour theme the way the theme control does. */
export async function setTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
}

/**
 * The lab fits a 360 px wide viewport (call `page.setViewportSize` first) and axe finds no violations
 * in it, in every theme: one page load checks both, as the readers' light and dark pages are the same DOM.
 */
export async function expectNarrowAndAccessible(page: Page, lab: string, width = 360): Promise<void> {
  for (const theme of THEMES) {
    await setTheme(page, theme);
    const box = await page.locator(lab).boundingBox();
    expect(box && box.x + box.width, `${lab} fits ${width} px (${theme})`).toBeLessThanOrEqual(width);
    const results = await axe(page, lab);
    expect(results.violations.map((v) => `${lab} (${theme}) ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
}
