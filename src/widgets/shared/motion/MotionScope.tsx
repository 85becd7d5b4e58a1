/**
 * The scope every animated lab picture sits in: it loads framer-motion's DOM animation features
 * lazily (`LazyMotion` + `domAnimation`, so the `m.*` components stay small) and tells the wrappers
 * in this folder whether they may animate at all. This module is imported only by lab views, so
 * `motion` ships in the labs' chunks and never on a page's first load.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { LazyMotion, domAnimation } from 'motion/react';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';

/** Whether transitions play: only after hydration, and never under prefers-reduced-motion. */
const MotionOn = createContext(false);

/** Props for the scope. */
export interface MotionScopeProps {
  /**
   * True once the lab has hydrated (`lab.hydrated`). Before that (the server's poster frame and the
   * hydrating render) nothing animates and every element renders in its settled state, so the
   * prerendered HTML reads without JavaScript and matches the first client render.
   */
  ready: boolean;
  children: ReactNode;
}

/** Wrap a lab's picture (or the whole lab) in this once; the wrappers below read it. */
export function MotionScope({ ready, children }: MotionScopeProps) {
  const reduced = usePrefersReducedMotion();
  return (
    <LazyMotion features={domAnimation} strict>
      <MotionOn.Provider value={ready && !reduced}>{children}</MotionOn.Provider>
    </LazyMotion>
  );
}

/** True when transitions may play here (inside a ready `MotionScope`, reduced motion not asked for). */
export function useMotionOn(): boolean {
  return useContext(MotionOn);
}
