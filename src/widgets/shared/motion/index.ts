/**
 * Motion for lab views (framer-motion, published as `motion`): transitions that smooth a discrete
 * state change the simulation already made. Never use them for anything positioned by simulation
 * time (messages in flight, cursors): those stay driven by the store's clock. See README.md.
 */
export { MotionScope, useMotionOn, type MotionScopeProps } from './MotionScope';
export { SlideIn, type SlideInProps, type SlideFrom } from './SlideIn';
export { Presence } from './Presence';
export { ChangePulse, type ChangePulseProps } from './ChangePulse';
export { useMotionState } from './markState';
export { ENTER, EXIT, CHANGE, SLIDE_PX } from './transitions';
