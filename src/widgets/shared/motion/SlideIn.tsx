/**
 * `SlideIn`: an element that slides and fades in when it appears, and out again when it is removed
 * (inside `Presence`), so stepping back visibly reverses the step that added it. Elements already
 * there when the lab hydrates do not move; with reduced motion nothing moves and removal is
 * immediate.
 */
import type { CSSProperties, ReactNode } from 'react';
import * as m from 'motion/react-m';
import { useMotionOn } from './MotionScope';
import { useMotionState } from './markState';
import { ENTER, EXIT, SLIDE_PX } from './transitions';

/** Which way the element comes in from. */
export type SlideFrom = 'left' | 'right' | 'up' | 'down';

/** Props for `SlideIn`. */
export interface SlideInProps {
  /** The element to render: HTML, or an SVG group (`g`) around SVG content. */
  as?: 'span' | 'div' | 'li' | 'g';
  from?: SlideFrom;
  className?: string;
  style?: CSSProperties;
  title?: string;
  children?: ReactNode;
  /** Extra data attributes (tests, narration highlights). */
  data?: Record<`data-${string}`, string | number | undefined>;
}

const NONE = { duration: 0 };

/** Slides in on mount (after hydration), out on removal under `Presence`. */
export function SlideIn({ as = 'span', from = 'left', className, style, title, children, data }: SlideInProps) {
  const on = useMotionOn();
  const marks = useMotionState();
  const M = m[as];
  const d = SLIDE_PX;
  const away = { x: from === 'left' ? -d : from === 'right' ? d : 0, y: from === 'up' ? -d : from === 'down' ? d : 0, opacity: 0 };
  return (
    <M
      {...marks}
      className={className}
      style={style}
      title={title}
      data-motion="slide"
      {...data}
      // `initial` is read once, at mount: false renders the settled state (server, hydration, reduced motion).
      initial={on ? away : false}
      animate={{ x: 0, y: 0, opacity: 1, transition: on ? ENTER : NONE }}
      exit={on ? { ...away, transition: EXIT } : { opacity: 0, transition: NONE }}
    >
      {children}
    </M>
  );
}
