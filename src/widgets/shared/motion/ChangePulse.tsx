/**
 * `ChangePulse`: an SVG group that gives a short emphasis (a swell that settles) whenever its
 * `changeKey` changes, e.g. a Raft server's role going follower → candidate → leader, or back again
 * when the reader steps back. The group's content is the new state at once; only the emphasis
 * moves, so the picture never shows a state the simulation is not in.
 */
import { useState, type ReactNode } from 'react';
import * as m from 'motion/react-m';
import { useMotionOn } from './MotionScope';
import { useMotionState } from './markState';
import { CHANGE } from './transitions';

/** Props for `ChangePulse`. */
export interface ChangePulseProps {
  /** The discrete value whose changes are emphasised (a role, a phase, a status). */
  changeKey: string;
  className?: string;
  /** How much it swells (1.35 suits a small node; a wide card wants about 1.05). */
  scale?: number;
  children: ReactNode;
}

/** An SVG `<g>` that swells briefly when `changeKey` changes after it mounted. */
export function ChangePulse({ changeKey, className, scale = 1.35, children }: ChangePulseProps) {
  const on = useMotionOn();
  const marks = useMotionState();
  // How many times the key changed since mount (adjusting state from a prop, as React recommends):
  // the count keys the animated group, so each change replays the emphasis and the first render none.
  const [seen, setSeen] = useState({ key: changeKey, changes: 0 });
  if (seen.key !== changeKey) setSeen({ key: changeKey, changes: seen.changes + 1 });
  const animateIn = on && seen.changes > 0;
  return (
    <m.g
      key={seen.changes}
      {...marks}
      className={className}
      data-motion="pulse"
      initial={animateIn ? { scale, opacity: 0.35 } : false}
      animate={{ scale: 1, opacity: 1, transition: animateIn ? CHANGE : { duration: 0 } }}
    >
      {children}
    </m.g>
  );
}
