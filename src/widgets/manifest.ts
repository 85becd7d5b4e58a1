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
  {
    name: 'QuorumLab',
    scenarios: ['overlap-reads-latest', 'no-overlap-stale-read', 'concurrent-reads-disagree', 'read-repair-heals'],
    // write [c1|c2|c3] · read [c1|c2|c3] · crash <replica> · restart <replica> · partition "A,B,c1|C" · heal
    commands: ['load', 'play', 'pause', 'seek', 'write', 'read', 'crash', 'restart', 'partition', 'heal'],
  },
  {
    name: 'RaftLab',
    scenarios: ['leader-election', 'split-vote', 'leader-crash-reelection', 'log-repair-after-partition', 'minority-leader-cannot-commit', 'figure-8'],
    // crash [S2|leader] · restart <S2> · timeout <S3> · partition "S1,S2|S3,S4,S5" · heal · request [server] [cmd] · drop <msgId>
    commands: ['load', 'play', 'pause', 'seek', 'crash', 'restart', 'timeout', 'partition', 'heal', 'request', 'drop'],
  },
  {
    name: 'ClockLab',
    scenarios: ['lww-loses-write', 'lamport-cannot-see-concurrency', 'vector-detects-conflict', 'hlc-tracks-physical-time', 'ntp-steps-backwards'],
    // local <node> · send <from> <to> · write <node> <value> · step|slew <node> [serverErrorMs] · leap <node> · skew <node> <offsetMs> [driftPpm]
    commands: ['load', 'play', 'pause', 'seek', 'local', 'send', 'write', 'step', 'slew', 'leap', 'skew'],
  },
  {
    name: 'ConsistencyLab',
    scenarios: ['stale-read-not-linearizable', 'sequential-not-linearizable', 'causal-not-sequential', 'eventual-only'],
    // write <client> <value> <call> <ret|?> · read <client> <value|none> <call> <ret|?> · delete <opId> · generate <leader|local-reads|any-replica> [seed] · clear
    commands: ['load', 'play', 'pause', 'seek', 'write', 'read', 'delete', 'generate', 'clear'],
  },
];

/** Look up a lab by its MDX tag. */
export function findWidget(name: string): WidgetManifest | undefined {
  return widgetManifests.find((w) => w.name === name);
}
