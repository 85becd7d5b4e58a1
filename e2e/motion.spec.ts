import { test, expect, type Locator, type Page } from '@playwright/test';
import { openShared } from './helpers';

// Motion in the labs (src/widgets/shared/motion, framer-motion): a Raft log entry slides in and
// settles, a step back slides it out again, a role change swells the server once; with reduced
// motion emulated nothing is ever caught mid-animation after a step. One page, shared, serial.
const PATH = 'ordering';
const LAB = '#leader-election';

test.describe.configure({ mode: 'serial' });

let page: Page;
let lab: Locator;

test.beforeAll(async ({ browser }) => {
  page = await openShared(browser, PATH, LAB, { width: 1280, height: 800 });
  lab = page.locator(LAB);
});
test.afterAll(async () => page.context().close());

/** Start recording every element that is marked as animating (a MutationObserver on the lab). */
async function recordAnimating() {
  await lab.evaluate((root) => {
    const w = window as unknown as { __animated: string[]; __obs?: MutationObserver };
    w.__obs?.disconnect();
    w.__animated = [];
    w.__obs = new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as Element;
        if (el.getAttribute('data-motion-state') === 'animating') w.__animated.push(el.getAttribute('data-entry') ?? el.getAttribute('data-motion') ?? '?');
      }
    });
    w.__obs.observe(root, { subtree: true, attributes: true, attributeFilter: ['data-motion-state'] });
  });
}
const animated = () => page.evaluate(() => (window as unknown as { __animated: string[] }).__animated);

/** Every motion-wrapped element in the lab is at rest: opaque, untransformed, not marked animating. */
async function allSettled() {
  return lab.evaluate((root) =>
    [...root.querySelectorAll('[data-motion]')]
      .filter((el) => {
        const cs = getComputedStyle(el);
        const moving = el.getAttribute('data-motion-state') === 'animating';
        const identity = cs.transform === 'none' || cs.transform === 'matrix(1, 0, 0, 1, 0, 0)';
        return moving || !identity || Number(cs.opacity) < 1;
      })
      .map((el) => el.getAttribute('data-entry') ?? el.getAttribute('data-motion')),
  );
}

test('a leader is elected (played at 10×), then paused', async () => {
  await lab.getByLabel('Speed').selectOption('10');
  await lab.locator('button[title^="Play or pause"]').click();
  await expect(lab.locator('[data-server][aria-label*=": leader"]')).toHaveCount(1, { timeout: 30_000 });
  await lab.locator('button[title^="Play or pause"]').click();
  await expect(lab.locator('button[title^="Play or pause"]')).toHaveText('Play');
});

test('a new log entry slides in, then settles; a step back slides it out', async () => {
  const leader = (await lab.locator('[data-server][aria-label*=": leader"]').getAttribute('data-server'))!;
  const entries = lab.locator('[data-entry]');
  const before = await entries.count();
  await recordAnimating();
  await lab.getByRole('button', { name: 'Send request to the leader' }).click();
  const entry = lab.locator(`[data-entry^="${leader}:"]`).last();
  await expect(entries).toHaveCount(before + 1);
  // It was seen moving (recorded as it started), and comes to rest.
  await expect.poll(animated).toContain(await entry.getAttribute('data-entry'));
  await expect(entry).toHaveAttribute('data-motion-state', 'settled');
  await expect.poll(allSettled).toEqual([]);
  // Undo the request: the entry leaves by its exit transition, then is gone.
  await recordAnimating();
  await lab.getByRole('button', { name: 'Step back one event' }).click();
  await expect(entries).toHaveCount(before);
  expect((await animated()).length).toBeGreaterThan(0);
});

test('a role change swells the server once', async () => {
  await recordAnimating();
  const follower = lab.locator('[data-server][aria-label*=": follower"]').first();
  const id = (await follower.getAttribute('data-server'))!;
  await follower.click();
  await lab.getByRole('button', { name: 'Time out', exact: true }).click();
  await expect(lab.locator(`[data-server="${id}"]`)).toHaveAttribute('aria-label', /: candidate/);
  await expect.poll(animated).toContain('pulse');
  await expect.poll(allSettled).toEqual([]);
});

test('with reduced motion, nothing is mid-animation after a step (entries and roles appear at once)', async () => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const nextFrame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const leader = lab.locator('[data-server][aria-label*=": leader"]');
  const roles = () => lab.locator('[data-server]').evaluateAll((els) => els.map((e) => /: (\w+)/.exec(e.getAttribute('aria-label') ?? '')?.[1]).join(','));
  // Step on (the previous test left a candidate, so roles change: the old leader steps down, a new
  // one is elected) until a leader is up again, checking after every step.
  const seen = new Set([await roles()]);
  for (let steps = 0; steps < 300 && (steps < 30 || (await leader.count()) === 0); steps++) {
    await page.keyboard.press('ArrowRight');
    await nextFrame();
    expect(await allSettled(), `after step ${steps + 1}`).toEqual([]);
    seen.add(await roles());
  }
  expect(seen.size, 'roles changed while stepping').toBeGreaterThan(1);
  await expect(leader).toHaveCount(1);
  // A new entry is in place at once.
  const entries = lab.locator('[data-entry]');
  const before = await entries.count();
  await lab.getByRole('button', { name: 'Send request to the leader' }).click();
  await expect(entries).toHaveCount(before + 1);
  await nextFrame();
  expect(await allSettled()).toEqual([]);
  // And undoing it removes it at once (no exit transition to wait for).
  await lab.getByRole('button', { name: 'Step back one event' }).click();
  await nextFrame();
  await expect(entries).toHaveCount(before, { timeout: 100 });
  await page.emulateMedia({ reducedMotion: null });
});
