/**
 * The book's transition timings, in one place so every lab moves alike. Short on purpose: they
 * smooth a discrete change the simulation already made (an entry appended, a role changed), they
 * never stand for simulated time, and a reader stepping quickly must not wait for them.
 */
import type { Transition } from 'motion/react';

/** An element arriving (a log entry appended, a row added). */
export const ENTER: Transition = { duration: 0.32, ease: [0.2, 0.8, 0.2, 1] };
/** An element leaving because a step was undone or a later step removed it: quicker than entering. */
export const EXIT: Transition = { duration: 0.2, ease: 'easeIn' };
/** A discrete change of something that stays (a server's role): a short emphasis. */
export const CHANGE: Transition = { duration: 0.45, ease: 'easeOut' };

/** How far (px) an entering element travels; from the side it conceptually comes from. */
export const SLIDE_PX = 14;
