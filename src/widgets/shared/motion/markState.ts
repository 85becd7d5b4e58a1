/**
 * Marks an animated element `data-motion-state="animating"` while a transition plays and
 * `"settled"` after, so tests (and curious readers in devtools) can tell a moving element from one
 * at rest without timing anything.
 */
import { useMemo, useRef } from 'react';

/** A ref and the two callbacks a `m.*` element needs to keep its `data-motion-state` current. */
export function useMotionState() {
  const el = useRef<Element | null>(null);
  return useMemo(
    () => ({
      ref: (node: Element | null) => {
        el.current = node;
      },
      onAnimationStart: () => el.current?.setAttribute('data-motion-state', 'animating'),
      onAnimationComplete: () => el.current?.setAttribute('data-motion-state', 'settled'),
    }),
    [],
  );
}
