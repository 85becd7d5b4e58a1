/**
 * Named sub-views of a lab, for narration framing (docs/ARCHITECTURE.md, "Narration ↔ labs contract").
 * A lab marks each region a narration cue may scroll to or pulse with `data-lab-part="<name>"`;
 * `LabFrame` marks the regions every lab has. Pure data (no React): the narration compiler imports
 * it so that a cue naming an unknown part fails the build.
 */

/** The attribute that names a lab's sub-view. */
export const LAB_PART_ATTRIBUTE = 'data-lab-part';

/** Regions that `LabFrame` marks in every lab, top to bottom. */
export const LAB_FRAME_PARTS = [
  /** Title, caption and the "narration is driving" note. */
  'header',
  /** Scenario picker and the scenario's description. */
  'scenario',
  /** The lab's main picture (cluster view, clock diagram, history…). */
  'picture',
  /** The lab's own action buttons and settings. */
  'actions',
  /** Transport: play/pause, steps, timeline scrubber, speed, share. */
  'controls',
  /** The shared space-time diagram (absent when the lab draws its own as its picture). */
  'diagram',
  /** The event log: the text version of the pictures. */
  'events',
  /** Anything the lab adds under the shared views (results, verdicts, experiments). */
  'results',
] as const;

/** A region `LabFrame` marks. */
export type LabFramePart = (typeof LAB_FRAME_PARTS)[number];

/** Props that mark an element as a frame part, typed so a misspelt name fails the type check. */
export function labPart(name: LabFramePart): { 'data-lab-part': LabFramePart } {
  return { 'data-lab-part': name };
}

/** The parts a cue may name for a widget: the frame's, plus any the widget marks itself. */
export function partsOf(widget: { readonly parts?: readonly string[] } | undefined): readonly string[] {
  return [...LAB_FRAME_PARTS, ...(widget?.parts ?? [])];
}

/** CSS selector for a named part inside a lab root. */
export function labPartSelector(name: string): string {
  return `[${LAB_PART_ATTRIBUTE}="${name.replace(/["\\]/g, '\\$&')}"]`;
}

/**
 * Playback speeds a narration cue may ask a lab for (`speed <x>`); the same values as the lab's
 * speed menu (`SPEEDS` in store.ts, checked by a test), repeated here so the compiler stays free of
 * the store's imports.
 */
export const NARRATION_LAB_SPEEDS = [0.25, 0.5, 1, 2, 4, 10, 30, 100] as const;
