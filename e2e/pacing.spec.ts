import { expect, test, type Page } from '@playwright/test';
import { ready } from './helpers';

// Issue 12's calibration, as a reader meets it: at 1× one network hop takes ½–1 s of wall time
// (src/widgets/shared/pace.ts), and a faster speed is one key press away. The page's clock is
// fake, so wall time is exact however loaded the machine is. One page for both checks.
const PATH = 'networks';
const CAP = '#cp-minority-refuses-write';

test.describe.configure({ mode: 'serial' });
let page: Page;

test.beforeAll(async ({ browser }) => {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  page = await ctx.newPage();
  await page.clock.install();
  await page.goto(PATH);
  await (await ready(page, CAP)).scrollIntoViewIfNeeded();
  // From here on, time moves only when the test says so.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
});

test.afterAll(async () => {
  await page.context().close();
});

/** The lab's virtual time, from its clock readout ("t = 123 ms · 4 events"). */
async function virtualMs(): Promise<number> {
  const text = (await page.locator(`${CAP} .lab-clock`).textContent()) ?? '';
  const m = /t = (\d+) ms/.exec(text);
  expect(m, text).not.toBeNull();
  return Number(m![1]);
}

test('at 1× the first message hop takes between 0.5 and 1 s of wall time', async () => {
  const lab = page.locator(CAP);
  await expect(lab.getByLabel('Speed')).toHaveValue('1');
  // The speed menu says what 1× means here: the lab's typical hop and the wall time it takes.
  const title = (await lab.locator('label.lab-field', { has: page.getByLabel('Speed') }).getAttribute('title')) ?? '';
  const hopMs = Number(/one message hop \((\d+(?:\.\d+)?) ms\) takes 0\.75 s/.exec(title)?.[1]);
  expect(hopMs, title).toBeGreaterThan(0);

  await lab.getByRole('button', { name: 'Play', exact: true }).click();
  // Watch the picture in 40 ms steps: when the first message appears, follow it until it lands.
  const titles = () => lab.locator('.lab-cluster .lab-msg title').allTextContents();
  let wall = 0;
  let first: string | null = null;
  let sentAt = 0;
  let landedAt = 0;
  while (wall < 4000 && !landedAt) {
    await page.clock.runFor(40);
    wall += 40;
    const now = await titles();
    if (first === null && now.length > 0) {
      first = now[0]!;
      sentAt = wall;
    } else if (first !== null && !now.includes(first)) landedAt = wall;
  }
  expect(first, 'a message appeared').not.toBeNull();
  const hopWall = landedAt - sentAt;
  expect(hopWall, `"${first}" was on the wire for ${hopWall} ms of wall time`).toBeGreaterThanOrEqual(500 - 40);
  expect(hopWall).toBeLessThanOrEqual(1000 + 40);
  test.info().annotations.push({ type: 'first hop', description: `"${first}": ${hopWall} ms of wall time at 1×` });

  // The same calibration from the clock: one second of wall time moves the lab by about 1⅓ hops.
  const t0 = await virtualMs();
  await page.clock.runFor(1000);
  const perWallMs = ((await virtualMs()) - t0) / 1000;
  const wallPerHop = hopMs / perWallMs;
  expect(wallPerHop).toBeGreaterThanOrEqual(500);
  expect(wallPerHop).toBeLessThanOrEqual(1000);
  test.info().annotations.push({ type: 'pace', description: `${perWallMs.toFixed(3)} virtual ms per wall ms; a ${hopMs} ms hop takes ${Math.round(wallPerHop)} ms` });
  await lab.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('a faster speed is selectable by keyboard, and it plays faster', async () => {
  const lab = page.locator(CAP);
  await lab.getByRole('button', { name: 'Play', exact: true }).focus();
  // > (or +) one notch faster, < (or -) one notch slower; the menu follows.
  await page.keyboard.press('>');
  await expect(lab.getByLabel('Speed')).toHaveValue('2');
  await page.keyboard.press('+');
  await page.keyboard.press('>');
  await expect(lab.getByLabel('Speed')).toHaveValue('10');
  await page.keyboard.press('<');
  await expect(lab.getByLabel('Speed')).toHaveValue('4');
  await page.keyboard.press('>');
  await expect(lab.getByLabel('Speed')).toHaveValue('10');
  // The menu itself works from the keyboard too (a native select): arrows move through the speeds.
  await lab.getByLabel('Speed').focus();
  await page.keyboard.press('ArrowDown');
  await expect(lab.getByLabel('Speed')).toHaveValue('30');
  await page.keyboard.press('ArrowUp');
  await expect(lab.getByLabel('Speed')).toHaveValue('10');
  await lab.getByRole('button', { name: 'Play', exact: true }).focus();

  // Ten times as fast: one second of wall time now moves the lab ten times as far (8 hops).
  await page.keyboard.press('k');
  await expect(lab.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  const t0 = await virtualMs();
  await page.clock.runFor(1000);
  const moved = (await virtualMs()) - t0;
  expect(moved).toBeGreaterThan(600);
  expect(moved).toBeLessThan(1000);
});
