import { test, expect, type Page, type ConsoleMessage } from '@playwright/test';
import { axe, seriousViolations } from './axe';
import { chapters, routes } from './routes';
import { isHarnessNoise } from './helpers';

/** Collect console errors and warnings (React reports hydration mismatches there). */
/**
 * Resolves once the page has nothing left to do from loading: the main thread has had an idle moment
 * after two frames (hydration in a transition yields between chunks, so idle means it finished), and
 * every lab within a screen of the view has hydrated (they load on their own, src/widgets/whenNeeded.ts).
 */
async function settled(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(() => resolve(), { timeout: 5_000 }))),
      ),
  );
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          [...document.querySelectorAll('[data-lab-slot] [data-hydrated="false"]')].filter((el) => {
            const r = el.getBoundingClientRect();
            return r.top < innerHeight * 2 - 1 && r.bottom > -innerHeight + 1;
          }).length,
      ),
    )
    .toBe(0);
}

function watchConsole(page: Page) {
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !isHarnessNoise(m.text())) problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

test.describe('every route', () => {
  for (const r of routes) {
    test(`/${r.path} reads without JavaScript`, async ({ browser }) => {
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      const res = await page.goto(r.path);
      expect(res?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(r.heading);
      // Real body text is in the HTML, not filled in by script.
      const text = await page.locator('main').innerText();
      expect(text.length).toBeGreaterThan(300);
      // Nothing is parked in hidden streaming segments that only script would reveal, and every lab
      // shows its poster frame.
      await expect(page.locator('div[hidden][id^="S:"]')).toHaveCount(0);
      for (const slot of await page.locator('[data-lab-slot]').all()) await expect(slot).toBeVisible();
      await ctx.close();
    });

    test(`/${r.path} hydrates without console errors`, async ({ page }) => {
      const problems = watchConsole(page);
      await page.goto(r.path);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(r.heading);
      // Hydration is done once React attaches its handlers; the theme select becomes interactive.
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      // Then wait for what hydration queued (the chapter's Suspense chunks hydrate in a transition that
      // yields to the browser) and for the labs within a screen of the view, which load on their own.
      await settled(page);
      expect(problems).toEqual([]);
    });
  }
});

test('the keyboard alone reaches every chapter', async ({ page }) => {
  await page.goto('');
  // The "[" / "]" shortcuts are listeners added once the page has hydrated.
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  // From the cover, "Start reading" leads to chapter 1; then "]" walks the book.
  await page.getByRole('link', { name: 'Start reading' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chapters[0].title);
  for (const c of chapters.slice(1)) {
    await page.keyboard.press(']');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.title);
    await expect(page).toHaveURL(new RegExp(`/${c.slug}$`));
  }
  await page.keyboard.press('[');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chapters[chapters.length - 2].title);
  // The sidebar links are reachable by Tab too.
  await page.goto('');
  const sidebarLinks = page.locator('#book-nav a');
  await expect(sidebarLinks).toHaveCount(chapters.length + 2);
  let reached = 0;
  for (let i = 0; i < 80 && reached < chapters.length; i++) {
    await page.keyboard.press('Tab');
    const inNav = await page.evaluate(() => !!document.activeElement?.closest('#book-nav'));
    if (inNav) reached++;
  }
  expect(reached).toBe(chapters.length);
});

test('search finds a term in chapter 9 and lands on it', async ({ page }) => {
  const ch9 = chapters.find((c) => c.chapter === 9)!;
  await page.goto('');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.keyboard.press('/');
  const box = page.getByRole('combobox', { name: 'Search the book' });
  await expect(box).toBeFocused();
  await box.fill('read repair');
  const options = page.getByRole('listbox', { name: 'Results' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  // Arrow to the first result from chapter 9 and open it with Enter.
  const count = await options.count();
  let index = -1;
  for (let i = 0; i < count; i++) if ((await options.nth(i).innerText()).includes(ch9.title)) { index = i; break; }
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(options.nth(index)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/${ch9.slug}#`));
  const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
  const section = page.locator(`[id="${anchor}"]`);
  await expect(section).toBeInViewport();
  // The landed section (up to the next heading) mentions the term.
  const text = await page.evaluate((id) => {
    const h = document.getElementById(id)!;
    let s = h.textContent ?? '';
    for (let n = h.nextElementSibling; n && !/^H[23]$/.test(n.tagName); n = n.nextElementSibling) s += ' ' + (n.textContent ?? '');
    return s.toLowerCase();
  }, anchor);
  expect(text).toContain('read repair');
});

test('the theme choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(chapters[0].slug);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  // Applied by the inline boot script before paint, and the control shows the stored choice.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
});

test('corrupt localStorage does not break a page', async ({ page }) => {
  const problems = watchConsole(page);
  await page.addInitScript(() => {
    localStorage.setItem('uds:theme:v1', '{not json');
    localStorage.setItem('uds:progress:v1', '{"version":1,"chapters":{"x":{"scroll":"NaN"}},"last":42}');
  });
  await page.goto('');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Start reading' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chapters[0].title);
  expect(problems.filter((p) => !p.includes('favicon'))).toEqual([]);
  // Progress recovered and now records the visit (once the chapter page has hydrated).
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('uds:progress:v1')!).last)).toBe(chapters[0].slug);
});

