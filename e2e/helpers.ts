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

/**
 * Open the page a spec's serial tests share: `path` (at `viewport` when given) with `lab` woken and in
 * view. One load serves every test of the describe; use it from `test.beforeAll`, and close it with
 * `page.context().close()`. Its own context blocks the book's service worker (src/book/offline):
 * requests a service worker answers never reach `page.route`, so `holdWorkers` could not hold the
 * experiment worker's script (the offline behaviour has its own spec).
 */
export async function openShared(browser: Browser, path: string, lab: string, viewport?: { width: number; height: number }): Promise<Page> {
  const ctx = await browser.newContext({ serviceWorkers: 'block', ...(viewport ? { viewport } : {}) });
  const page = await ctx.newPage();
  await page.goto(path);
  await (await ready(page, lab)).scrollIntoViewIfNeeded();
  return page;
}

const WORKER_SCRIPT = '**/experiment.worker*';

/**
 * Hold every experiment worker's script until `release()`, so that a run is certainly in flight when
 * the test presses Cancel. `started()` waits until the page has asked for a worker; `release()` lets
 * the held requests through and stops holding new ones.
 */
export async function holdWorkers(page: Page): Promise<{ started: () => Promise<void>; release: () => Promise<void> }> {
  let open = () => {};
  let loads = 0;
  const held = new Promise<void>((r) => (open = r));
  await page.route(WORKER_SCRIPT, async (route) => {
    loads++;
    await held;
    await route.continue().catch(() => {});
  });
  return {
    started: () => expect.poll(() => loads).toBeGreaterThan(0),
    release: async () => {
      open();
      await page.unroute(WORKER_SCRIPT);
    },
  };
}

/**
 * Press "Run experiment" in `panel` (an `.exp-panel`, after `fill` sets a long run's fields) with
 * the worker's script held, press Cancel while the run is certainly in flight, and check the panel
 * says cancelled and shows no `result`. The hold is released, so the next run loads normally.
 */
export async function expectRunCancels(page: Page, panel: Locator, result: Locator, fill: () => Promise<void> = async () => {}): Promise<void> {
  await panel.scrollIntoViewIfNeeded();
  const worker = await holdWorkers(page);
  await fill();
  await panel.getByRole('button', { name: 'Run experiment' }).click();
  await worker.started();
  await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
  await worker.release();
  await expect(panel).toHaveAttribute('data-status', 'cancelled');
  await expect(result).toHaveCount(0);
}

/**
 * Console lines the test harness itself causes, not the book: playwright.config.ts blocks service
 * workers, and Chromium then reports the book's (caught) registration as blocked.
 */
export function isHarnessNoise(text: string): boolean {
  return text.includes('Service Worker registration blocked by Playwright');
}
