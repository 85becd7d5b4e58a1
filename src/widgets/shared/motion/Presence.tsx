/**
 * `Presence`: framer-motion's `AnimatePresence` for the wrappers here. Children must carry keys;
 * one that disappears plays its exit (a `SlideIn` slides back out) before it leaves the DOM, which
 * is how an undone step reverses on screen. Children present at its first render never animate in.
 */
import type { ReactNode } from 'react';
import { AnimatePresence } from 'motion/react';

/** Keep removed children until their exit transition ends. */
export function Presence({ children }: { children: ReactNode }) {
  return <AnimatePresence initial={false}>{children}</AnimatePresence>;
}
