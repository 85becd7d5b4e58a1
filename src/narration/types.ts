/**
 * Data shapes shared by the narration compiler, the player and the UI.
 * Everything here is plain serialisable data: a compiled timeline is emitted as a JSON module.
 */

/** One narration instruction for one lab; structurally identical to `LabCue` in `src/widgets/shared/labBus.ts`. */
export interface NarrationLabCue {
  /** Scenario id to (re)load from scratch. */
  scenario: string;
  /** Applied in order after loading, e.g. `{ name: 'partition', args: ['A,B|C'] }`. */
  commands: { name: string; args: string[] }[];
  /** Optional virtual time (ms) to seek the lab to afterwards. */
  at?: number;
  /** Start playing after applying. */
  play?: boolean;
  /** Playback speed while this cue drives the lab; 1× when absent. */
  speed?: number;
  /** Stop playing at this virtual time (ms) and hold the picture there until the next cue. */
  hold?: number;
}

/** A cue that drives a lab instance on the page. */
export interface LabTimelineCue {
  readonly kind: 'lab';
  /** Seconds from the start of the chapter's narration. */
  readonly time: number;
  /** Line in the `.narration.md` file, for messages and the transcript. */
  readonly line: number;
  /** Lab instance id on the page. */
  readonly target: string;
  /** MDX tag of that instance, e.g. 'PartitionLab'. */
  readonly widget: string;
  readonly cue: NarrationLabCue;
  /** Human-readable form of the cue, shown in the transcript and announced. */
  readonly label: string;
  /** The lab's sub-view (`data-lab-part`) to bring into view instead of the whole lab. */
  readonly part?: string;
  /** Pulse that part: the cue's `highlight <part>` (as opposed to `focus <part>`). */
  readonly pulse?: boolean;
}

/** A cue that scrolls to and highlights a figure or a key-concept card. */
export interface HighlightTimelineCue {
  readonly kind: 'figure' | 'card';
  readonly time: number;
  readonly line: number;
  /** Element id on the page. */
  readonly target: string;
  readonly label: string;
}

/** A cue that pauses narration on a key-concept card until the reader resumes. */
export interface StopTimelineCue {
  readonly kind: 'stop';
  readonly time: number;
  readonly line: number;
  /** Key-concept card id. */
  readonly target: string;
  readonly label: string;
}

/** Any cue on the timeline. */
export type TimelineCue = LabTimelineCue | HighlightTimelineCue | StopTimelineCue;

/** One caption-sized sentence with its place on the timeline. */
export interface TimelineSentence {
  readonly text: string;
  /** Index of the segment it belongs to. */
  readonly segment: number;
  readonly start: number;
  readonly end: number;
  /** Paragraph index within the whole script, so the transcript can regroup sentences. */
  readonly paragraph: number;
}

/** A titled section of a script. */
export interface TimelineSegment {
  readonly id: string;
  readonly title: string;
  readonly start: number;
  readonly end: number;
  /** True when the author fixed the duration instead of deriving it from the word count. */
  readonly timed: boolean;
}

/**
 * A chapter's narration script compiled into absolute times (seconds): its segments, the sentences
 * spoken (and captioned) and the cues that drive the page. Emitted as a JSON module by the Vite plugin.
 */
export interface CompiledNarration {
  /** Chapter slug (URL segment). */
  readonly chapter: string;
  readonly title: string;
  /** Words per minute used to derive durations at 1× speed. */
  readonly wpm: number;
  readonly duration: number;
  readonly segments: readonly TimelineSegment[];
  readonly sentences: readonly TimelineSentence[];
  /** Sorted by time, then by source line. */
  readonly cues: readonly TimelineCue[];
  /** Every lab instance some cue drives, with the scenario it shows before its first cue. */
  readonly labs: readonly { readonly id: string; readonly widget: string; readonly scenario: string }[];
  /** The chapter that follows in the table of contents, if any. */
  readonly next?: { readonly slug: string; readonly title: string };
  readonly wordCount: number;
}

/** One problem found while compiling, located in a source file. */
export interface NarrationIssue {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Thrown when a script does not compile; `message` lists every issue as `file:line: message`. */
export class NarrationError extends Error {
  /** Every issue found, not only the first, so an author can fix them in one pass. */
  readonly issues: readonly NarrationIssue[];
  constructor(issues: readonly NarrationIssue[]) {
    super(issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('\n'));
    this.name = 'NarrationError';
    this.issues = issues;
  }
}
