#!/usr/bin/env node
// Dev helper: screenshot a page (or one element) of the site served by `node scripts/serve-static.mjs`
// (port 4180) so a person can look at it,
// and print any console errors. Usage: node scripts/shot.mjs <url-path> <out.png> [width] [theme] [css-selector]
import { chromium } from '@playwright/test';
const [path = '', out = '/tmp/shot.png', width = '1280', theme = 'light', selector] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 }, colorScheme: theme });
const errors = [];
page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
page.on('pageerror', (e) => errors.push(e.message));
await page.goto(`http://127.0.0.1:4180/${path}`);
await page.waitForTimeout(1500);
if (selector) {
  const el = page.locator(selector).first();
  await el.scrollIntoViewIfNeeded();
  await el.screenshot({ path: out });
} else await page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
if (errors.length) console.log(errors.join('\n'));
await browser.close();