test('an unknown URL shows the 404 page', async ({ page }) => {
  const res = await page.goto('no-such-chapter');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: chapters[0].title }).first()).toBeVisible();
});

test.describe('at 360 px wide', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  for (const r of routes) {
    test(`/${r.path} has no horizontal scroll`, async ({ page }) => {
      await page.goto(r.path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
  test('the contents menu opens and closes', async ({ page }) => {
    await page.goto(chapters[0].slug);
    const toggle = page.getByRole('button', { name: 'Contents' });
    await expect(page.locator('#book-nav')).toBeHidden();
    await toggle.click();
    await expect(page.locator('#book-nav')).toBeVisible();
    await page.locator('#book-nav').getByRole('link', { name: chapters[1].title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(chapters[1].title);
    await expect(page.locator('#book-nav')).toBeHidden();
  });
});

test.describe('accessibility (axe)', () => {
  // The in-page runner must still find problems: a nameless button is a critical violation.
  test('the axe runner reports a violation it is shown', async ({ page }) => {
    await page.goto('glossary');
    // Plant it after hydration: hydration runs in a transition and may still be going at `load`,
    // and React would drop a node it did not render while it hydrates that part of the page.
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await page.evaluate(() => document.querySelector('main')?.append(document.createElement('button')));
    expect(seriousViolations(await axe(page)).some((v) => v.startsWith('button-name'))).toBe(true);
    expect((await axe(page, 'main')).violations.map((v) => v.id)).toContain('button-name');
  });
  // One page load per route: the light theme is checked first, then the system preference turns
  // dark and the page follows it live (ThemeToggle listens to the media query), so the same page is
  // checked again in the dark theme.
  for (const r of routes) {
    test(`/${r.path} in the light and dark themes`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(r.path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
      await page.waitForLoadState('networkidle');
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      expect(seriousViolations(await axe(page)), 'light theme').toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      expect(seriousViolations(await axe(page)), 'dark theme').toEqual([]);
    });
  }
});

test('a glossary term opens its definition on hover and focus, and Esc closes it', async ({ page }) => {
  await page.goto(chapters[0].slug);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const term = page.locator('.prose a.term').first();
  const tip = page.locator('.term-wrap').first().getByRole('tooltip');
  await expect(tip).toBeHidden();
  await term.hover();
  await expect(tip).toBeVisible();
  await page.mouse.move(0, 0);
  await expect(tip).toBeHidden();
  await term.focus();
  await expect(tip).toBeVisible();
  // The link is described by its definition for screen readers.
  const describedBy = await term.getAttribute('aria-describedby');
  expect(await tip.getAttribute('id')).toBe(describedBy);
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  // Following the term leads to its glossary entry.
  const href = await term.getAttribute('href');
  await term.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/glossary#${href!.split('#')[1]}$`));
  await expect(page.locator(`[id="${href!.split('#')[1]}"]`)).toBeInViewport();
});

test('the on-page contents follow the section being read', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(chapters[0].slug);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const toc = page.getByRole('navigation', { name: 'On this page' });
  const links = toc.getByRole('link');
  const third = links.nth(2);
  const id = (await third.getAttribute('href'))!.slice(1);
  await page.locator(`[id="${id}"]`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await expect(third).toHaveAttribute('aria-current', 'location');
  await expect(toc.locator('[aria-current="location"]')).toHaveCount(1);
});

test('reading progress is remembered and offered on the cover', async ({ page }) => {
  await page.goto(chapters[2].slug);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  // The chapter records how far it was read; wait until that is stored, then open the cover.
  await expect
    .poll(() => page.evaluate((slug) => (JSON.parse(localStorage.getItem('uds:progress:v1') ?? '{}')?.chapters?.[slug]?.scroll ?? 0) > 0, chapters[2].slug))
    .toBe(true);
  await page.goto('');
  const cont = page.getByRole('link', { name: new RegExp(`Continue where you left off: ${chapters[2].chapter}\\.`) });
  await expect(cont).toBeVisible();
  await expect(page.locator('#book-nav a[data-visited]')).toHaveCount(1);
  await cont.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chapters[2].title);
});
