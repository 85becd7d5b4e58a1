/**
 * How cues act on the page: labs through `labBus` (never their internals), figures and cards by id.
 * Labs load lazily, so a cue for a lab that has not registered yet waits for it (briefly) instead
 * of being lost; a later cue for the same lab replaces the waiting one.
 *
 * Framing: a cue brings what it talks about into the band between the sticky header and the
 * narration bar. A lab cue may name one of the lab's sub-views (`focus <part>` / `highlight <part>`,
 * marked with `data-lab-part`; see `src/widgets/shared/labParts.ts`); otherwise the whole lab is
 * framed. Whatever fits is centred in the band; anything taller starts just under the header, so a
 * tall lab's title and picture are never hidden behind it.
 */
import { labBus } from '../../widgets/shared/labBus';
import { LAB_PART_ATTRIBUTE, labPartSelector } from '../../widgets/shared/labParts';
import type { LabTimelineCue, TimelineCue } from '../types.ts';

/** Class added to the element a cue points at. */
export const HIGHLIGHT_CLASS = 'narration-highlight';

/** Space kept between the sticky header and a framed element, in px. */
const GAP = 8;

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * The visible band, in viewport px: below the sticky header and above the narration bar. `top` and
 * `bottom` keep the page's scroll padding as a margin (the root's scroll-padding-top, and the
 * scroll-padding-bottom the bar keeps equal to its height plus a gap); `edgeTop` and `edgeBottom`
 * are the header's and the bar's own edges, for elements that only fit without the margins.
 */
export function viewBand(): { top: number; bottom: number; edgeTop: number; edgeBottom: number } {
  const style = getComputedStyle(document.documentElement);
  const edgeTop = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
  const edgeBottom = document.querySelector('#narration-bar')?.getBoundingClientRect().top ?? window.innerHeight;
  const top = Math.max(parseFloat(style.scrollPaddingTop) || 0, edgeTop + GAP);
  const bottom = Math.min(edgeBottom, window.innerHeight - (parseFloat(style.scrollPaddingBottom) || 0));
  return { top, bottom: Math.max(bottom, top + 1), edgeTop, edgeBottom: Math.max(edgeBottom, edgeTop + 1) };
}

/**
 * Scroll the page so `el` sits in the visible band: centred if it fits (with margins if it can),
 * else top-aligned under the header.
 */
export function frame(el: Element | null): void {
  if (!el) return;
  const r = el.getBoundingClientRect();
  // Not laid out (hidden, or a test DOM without layout): nothing sensible to scroll to.
  if (r.width === 0 && r.height === 0) return;
  const band = viewBand();
  const [top, bottom] = r.height <= band.bottom - band.top || r.height > band.edgeBottom - band.edgeTop ? [band.top, band.bottom] : [band.edgeTop, band.edgeBottom];
  const room = bottom - top;
  const delta = r.height <= room ? r.top - (top + (room - r.height) / 2) : r.top - top;
  if (Math.abs(delta) < 1) return;
  window.scrollBy({ top: delta, behavior: reducedMotion() ? 'auto' : 'smooth' });
}

/** Drives labs and highlights for one narration bar. */
export interface PageDriver {
  /** Apply a lab cue (now, or as soon as the lab registers). `scroll` frames what the cue names. */
  applyLab(cue: LabTimelineCue, scroll: boolean): void;
  /** Highlight and frame a figure or card, removing the previous highlight. */
  highlight(id: string | null, scroll: boolean): void;
  /** Frame what a cue is about (a lab's named part or the lab; a figure or card), pulsing it if the cue says so. */
  show(cue: TimelineCue): void;
  /** Element a cue frames, if mounted: the named part of its lab, else the lab, figure or card. */
  elementFor(cue: TimelineCue): HTMLElement | null;
  dispose(): void;
}

/** Create a driver; `onMissing` reports a lab that never showed up. */
export function createPageDriver(onMissing: (target: string) => void): PageDriver {
  const pending = new Map<string, { cue: LabTimelineCue; scroll: boolean; deadline: number }>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let highlighted: HTMLElement | null = null;
  let reframe: number | undefined;

  const setHighlight = (el: HTMLElement | null) => {
    highlighted?.classList.remove(HIGHLIGHT_CLASS);
    highlighted = el;
    highlighted?.classList.add(HIGHLIGHT_CLASS);
  };
  const elementFor = (cue: TimelineCue): HTMLElement | null => {
    if (cue.kind !== 'lab') return document.getElementById(cue.target);
    const root = labBus.get(cue.target)?.element() ?? document.getElementById(cue.target);
    const part = cue.part ? root?.querySelector<HTMLElement>(labPartSelector(cue.part)) : null;
    return part ?? root;
  };
  const showLab = (cue: LabTimelineCue) => {
    const el = elementFor(cue);
    // A lab part pulsed by an earlier cue is no longer the subject; a figure or card highlight stays.
    if (cue.pulse) setHighlight(el);
    else if (highlighted?.hasAttribute(LAB_PART_ATTRIBUTE)) setHighlight(null);
    frame(el);
    // The cue just rebuilt the lab, and React lays it out on the next frame: frame again then.
    if (typeof requestAnimationFrame === 'function') {
      if (reframe !== undefined) cancelAnimationFrame(reframe);
      reframe = requestAnimationFrame(() => {
        reframe = undefined;
        frame(elementFor(cue));
      });
    }
  };

  const tryApply = (cue: LabTimelineCue, scroll: boolean): boolean => {
    const handle = labBus.get(cue.target);
    if (!handle) return false;
    handle.applyCue({ ...cue.cue, commands: cue.cue.commands.map((c) => ({ name: c.name, args: [...c.args] })) });
    if (scroll) showLab(cue);
    return true;
  };
  const poll = () => {
    const now = Date.now();
    for (const [target, p] of pending) {
      if (tryApply(p.cue, p.scroll)) pending.delete(target);
      else if (now > p.deadline) {
        pending.delete(target);
        onMissing(target);
      }
    }
    if (pending.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  const api: PageDriver = {
    applyLab(cue, scroll) {
      pending.delete(cue.target);
      if (tryApply(cue, scroll)) return;
      pending.set(cue.target, { cue, scroll, deadline: Date.now() + 15_000 });
      if (timer === undefined) timer = setInterval(poll, 200);
    },
    highlight(id, scroll) {
      setHighlight(id ? document.getElementById(id) : null);
      if (highlighted && scroll) frame(highlighted);
    },
    show(cue) {
      if (cue.kind === 'lab') showLab(cue);
      else api.highlight(cue.target, true);
    },
    elementFor,
    dispose() {
      if (timer !== undefined) clearInterval(timer);
      if (reframe !== undefined) cancelAnimationFrame(reframe);
      pending.clear();
      highlighted?.classList.remove(HIGHLIGHT_CLASS);
    },
  };
  return api;
}
