/**
 * React binding for reading progress. The server (and the hydration pass) see `undefined`, so the
 * prerendered HTML never depends on one reader's storage; the real value arrives right after.
 */
import { useSyncExternalStore } from 'react';
import { chapterState, loadProgress, recordVisit, saveProgress, type Progress } from './progress';

let current: Progress | undefined;
const listeners = new Set<() => void>();

function getSnapshot(): Progress {
  if (!current) current = loadProgress();
  return current;
}

function subscribe(cb: () => void) {
  listeners.add(cb);
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith('uds:progress')) {
      current = loadProgress();
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
  const next = recordVisit(getSnapshot(), slug, scroll, Date.now());
  const prev = current;
  current = next;
  saveProgress(next);
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
