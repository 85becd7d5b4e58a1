/**
 * Narration mode end to end, against the built site, with Playwright's fake clock driving the
 * player's requestAnimationFrame/performance.now and a stub speechSynthesis (headless Chromium has
 * no working speech). Expected cues come from compiling the same script in Node.
 */
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { axe } from './axe';
import { buildNarration } from '../src/narration/compile/build.ts';
import { widgetManifests } from '../src/widgets/manifest.ts';
import type { CompiledNarration } from '../src/narration/types.ts';

const root = resolve(import.meta.dirname, '..');
const content = resolve(root, 'content');
const timelineOf = (file: string): CompiledNarration => buildNarration(resolve(content, file), { manifests: widgetManifests, cwd: root, contentRoot: content });

const CHAPTER = { slug: 'networks', file: '1-foundations/01-networks.narration.md' };
const tl = timelineOf(CHAPTER.file);

/** A speechSynthesis that "speaks" instantly and records every utterance; or none at all. */
async function installSpeech(page: Page, mode: 'stub' | 'none') {
  await page.addInitScript((m) => {
    const w = window as unknown as { __cues: unknown[]; __spoken: string[] };
    w.__cues = [];
    w.__spoken = [];
    document.addEventListener('narration:cue', (e) => w.__cues.push((e as CustomEvent).detail));
    if (m === 'none') {
      Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
      return;
    }
    class Utterance extends EventTarget {
      text: string;
      rate = 1;
      lang = '';
      voice: unknown = null;
      onstart: ((e: unknown) => void) | null = null;
      onend: ((e: unknown) => void) | null = null;
      onerror: ((e: unknown) => void) | null = null;
      constructor(text: string) {
        super();
        this.text = text;
      }
    }
    const listeners = new Set<() => void>();
    const synth = {
      speaking: false,
      getVoices: () => [{ name: 'Stub voice', lang: 'en-GB', voiceURI: 'stub', default: true, localService: true }],
      speak(u: Utterance) {
        w.__spoken.push(u.text);
        setTimeout(() => u.onstart?.({}), 0);
      },
      cancel() {},
      pause() {},
      resume() {},
      addEventListener: (_: string, cb: () => void) => listeners.add(cb),
      removeEventListener: (_: string, cb: () => void) => listeners.delete(cb),
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  }, mode);
}

const bar = (page: Page) => page.locator('[data-narration]');
const status = (page: Page) => bar(page).getAttribute('data-status');
const position = async (page: Page) => Number(await page.getByTestId('narration-seek').inputValue());
const cues = (page: Page) => page.evaluate(() => (window as unknown as { __cues: { kind: string; target: string; line: number }[] }).__cues);

test.describe('narration', () => {
  test('plays a whole chapter: every cue in order, every stop card focused, then offers the next chapter', async ({ page }) => {
    test.setTimeout(360_000);
    // Reduced motion: labs tick twice a second instead of every frame, which keeps a
    // five-minute chapter affordable under the fake clock; narration timing is unaffected.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await installSpeech(page, 'stub');
    await page.clock.install();
    await page.goto(CHAPTER.slug);
    await page.getByRole('button', { name: /Narrated tour/ }).click();
    await expect(page.getByRole('region', { name: 'Narration player' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Narration speed' }).selectOption('2');
    const stops = tl.cues.filter((c) => c.kind === 'stop').map((c) => c.target);
    const seenStops: string[] = [];
    for (let i = 0; i < 400 && (await status(page)) !== 'ended'; i++) {
      await page.clock.runFor(4000);
      if ((await status(page)) === 'stopped') {
        const focused = await page.evaluate(() => document.activeElement?.id ?? '');
        seenStops.push(focused);
        await expect(page.locator(`#${focused}`)).toHaveClass(/narration-highlight/);
        await expect(page.getByTestId('narration-stop')).toBeVisible();
        await page.keyboard.press('Enter');
        await expect.poll(() => status(page)).not.toBe('stopped');
      }
    }
    expect(await status(page)).toBe('ended');
    expect(seenStops).toEqual(stops);
    expect((await cues(page)).map((c) => `${c.kind}:${c.target}:${c.line}`)).toEqual(tl.cues.map((c) => `${c.kind}:${c.target}:${c.line}`));
    const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
    expect(spoken.length).toBeGreaterThan(tl.sentences.length / 2);
    if (tl.next) await expect(page.getByTestId('narration-next')).toContainText(tl.next.title);
  });

  test('seeking backwards restores each lab to the cue in force at that time', async ({ page }) => {
    await installSpeech(page, 'stub');
    await page.clock.install();
    await page.goto(CHAPTER.slug);
    await page.getByRole('button', { name: /Narrated tour/ }).click();
    // A lab driven by two cues with different scenarios makes the restored state observable.
    const byTarget = new Map<string, Extract<CompiledNarration['cues'][number], { kind: 'lab' }>[]>();
    for (const c of tl.cues) if (c.kind === 'lab') byTarget.set(c.target, [...(byTarget.get(c.target) ?? []), c]);
    const twice = [...byTarget.values()].find((cs) => cs.length >= 2 && cs[0].cue.scenario !== cs[1].cue.scenario);
    expect(twice, 'the chapter needs a lab with two cues loading different scenarios').toBeTruthy();
    const [early, late] = twice!;
    const labSelect = page.locator(`section#${early.target} .lab-scenario select`);
    const seek = page.getByTestId('narration-seek');
    await seek.fill(String(late.time + 0.5));
    await expect(labSelect).toHaveValue(late.cue.scenario);
    await seek.fill(String(early.time + 0.5));
    // The player keeps playing while the labs rebuild (slower on a loaded machine, and cues that
    // replay several commands do more work), so only require that the early cue is still in force.
    const pos = await position(page);
    expect(pos).toBeGreaterThanOrEqual(early.time);
    expect(pos).toBeLessThan(late.time);
    await expect(labSelect).toHaveValue(early.cue.scenario);
    // Before its first cue the lab shows the scenario written on the page.
    await seek.fill(String(Math.max(0, early.time - 1)));
    const initial = tl.labs.find((l) => l.id === early.target)!;
    await expect(labSelect).toHaveValue(initial.scenario);
    await expect(page.locator(`section#${early.target}`)).toContainText('Narration is driving this lab');
  });

  test('a ?t= deep link restores the position and caption; a bad one explains itself', async ({ page }) => {
    await installSpeech(page, 'stub');
    await page.clock.install();
    const seg = tl.segments[2];
    const t = seg.start + 1;
    await page.goto(`${CHAPTER.slug}?t=${t}`);
    await expect(page.getByRole('region', { name: 'Narration player' })).toBeVisible();
    expect(await position(page)).toBeCloseTo(t, 0);
    const sentence = tl.sentences.filter((s) => s.start <= t).at(-1)!;
    await expect(page.getByTestId('narration-caption')).toHaveText(sentence.text);
    expect(await status(page)).toBe('paused');
    for (const c of tl.cues.filter((c) => c.kind === 'lab' && c.time <= t)) {
      if (c.kind === 'lab') await expect(page.locator(`section#${c.target} select`).first()).toHaveValue(c.cue.scenario);
    }

    await page.goto(`${CHAPTER.slug}?t=soon`);
    await page.getByRole('button', { name: /Narrated tour/ }).click();
    await expect(page.getByTestId('narration-note')).toContainText('“soon” is not a time');
  });

  test('without speech synthesis, narration runs as captions with a visible note', async ({ page }) => {
    await installSpeech(page, 'none');
    await page.clock.install();
    await page.goto(CHAPTER.slug);
    await page.getByRole('button', { name: /Narrated tour/ }).click();
    await expect(page.getByTestId('narration-note')).toContainText('captions');
    await expect(page.getByRole('combobox', { name: 'Voice' })).toHaveCount(0);
    await page.clock.runFor(tl.sentences[1].start * 1000 + 200);
    await expect(page.getByTestId('narration-caption')).toHaveText(tl.sentences[1].text);
    expect(await status(page)).toBe('playing');
  });

  test('keyboard only: open, pause, seek, segments, transcript, global shortcut', async ({ page }) => {
    await installSpeech(page, 'stub');
    await page.clock.install();
    await page.goto(CHAPTER.slug);
    const launcher = page.getByRole('button', { name: /Narrated tour/ });
    for (let i = 0; i < 40 && !(await launcher.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(launcher).toBeFocused();
    await page.keyboard.press('Enter');
    const play = page.getByTestId('narration-play');
    await expect(play).toBeFocused();
    await page.clock.runFor(1000);
    expect(await status(page)).toBe('playing');
    await page.keyboard.press('k');
    expect(await status(page)).toBe('paused');
    const before = await position(page);
    await page.keyboard.press('l');
    expect(await position(page)).toBeCloseTo(before + 10, 0);
    await page.keyboard.press(']');
    expect(await position(page)).toBeCloseTo(tl.segments[1].start, 1);
    await page.keyboard.press('t');
    const transcript = page.getByRole('region', { name: 'Narration transcript' });
    await expect(transcript).toBeVisible();
    const target = tl.sentences[tl.sentences.length - 3];
    const sentenceButton = transcript.getByRole('button', { name: target.text, exact: true });
    await sentenceButton.focus();
    await page.keyboard.press('Enter');
    expect(await position(page)).toBeCloseTo(target.start, 1);
    await page.keyboard.press('Escape');
    await expect(transcript).toHaveCount(0);
    // The page-wide shortcut works with focus anywhere.
    await page.locator('h1').first().focus();
    await page.keyboard.press('Alt+Shift+N');
    await expect.poll(() => status(page)).toBe('playing');
    await page.keyboard.press('Alt+Shift+N');
    await expect.poll(() => status(page)).toBe('paused');
    // The bar never hides the focused element: scroll padding follows its height.
    const pad = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom));
    const barHeight = await page.getByRole('region', { name: 'Narration player' }).evaluate((el) => el.getBoundingClientRect().height);
    expect(pad).toBeGreaterThanOrEqual(barHeight);
  });

  test('the open bar and transcript are axe-clean at 360 px in the dark theme, with 24 px targets', async ({ page }) => {
    await installSpeech(page, 'stub');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await page.clock.install();
    await page.goto(CHAPTER.slug);
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await page.getByRole('button', { name: /Narrated tour/ }).click();
    await page.getByTestId('narration-play').press('k');
    await page.getByRole('button', { name: 'Transcript' }).click();
    await expect(page.getByRole('region', { name: 'Narration transcript' })).toBeVisible();
    const results = await axe(page, '[data-narration]');
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    // Nothing in the bar overflows the narrow viewport, and every control is at least 24 px square.
    const bar = page.getByRole('region', { name: 'Narration player' });
    expect(await bar.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    const small = await bar.locator('.narration-controls button, .narration-controls select, .narration-controls input').evaluateAll((els) =>
      els.map((el) => el.getBoundingClientRect()).filter((r) => r.width < 24 || r.height < 24).length,
    );
    expect(small).toBe(0);
  });

  test('at 1280×800 a lab cue frames the part it names between the sticky header and the bar', async ({ page }) => {
    test.setTimeout(120_000);
    // The three places where the whole lab used to be centred with its title under the header.
    const places = [
      { slug: 'replication', file: '3-data-management/09-replication.narration.md', target: 'repl-quorum-overlap', part: 'picture' },
      { slug: 'ordering', file: '1-foundations/03-ordering.narration.md', target: 'fig8', part: 'results' },
      { slug: 'clocks', file: '1-foundations/02-clocks.narration.md', target: 'lww-loses-write', part: 'picture' },
    ];
    await page.setViewportSize({ width: 1280, height: 800 });
    // Reduced motion makes the scroll instant, so the boxes can be measured right after the cue.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await installSpeech(page, 'stub');
    await page.clock.install();
    for (const place of places) {
      const cue = timelineOf(place.file).cues.find((c) => c.kind === 'lab' && c.target === place.target && c.part === place.part);
      expect(cue, `${place.slug}: a cue framing ${place.target}'s ${place.part}`).toBeTruthy();
      if (cue!.time >= 1) {
        // Arrive just before the cue (a deep link), let every lab hydrate, then play through it.
        await page.goto(`${place.slug}?t=${cue!.time - 0.5}`);
        await expect(page.locator('section.lab[data-hydrated="false"]')).toHaveCount(0);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.getByTestId('narration-play').click();
      } else {
        // A cue at 0:00 fires as the tour starts, before its lab has loaded: it waits for the lab.
        await page.goto(place.slug);
        await page.locator('html[data-hydrated]').waitFor();
        await page.getByRole('button', { name: /Narrated tour/ }).click();
      }
      await page.clock.runFor(1000);
      await expect.poll(() => cues(page).then((cs) => cs.some((c) => c.line === cue!.line)), `${place.slug}: cue at line ${cue!.line} fired`).toBe(true);
      await expect(page.locator(`section#${place.target}[data-hydrated="true"]`)).toHaveCount(1);
      // The driver applies a waiting cue on its next poll (every 200 ms) and frames again a frame later.
      await page.clock.runFor(500);
      const box = await page.locator(`section#${place.target} [data-lab-part="${place.part}"]`).evaluate((el) => {
        const r = el.getBoundingClientRect();
        const header = document.querySelector('.site-header')!.getBoundingClientRect().bottom;
        const barTop = document.querySelector('#narration-bar')!.getBoundingClientRect().top;
        return { top: r.top, bottom: r.bottom, header, barTop };
      });
      const where = `${place.slug} ${place.part}: ${JSON.stringify(box)}`;
      expect(box.top, where).toBeGreaterThanOrEqual(box.header);
      if (box.bottom - box.top <= box.barTop - box.header) expect(box.bottom, where).toBeLessThanOrEqual(box.barTop);
      // Taller than the band: it starts just under the header, so its beginning is what the reader sees.
      else expect(box.top, where).toBeLessThan(box.header + 40);
    }

    // Pacing: the cue under "C is cut off while the write lands on A and B" plays the quorum lab at
    // its pace and holds it at 40 ms (write committed, read not yet sent) until the next cue.
    const repl = timelineOf(places[0].file);
    const held = repl.cues.find((c) => c.kind === 'lab' && c.target === 'repl-quorum-overlap' && c.cue.hold === 40)!;
    const after = repl.cues.find((c) => c.time > held.time)!;
    await page.goto(`${places[0].slug}?t=${held.time - 0.5}`);
    await expect(page.locator('section.lab[data-hydrated="false"]')).toHaveCount(0);
    await page.getByTestId('narration-play').click();
    await page.clock.runFor(Math.min(5000, (after.time - held.time) * 1000));
    const lab = page.locator('section#repl-quorum-overlap');
    await expect(lab.locator('.lab-clock')).toHaveText(/^t = 40 ms/);
    await page.clock.runFor(300);
    await expect(lab.locator('.lab-clock')).toHaveText(/^t = 40 ms/);
  });

  test('at the end of a chapter the tour continues into the next chapter and keeps playing', async ({ page }) => {
    expect(tl.next).toBeTruthy();
    await installSpeech(page, 'stub');
    await page.clock.install();
    await page.goto(`${CHAPTER.slug}?t=${tl.duration - 1}`);
    await page.getByTestId('narration-play').click();
    await page.clock.runFor(2000);
    await expect.poll(() => status(page)).toBe('ended');
    await page.getByRole('button', { name: `Continue: ${tl.next!.title}` }).click();
    await expect(page).toHaveURL(new RegExp(`/${tl.next!.slug}\\?narration=play$`));
    await expect(page.locator('h1')).toHaveText(tl.next!.title);
    await expect.poll(() => status(page)).toBe('playing');
  });
});
