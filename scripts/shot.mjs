#!/usr/bin/env node
// Dev helper: screenshot pages of the running preview so a person can look at them.
// Usage: node scripts/shot.mjs <url-path> <out.png> [width] [theme]
import { chromium } from '@playwright/test';
const [path = '', out = '/tmp/shot.png', width = '1280', theme = 'light'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 }, colorScheme: theme });
await page.goto(`http://127.0.0.1:4173/${path}`);
await page.waitForTimeout(800);
await page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
await browser.close();
