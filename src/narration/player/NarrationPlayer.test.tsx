// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { labBus, type LabCue } from '../../widgets/shared/labBus';
import { compileScript } from '../compile/compile.ts';
import { pageTargets, parseChapter } from '../../book/content/mdx.ts';
import { NarrationPlayer } from './NarrationPlayer.tsx';
import type { CompiledNarration } from '../types.ts';
import { fixtureManifests } from '../__fixtures__/manifest.ts';

// jsdom replaces URL, so resolve fixtures from the repo root (vitest's working directory).
const fixture = (name: string) => readFileSync(resolve('src/narration/__fixtures__', name), 'utf8');
const mdx = fixture('content/1-demo/01-demo.mdx');
const page = pageTargets(parseChapter(mdx, '01-demo.mdx'), (w) => fixtureManifests.find((m) => m.name === w)?.scenarios[0]);
const tl: CompiledNarration = compileScript(fixture('content/1-demo/01-demo.narration.md'), 'demo', { manifests: fixtureManifests, page, slug: 'demo' });

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root;
let container: HTMLElement;
let applied: { id: string; cue: LabCue }[];
let offs: (() => void)[];

/** The page the player drives: two fake labs on the bus and the fixture's cards and figure. */
function setupPage() {
  document.body.innerHTML = `
    <aside id="demo-cap"><h4 class="callout-title">Choosing under partition</h4></aside>
    <figure id="demo-figure"></figure>
    <aside id="demo-second"><h4 class="callout-title">Second card</h4></aside>`;
  applied = [];
  offs = ['ap-divergent-writes', 'cp'].map((id) =>
    labBus.register({ id, widget: 'PartitionLab', element: () => null, applyCue: (cue) => applied.push({ id, cue }), release: () => {} }),
  );
  container = document.createElement('div');
  document.body.appendChild(container);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  window.history.replaceState(null, '', '/demo');
  localStorage.clear();
  setupPage();
});
afterEach(() => {
  act(() => root.unmount());
  offs.forEach((off) => off());
  vi.useRealTimers();
  document.body.innerHTML = '';
});

