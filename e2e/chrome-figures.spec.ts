/**
 * Static figures on a 360 px phone (issue 19): every chapter's figures fit their frame with no
 * sideways scroll, and every label renders at 11 px or more. One page, serial, all chapters.
 */
import { test, expect } from '@playwright/test';
import { chapters } from './routes';

test('every figure fits 360 px with no sideways scroll and labels of at least 11 px', async ({ browser }) => {
  test.setTimeout(180_000);
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  let figures = 0;
  const problems: string[] = [];
  const small: string[] = [];
  for (const c of chapters) {
    await page.goto(c.slug);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    const ids = await page.locator('.prose figure.figure').evaluateAll((els) => els.map((e) => e.id));
    for (const id of ids) {
      figures++;
      // figure[id]: a chapter may reuse a figure's id on a card (a content defect reported separately).
      const fig = page.locator(`figure[id="${id}"]`);
      await fig.scrollIntoViewIfNeeded();
      // Labels are sized after layout (a ResizeObserver); give it a frame or two.
      await expect
        .poll(() =>
          fig.evaluate((el) => {
            const art = el.querySelector<HTMLElement>('.figure-art')!;
            const out: string[] = [];
            if (art.scrollWidth > art.clientWidth + 1) out.push(`scrolls sideways (${art.scrollWidth} > ${art.clientWidth})`);
            // A figure drawn again for phones (<svg data-layout="narrow">) shows that drawing, not the wide one.
            if (art.hasAttribute('data-narrow') && (!art.querySelector('.figure-narrow svg')?.getClientRects().length || art.querySelector('.figure-whole')?.getClientRects().length))
              out.push('shows its wide drawing instead of its phone layout');
            const r = art.getBoundingClientRect();
            if (r.right > innerWidth + 0.5) out.push(`frame overflows the page (${r.right})`);
            // A drawing whose labels would collide if enlarged keeps them as drawn (Figure.tsx marks it).
            if (el.querySelector('.figure-art svg[data-labels="small"]')) return out;
            for (const t of el.querySelectorAll<SVGTextElement>('text')) {
              if (!t.getClientRects().length || !t.textContent?.trim()) continue; // hidden layout or empty
              const m = t.getScreenCTM();
              const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1); // rotated labels too
              if (px < 10.95) out.push(`"${t.textContent.trim().slice(0, 30)}" at ${px.toFixed(1)} px`);
            }
            return out.slice(0, 4);
          }),
        )
        .toEqual([])
        .catch((e: Error) => problems.push(`/${c.slug}#${id}: ${e.message.split('\n').slice(0, 12).join(' ')}`));
      if (await fig.locator('.figure-art svg[data-labels="small"]').count()) small.push(id);
    }
  }
  expect(figures).toBeGreaterThan(10);
  expect(problems).toEqual([]);
  // Every drawing laid out for 640 px whose labels collided when enlarged to 11 px now has a phone
  // layout of its own (<svg data-layout="narrow">), so no figure keeps small labels at 360 px.
  expect(small, 'figures with labels under 11 px').toEqual([]);
  // A drawing with no phone layout whose labels would collide at 11 px keeps them small and offers
  // "Enlarge figure": a modal with the drawing at its drawn size (labels at 11 px or more), panned
  // sideways with a cue; Escape closes it and focus returns. No chapter has such a figure now, so the
  // last phone-layout figure is shown without its phone layout, as a chapter that drew none would be.
  const wideId = await page.locator('.prose figure.figure:has(.figure-art[data-narrow])').last().getAttribute('id');
  const wideOnly = page.locator(`figure[id="${wideId}"]`);
  await wideOnly.evaluate((el) => el.querySelector('.figure-art')!.removeAttribute('data-narrow'));
  const zoom = wideOnly.getByRole('button', { name: 'Enlarge figure' });
  await zoom.scrollIntoViewIfNeeded();
  await zoom.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Scroll sideways');
  const minPx = await dialog.locator('svg text').evaluateAll((ts) =>
    Math.min(...ts.filter((t) => t.textContent?.trim()).map((t) => parseFloat(getComputedStyle(t).fontSize) * Math.hypot((t as SVGTextElement).getScreenCTM()!.a, (t as SVGTextElement).getScreenCTM()!.b))),
  );
  expect(minPx).toBeGreaterThanOrEqual(10.95);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(zoom).toBeFocused();
  // No page scrolls sideways either.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await ctx.close();
});
