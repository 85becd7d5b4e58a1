/**
 * React binding for reading progress. The server (and the hydration pass) see `undefined`, so the
 * prerendered HTML never depends on one reader's storage; the real value arrives right after.
 */
import { useSyncExternalStore } from 'react';
import { chapterState, loadProgress, recordVisit, saveProgress, type Progress } from './progress';
import { CHAPTERS } from '../toc';

/** The book's chapters: the only keys progress keeps. */
const KNOWN = new Set(CHAPTERS.map((c) => c.slug));

let current: Progress | undefined;
/** A save waiting for an idle moment (scrolling records progress every frame; storage is written once). */
let saveQueued = false;

function saveWhenIdle() {
  if (saveQueued) return;
  saveQueued = true;
  const write = () => {
    saveQueued = false;
    if (current) saveProgress(current);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(write, { timeout: 2000 });
  else setTimeout(write, 500);
}

// A save still waiting when the tab closes is written then.
if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => {
    if (saveQueued && current) saveProgress(current);
  });
}
const listeners = new Set<() => void>();

function getSnapshot(): Progress {
  if (!current) current = loadProgress(KNOWN);
  return current;
}

function subscribe(cb: () => void) {
  listeners.add(cb);
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith('uds:progress')) {
      current = loadProgress(KNOWN);
      cb();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(cb);
    window.removeEventListener('storage', onStorage);
  };
}

/** Current progress on the client; undefined during server render and hydration. */
export function useProgress(): Progress | undefined {
  return useSyncExternalStore(subscribe, getSnapshot, () => undefined);
}

/** Record a chapter visit/scroll position and notify subscribers. */
export function markProgress(slug: string, scroll: number) {
  const prev = getSnapshot();
  const next = recordVisit(prev, slug, scroll, Date.now(), KNOWN);
  if (next === prev) return;
  current = next;
  saveWhenIdle();
  // Only re-render readers when something they show changed: the visited set, the last chapter, a
  // chapter finished, or its partial progress moving to another tenth.
  const a = chapterState(prev, slug);
  const b = chapterState(next, slug);
  if (
    !prev ||
    prev.last !== next.last ||
    Object.keys(prev.chapters).length !== Object.keys(next.chapters).length ||
    a.read !== b.read ||
    Math.floor(a.fraction * 10) !== Math.floor(b.fraction * 10)
  ) {
    listeners.forEach((l) => l());
  }
}