const render = () => act(() => {
  root = createRoot(container);
  root.render(<NarrationPlayer timeline={tl} />);
});
const q = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);
const status = () => q('[data-narration]')?.getAttribute('data-status');
const buttonNamed = (name: RegExp) => [...document.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '') || name.test(b.getAttribute('aria-label') ?? ''))!;
const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('NarrationPlayer (jsdom, fake clock)', () => {
  it('a highlight cue pulses the named part of the lab; the next plain cue for a lab lets it go', () => {
    const lab = document.createElement('section');
    lab.innerHTML = '<div data-lab-part="picture"></div><div data-lab-part="diagram"></div>';
    document.body.appendChild(lab);
    offs.push(labBus.register({ id: 'framed', widget: 'PartitionLab', element: () => lab, applyCue: () => {}, release: () => {} }));
    const framedPage = { ...page, labs: [...page.labs, { id: 'framed', widget: 'PartitionLab', line: 1 }] };
    const script = ['## One {#one}', '', 'Look at the picture.', '', 'Visual: lab framed → highlight picture', '', 'Now the whole lab.', '', 'Visual: lab framed → load ap-heal-converges', '', 'The end.'].join('\n');
    const narration = compileScript(script, 'framed.narration.md', { manifests: fixtureManifests, page: framedPage, slug: 'demo' });
    act(() => {
      root = createRoot(container);
      root.render(<NarrationPlayer timeline={narration} />);
    });
    act(() => buttonNamed(/Narrated tour/).click());
    const [first, second] = narration.cues;
    advance((first.time + 0.1) * 1000);
    const picture = lab.querySelector('[data-lab-part="picture"]')!;
    expect(picture.classList.contains('narration-highlight')).toBe(true);
    // Screen readers hear what the lab does, not how the page frames it.
    expect(q('[data-testid="narration-live"]')?.textContent).toBe('Lab framed: load cp-minority-refuses-write');
    expect(lab.querySelector('[data-lab-part="diagram"]')!.classList.contains('narration-highlight')).toBe(false);
    advance((second.time - first.time + 0.1) * 1000);
    expect(picture.classList.contains('narration-highlight')).toBe(false);
  });

  it('without speech synthesis, plays as captions with a visible note and fires cues on the page', () => {
    render();
    act(() => buttonNamed(/Narrated tour/).click());
    expect(status()).toBe('playing');
    expect(q('[data-testid="narration-note"]')?.textContent).toMatch(/captions/);
    expect(q('#demo-figure')?.classList.contains('narration-highlight')).toBe(true);
    const labCue = tl.cues.find((c) => c.kind === 'lab')!;
    advance((labCue.time + 0.1) * 1000);
    expect(applied.map((a) => [a.id, a.cue.scenario])).toEqual([['ap-divergent-writes', 'ap-divergent-writes']]);
    expect(q('[data-testid="narration-caption"]')?.textContent).toBe(tl.sentences[2].text);
  });

  it('a stop cue pauses, focuses the card, and Enter on the card resumes', () => {
    render();
    act(() => buttonNamed(/Narrated tour/).click());
    const stop = tl.cues.find((c) => c.kind === 'stop')!;
    advance((stop.time + 3) * 1000);
    expect(status()).toBe('stopped');
    const card = q('#demo-cap')!;
    expect(document.activeElement).toBe(card);
    expect(card.classList.contains('narration-highlight')).toBe(true);
    expect(q('[data-testid="narration-live"]')?.textContent).toMatch(/Choosing under partition.*Enter or Space/);
    act(() => {
      card.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(status()).toBe('playing');
    // The paused moment was written to the address bar for sharing.
    expect(new URL(window.location.href).searchParams.get('t')).toBe(String(Math.round(stop.time * 10) / 10));
  });

  it('reader takeover pauses; Resume narration re-applies that lab’s current cue', () => {
    render();
    act(() => buttonNamed(/Narrated tour/).click());
    const labCue = tl.cues.find((c) => c.kind === 'lab')!;
    advance((labCue.time + 0.5) * 1000);
    expect(status()).toBe('playing');
    applied.length = 0;
    act(() => labBus.notifyReaderTakeover('ap-divergent-writes'));
    expect(status()).toBe('paused');
    act(() => buttonNamed(/^Resume narration$/).click());
    expect(status()).toBe('playing');
    expect(applied).toEqual([{ id: 'ap-divergent-writes', cue: labCue.kind === 'lab' ? labCue.cue : null }]);
  });

  it('a ?t= deep link restores every driven lab from its latest cue, in cue order, without playing', () => {
    const t = tl.segments[1].start + 0.5;
    window.history.replaceState(null, '', `/demo?t=${t}`);
    render();
    expect(status()).toBe('paused');
    expect(Number(q<HTMLInputElement>('[data-testid="narration-seek"]')!.value)).toBeCloseTo(t, 1);
    expect(applied.map((a) => [a.id, a.cue.scenario, a.cue.commands.length])).toEqual([
      ['ap-divergent-writes', 'ap-divergent-writes', 2],
      ['cp', 'cp-minority-refuses-write', 1],
    ]);
  });

  it('a malformed ?t= explains itself and starts at the beginning', () => {
    window.history.replaceState(null, '', '/demo?t=tomorrow');
    render();
    act(() => buttonNamed(/Narrated tour/).click());
    expect(q('[data-testid="narration-note"]')?.textContent).toMatch(/“tomorrow” is not a time/);
    expect(Number(q<HTMLInputElement>('[data-testid="narration-seek"]')!.value)).toBeLessThan(1);
  });

  it('keys work only inside the bar: K pauses, ] jumps a segment, T opens the transcript, a sentence seeks', () => {
    render();
    act(() => buttonNamed(/Narrated tour/).click());
    const bar = q('#narration-bar')!;
    // Outside the bar the letter is left alone.
    act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true }));
    });
    expect(status()).toBe('playing');
    const press = (key: string) => act(() => {
      bar.querySelector('button')!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    });
    press('k');
    expect(status()).toBe('paused');
    press(']');
    expect(Number(q<HTMLInputElement>('[data-testid="narration-seek"]')!.value)).toBeCloseTo(tl.segments[1].start, 1);
    press('t');
    const sentence = [...document.querySelectorAll<HTMLButtonElement>('.narration-transcript .narration-sentence')].find((b) => b.textContent === tl.sentences[1].text)!;
    act(() => sentence.click());
    expect(Number(q<HTMLInputElement>('[data-testid="narration-seek"]')!.value)).toBeCloseTo(tl.sentences[1].start, 1);
    expect(sentence.getAttribute('aria-current')).toBe('true');
  });
});
