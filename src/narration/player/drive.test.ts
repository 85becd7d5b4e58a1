// @vitest-environment jsdom
// Framing arithmetic (drive.ts): what a cue names lands between the sticky header and the narration
// bar, centred when it fits, top-aligned under the header when it does not.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frame, viewBand } from './drive.ts';

const box = (top: number, height: number) => ({ top, bottom: top + height, height, width: height ? 100 : 0, left: 0, right: height ? 100 : 0, x: 0, y: top, toJSON: () => ({}) }) as DOMRect;

function element(top: number, height: number): HTMLElement {
  const el = document.createElement('div');
  el.getBoundingClientRect = () => box(top, height);
  document.body.appendChild(el);
  return el;
}

let scrolled: number[];
beforeEach(() => {
  scrolled = [];
  // 800 px viewport; header 56 px with 72 px scroll padding; bar 115 px tall with 16 px gap.
  vi.stubGlobal('innerHeight', 800);
  window.scrollBy = ((o: ScrollToOptions) => scrolled.push(o.top ?? 0)) as typeof window.scrollBy;
  document.documentElement.style.scrollPaddingTop = '72px';
  document.documentElement.style.scrollPaddingBottom = '131px';
  const header = element(0, 56);
  header.className = 'site-header';
  const bar = element(685, 115);
  bar.id = 'narration-bar';
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('framing', () => {
  it('reads the band from the header, the bar and the scroll padding', () => {
    expect(viewBand()).toEqual({ top: 72, bottom: 669, edgeTop: 56, edgeBottom: 685 });
  });

  it('centres what fits inside the padded band', () => {
    frame(element(1000, 197)); // band 72..669 is 597 tall: centre 197 px at 272
    expect(scrolled).toEqual([1000 - 272]);
  });

  it('uses the tighter band between header and bar when only that fits', () => {
    frame(element(1000, 626)); // 626 > 597 but <= 629: centre between 56 and 685
    expect(scrolled[0]).toBeCloseTo(1000 - 57.5);
  });

  it('top-aligns what is taller than the band, just under the header', () => {
    frame(element(-500, 2400));
    expect(scrolled).toEqual([-500 - 72]);
  });

  it('leaves alone what is already framed, or not laid out', () => {
    frame(element(272, 197));
    frame(element(0, 0));
    frame(null);
    expect(scrolled).toEqual([]);
  });
});
