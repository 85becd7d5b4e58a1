/**
 * The player's injectable clock. Readers get `requestAnimationFrame` + `performance.now`; tests get a
 * manual clock they advance by hand. Speech never drives either: narration time is wall-clock time
 * scaled by the rate, so captions, cues and deep links agree whatever the voice does.
 */

/** What the player needs from time. */
export interface PlayerClock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  /** Call `cb` on the next frame; returns a cancel function. */
  nextFrame(cb: () => void): () => void;
}

/** The browser clock (rAF + performance.now). Only call in the browser. */
export function createRealClock(): PlayerClock {
  return {
    now: () => performance.now(),
    nextFrame(cb) {
      const id = requestAnimationFrame(() => cb());
      return () => cancelAnimationFrame(id);
    },
  };
}

/** A clock for tests: time moves only when `advance` is called. */
export interface ManualClock extends PlayerClock {
  /** Move time forward by `ms`, running frame callbacks every `frameMs` (default: one frame for the whole step). */
  advance(ms: number, frameMs?: number): void;
}

/** Create a manual clock starting at `start` ms. */
export function createManualClock(start = 0): ManualClock {
  let t = start;
  let queue: (() => void)[] = [];
  const runFrame = () => {
    const q = queue;
    queue = [];
    for (const cb of q) cb();
  };
  return {
    now: () => t,
    nextFrame(cb) {
      const entry = () => cb();
      queue.push(entry);
      return () => {
        queue = queue.filter((e) => e !== entry);
      };
    },
    advance(ms, frameMs = ms) {
      const step = frameMs > 0 ? frameMs : ms;
      let left = ms;
      while (left > 0) {
        const d = Math.min(step, left);
        t += d;
        left -= d;
        runFrame();
      }
    },
  };
}
