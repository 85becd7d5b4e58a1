/**
 * Pure data about every lab: its MDX tag, its scenarios and the narration commands it accepts.
 * The narration compiler and the content check import this file (no React here), so an unknown
 * widget, scenario or command fails the build.
 */

/** Description of one lab for authors, the narration compiler and the content check. */
export interface WidgetManifest {
  /** The MDX tag, e.g. 'RaftLab'. */
  readonly name: string;
  /** Scenario ids, first is the default. */
  readonly scenarios: readonly string[];
  /** Narration commands the lab accepts (besides `load`). */
  readonly commands: readonly string[];
}

/** Every lab in the book. Each lab's owner keeps its line up to date. */
export const widgetManifests: readonly WidgetManifest[] = [
  {
    name: 'PartitionLab',
    scenarios: ['cp-minority-refuses-write', 'ap-divergent-writes', 'ap-heal-converges', 'cp-heal-catches-up'],
    // partition "A,B|C" · heal · write <client> [value] · read <client>
    commands: ['load', 'play', 'pause', 'seek', 'partition', 'heal', 'write', 'read'],
  },
  {
    name: 'TimeoutLab',
    scenarios: ['timeout-ambiguity', 'slow-not-dead', 'flp-adversary'],
    // call · crash [node] · restart · latency <ms> · loss <0..1> · scheduler adversary|fair · deliver <msgId>
    commands: ['load', 'play', 'pause', 'seek', 'call', 'crash', 'restart', 'latency', 'loss', 'scheduler', 'deliver'],
  },
];

/** Look up a lab by its MDX tag. */
export function findWidget(name: string): WidgetManifest | undefined {
  return widgetManifests.find((w) => w.name === name);
}
