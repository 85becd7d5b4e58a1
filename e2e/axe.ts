/**
 * Runs axe-core inside the page. `@axe-core/playwright`'s AxeBuilder runs axe per frame and then
 * opens a second blank page to merge the results, which costs about 6 s per run on a long chapter
 * here (measured: 9.8 s against 3.8 s on /ordering, same violations). Our pages have a single frame,
 * so we inject axe-core and call `axe.run` directly, with the same default rule set; a page that
 * does have child frames falls back to AxeBuilder so no frame goes unchecked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';

const require = createRequire(import.meta.url);
let source: string | undefined;

/** axe's results for the whole page, or only for the elements matching `include`. */
export async function axe(page: Page, include?: string): Promise<AxeResults> {
  if (page.frames().length > 1) {
    const builder = new AxeBuilder({ page });
    return (include ? builder.include(include) : builder).analyze();
  }
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, not added as an inline <script>: the pages' CSP
  // (script-src 'self' + the theme hash) rightly blocks inline scripts a test would inject.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  return page.evaluate(async (sel) => {
    const run = (window as unknown as { axe: { run(ctx: unknown): Promise<AxeResults> } }).axe.run;
    // A selector that matches nothing would make axe throw; report that as an error instead.
    if (sel && !document.querySelector(sel)) throw new Error(`axe: nothing matches ${sel}`);
    return run(sel ? { include: [sel] } : document);
  }, include ?? null);
}

/** The serious and critical violations, one line each (rule id and up to three targets). */
export function seriousViolations(results: AxeResults): string[] {
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
