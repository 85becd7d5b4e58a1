/**
 * Soak test (not part of `npm test`): plays every lab on /labs at its fastest speed for N minutes
 * each (restarting it whenever it reaches the end), then runs the Raft Figure 16 and PBS experiments
 * repeatedly. Every SAMPLE seconds it records the JS heap (after a forced GC), the longest task since
 * the last sample, and how long the lab takes to answer a key press (Space: play/pause). Prints one
 * line per sample and a summary per lab with heap growth, against the goals: heap growth at most
 * 10 MB per lab over 10 minutes, no long task over 200 ms, the page answering the keyboard.
 *
 *   npm run build && npm run soak -- --minutes=10 [--sample=30] [--dir=dist] [--port=4310] [--only=RaftLab]
 */
import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';

const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const MINUTES = Number(arg('minutes', '10'));
const SAMPLE_S = Number(arg('sample', '30'));
const DIR = arg('dir', process.env.OUT_DIR ?? 'dist');
const PORT = Number(arg('port', '4310'));
const ONLY = arg('only', '');
const SKIP = arg('skip', '').split(',').filter(Boolean);
const base = `http://127.0.0.1:${PORT}/`;

interface Sample {
  heapMB: number;
  longestMs: number;
  keyMs: number;
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1048576;
}

async function longestAndReset(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    const v = w.__longest;
    w.__longest = 0;
    return v;
  });
}

/**
 * Time from a Space press inside the lab until its Play/Pause button changes, then put it back.
 * NaN when it never changed within 10 s (counted as "no answer" in the summary).
 */
async function keyAnswerMs(page: Page, lab: string): Promise<number> {
  await keepPlaying(page, lab);
  return keyAnswerOnce(page, lab).catch(() => NaN);
}

async function keyAnswerOnce(page: Page, lab: string): Promise<number> {
  const btn = page.locator(`${lab} .lab-transport .lab-btn-primary`);
  const before = await btn.textContent();
  await page.locator(`${lab} .lab-transport .lab-btn-primary`).focus();
  const t0 = Date.now();
  await page.keyboard.press('Space');
  await page.waitForFunction(([sel, b]) => document.querySelector(sel)?.textContent !== b, [`${lab} .lab-transport .lab-btn-primary`, before] as const, { timeout: 10_000 });
  const ms = Date.now() - t0;
  await page.keyboard.press('Space');
  return ms;
}

async function keepPlaying(page: Page, lab: string): Promise<void> {
  const btn = page.locator(`${lab} .lab-transport .lab-btn-primary`);
  if ((await btn.textContent()) === 'Play') {
    // At the end: start over.
    const reset = page.locator(`${lab} .lab-transport`).getByRole('button', { name: 'Reset' });
    await reset.click();
    await btn.click();
  }
}

function report(name: string, samples: Sample[]) {
  if (!samples.length) return console.log(`${name}: no samples`);
  const growth = samples[samples.length - 1].heapMB - samples[0].heapMB;
  const longest = Math.max(...samples.map((s) => s.longestMs));
  const answered = samples.filter((s) => Number.isFinite(s.keyMs));
  const key = answered.length ? Math.max(...answered.map((s) => s.keyMs)) : NaN;
  const unanswered = samples.length - answered.length;
  const perTen = MINUTES > 0 ? (growth * 10) / MINUTES : growth;
  console.log(
    `SUMMARY ${name}: heap ${samples[0].heapMB.toFixed(1)} -> ${samples[samples.length - 1].heapMB.toFixed(1)} MB (growth ${growth.toFixed(2)} MB, ~${perTen.toFixed(1)} MB per 10 min${perTen > 10 ? ' OVER GOAL' : ''}); longest task ${longest.toFixed(0)} ms${longest > 200 ? ' OVER GOAL' : ''}; slowest key answer ${key} ms${unanswered ? `, ${unanswered} key press(es) unanswered in 10 s` : ''}`,
  );
}

async function main() {
  const server = spawn('node', ['scripts/serve-static.mjs', DIR, String(PORT)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  try {
    await page.goto(`${base}labs`);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    const ids = await page.locator('section.lab').evaluateAll((els) => els.map((e) => e.id).filter(Boolean));
    for (const id of ids) {
      const lab = `#${CSS_escape(id)}`;
      const name = (await page.locator(`${lab} .lab-title`).first().textContent())?.trim() ?? id;
      if ((ONLY && !name.includes(ONLY) && !id.includes(ONLY)) || SKIP.some((x) => id.includes(x))) continue;
      await page.locator(lab).scrollIntoViewIfNeeded();
      await page.keyboard.press('Shift');
      await page.locator(`${lab}[data-hydrated="true"]`).waitFor({ timeout: 60_000 });
      await page.locator(lab).getByLabel('Speed').first().selectOption({ index: 5 });
      await page.locator(`${lab} .lab-transport .lab-btn-primary`).click();
      await longestAndReset(page);
      const samples: Sample[] = [];
      const end = Date.now() + MINUTES * 60_000;
      let next = Date.now();
      while (Date.now() < end + 1) {
        if (Date.now() >= next) {
          const s = { heapMB: await heapMB(page), longestMs: await longestAndReset(page), keyMs: await keyAnswerMs(page, lab) };
          samples.push(s);
          console.log(`${id}: heap ${s.heapMB.toFixed(1)} MB, longest task ${s.longestMs.toFixed(0)} ms, key answer ${s.keyMs} ms`);
          next += SAMPLE_S * 1000;
        }
        await keepPlaying(page, lab);
        await page.waitForTimeout(500);
      }
      await page.locator(`${lab} .lab-transport`).getByRole('button', { name: 'Reset' }).click();
      report(`${name}#${id}`, samples);
    }
    // Experiments, repeatedly: Raft's Figure 16 (election downtime) and PBS (QuorumLab), both on /ordering (the first QuorumLab holds the PBS panel).
    const experiments = [
      { name: 'Raft Figure 16', lab: '#leader-election', button: /^Run election downtime/ },
      { name: 'PBS', lab: '#overlap-reads-latest', button: /^Run experiment$/ },
    ];
    for (const x of experiments) {
      await page.goto(`${base}ordering`);
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      const run = page.locator(x.lab).getByRole('button', { name: x.button }).first();
      if (!(await run.count())) {
        console.log(`${x.name}: no experiment button; skipped`);
        continue;
      }
      await run.scrollIntoViewIfNeeded();
      await page.keyboard.press('Shift');
      await longestAndReset(page);
      const samples: Sample[] = [];
      const end = Date.now() + MINUTES * 60_000;
      let next = Date.now();
      let runs = 0;
      while (Date.now() < end) {
        await expectEnabled(run);
        await run.click();
        runs++;
        await page.waitForTimeout(300);
        await expectEnabled(run);
        if (Date.now() >= next) {
          const s = { heapMB: await heapMB(page), longestMs: await longestAndReset(page), keyMs: 0 };
          samples.push(s);
          console.log(`${x.name} run ${runs}: heap ${s.heapMB.toFixed(1)} MB, longest task ${s.longestMs.toFixed(0)} ms`);
          next += SAMPLE_S * 1000;
        }
      }
      report(`experiment ${x.name} (${runs} runs)`, samples);
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

async function expectEnabled(btn: import('@playwright/test').Locator): Promise<void> {
  for (let i = 0; i < 1200 && (await btn.isDisabled()); i++) await new Promise((r) => setTimeout(r, 250));
}

function CSS_escape(s: string): string {
  return s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
