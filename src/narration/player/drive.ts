/**
 * How cues act on the page: labs through `labBus` (never their internals), figures and cards by id.
 * Labs load lazily, so a cue for a lab that has not registered yet waits for it (briefly) instead
 * of being lost; a later cue for the same lab replaces the waiting one.
 */
import { labBus } from '../../widgets/shared/labBus';
import type { LabTimelineCue, TimelineCue } from '../types.ts';

/** Class added to the element a cue points at. */
export const HIGHLIGHT_CLASS = 'narration-highlight';

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Scroll an element into view, smoothly unless the reader asked for reduced motion. */
export function reveal(el: Element | null): void {
  el?.scrollIntoView?.({ behavior: reducedMotion() ? 'auto' : 'smooth', block: 'center' });
}

/** Drives labs and highlights for one narration bar. */
export interface PageDriver {
  /** Apply a lab cue (now, or as soon as the lab registers). `scroll` brings it into view. */
  applyLab(cue: LabTimelineCue, scroll: boolean): void;
  /** Highlight and scroll to a figure or card, removing the previous highlight. */
  highlight(id: string | null, scroll: boolean): void;
  /** Element of a cue's target, if mounted. */
  elementFor(cue: TimelineCue): HTMLElement | null;
  dispose(): void;
}

/** Create a driver; `onMissing` reports a lab that never showed up. */
export function createPageDriver(onMissing: (target: string) => void): PageDriver {
  const pending = new Map<string, { cue: LabTimelineCue; scroll: boolean; deadline: number }>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let highlighted: HTMLElement | null = null;

  const tryApply = (cue: LabTimelineCue, scroll: boolean): boolean => {
    const handle = labBus.get(cue.target);
    if (!handle) return false;
    if (scroll) reveal(handle.element());
    handle.applyCue({ ...cue.cue, commands: cue.cue.commands.map((c) => ({ name: c.name, args: [...c.args] })) });
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

  return {
    applyLab(cue, scroll) {
      pending.delete(cue.target);
      if (tryApply(cue, scroll)) return;
      pending.set(cue.target, { cue, scroll, deadline: Date.now() + 15_000 });
      if (timer === undefined) timer = setInterval(poll, 200);
    },
    highlight(id, scroll) {
      highlighted?.classList.remove(HIGHLIGHT_CLASS);
      highlighted = id ? document.getElementById(id) : null;
      if (!highlighted) return;
      highlighted.classList.add(HIGHLIGHT_CLASS);
      if (scroll) reveal(highlighted);
    },
    elementFor(cue) {
      if (cue.kind === 'lab') return labBus.get(cue.target)?.element() ?? document.getElementById(cue.target);
      return document.getElementById(cue.target);
    },
    dispose() {
      if (timer !== undefined) clearInterval(timer);
      pending.clear();
      highlighted?.classList.remove(HIGHLIGHT_CLASS);
    },
  };
}
