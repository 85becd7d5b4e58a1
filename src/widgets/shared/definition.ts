/**
 * What a lab tells the toolkit about itself (`LabDefinition`), the props every lab accepts, and
 * the narration commands the toolkit supplies so that labs do not write them again.
 *
 * Pure (no React, no DOM): `src/widgets/manifest.ts` imports every lab's definition, and the
 * narration compiler and the content check import the manifest in Node.
 */
import { parseGroups } from '../../sim/core';
import type { Mechanism, NodeId, Tagged, Time } from '../../sim/core';
import type { LabHop } from './pace';
export { HOP_WALL_MS, networkHop, timeScaleOf, wallMsPerHop, type LabHop } from './pace';

/** Narration commands every lab accepts without declaring them (handled by the toolkit's `applyCueToStore`). */
export const BUILTIN_COMMANDS = ['load', 'play', 'pause', 'seek'] as const;

/** An action as labs write it: a tagged object with any fields (validated by the core's `parseAction`). */
export type AnyAction = Tagged & Readonly<Record<string, unknown>>;

/**
 * One narration command: turn the cue's arguments and the lab's current core state into an action,
 * or return a sentence saying why the arguments are invalid.
 */
export type LabCommand<S> = (args: string[], state: S) => AnyAction | string;

/**
 * What a lab tells the toolkit about itself. `S` is the core's state type and `P` its params type;
 * give them and commands, `useLab` selectors and `lab.store` are typed without casts. (They default to
 * `any` so that an untyped definition keeps working.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface LabDefinition<S = any, P = any> {
  /** MDX tag, e.g. 'PartitionLab'. The component's file must be `src/widgets/<folder>/<widget>.tsx` (checked by manifest.test.ts). */
  readonly widget: string;
  /** The cores this lab can run; scenarios are looked up across all of them (the first core's first scenario is the default). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly mechanisms: readonly Mechanism<P, S, any>[];
  /**
   * The lab's typical visible step on one of its cores (`shared/pace.ts`): one network hop at the
   * core's default latency, or for a model without a network the unit its picture moves in (say
   * which, and why, in a comment). The toolkit derives the pace from it: at 1× one step takes
   * `HOP_WALL_MS` (¾ s) of wall time, so no lab picks a time scale by hand.
   */
  hop(mechanismId: string): LabHop;
  /** Default timeline length (virtual ms) for a mechanism and its params. */
  duration(mechanismId: string, params: P): Time;
  /** The lab's own narration commands (`BUILTIN_COMMANDS` come on top; the manifest lists both). */
  readonly commands?: Readonly<Record<string, LabCommand<S>>>;
  /**
   * Sub-views the lab marks with `data-lab-part` besides LabFrame's own (`shared/labParts.ts`), so
   * narration cues may `focus` or `highlight` them, e.g. `['log', 'checks']`.
   */
  readonly parts?: readonly string[];
}

/** Props every lab accepts (docs/ARCHITECTURE.md, "Adding a lab"). */
export interface LabProps {
  /** Scenario id; defaults to the lab's first scenario. */
  readonly scenario?: string;
  /** Instance id, unique on the page; defaults to the scenario id. */
  readonly id?: string;
  /** Caption under the lab's title. */
  readonly caption?: string;
  /**
   * Show the lab's experiments panel, if it has one (default false), so that a chapter with several
   * instances of one lab shows the panel once.
   */
  readonly experiments?: boolean;
}

/** Every scenario id a definition offers, in order (the first is the default). */
export function scenarioIds(def: Pick<LabDefinition, 'mechanisms'>): string[] {
  return def.mechanisms.flatMap((m) => m.scenarios.map((s) => s.id));
}

/** Every narration command a definition accepts: the built-ins, then the lab's own. */
export function commandNames(def: Pick<LabDefinition, 'commands'>): string[] {
  return [...BUILTIN_COMMANDS, ...Object.keys(def.commands ?? {})];
}

/** A core's validator, as far as commands need it. */
export interface ActionParser {
  parseAction(raw: unknown): unknown;
}

/** `raw` validated by the core's `parseAction`, or `usage` (the command's error sentence) when it is not valid. */
export function parsed(mechanism: ActionParser, raw: unknown, usage: string): AnyAction | string {
  return (mechanism.parseAction(raw) as AnyAction | null) ?? usage;
}

/** How a lab's network commands find and name its nodes. */
export interface NetworkCommandOptions<S> {
  /** The core whose `parseAction` validates every action made. */
  readonly mechanism: ActionParser;
  /** The nodes a cue may name (partition groups, crash, restart) in the current state. */
  nodes(state: S): readonly NodeId[];
  /** What a node is called in error messages (default 'node'), e.g. 'server' or 'replica'. */
  readonly noun?: string;
  /** Names the core resolves itself, e.g. `{ leader: '@leader' }` for Raft. */
  readonly aliases?: Readonly<Record<string, NodeId>>;
  /** The node `crash` and `restart` act on when the cue names none (default: an argument is required). */
  readonly defaults?: { readonly crash?: NodeId; readonly restart?: NodeId };
}

/** The network commands the toolkit supplies; a lab lists the ones it accepts in its `commands`. */
export interface NetworkCommands<S> {
  /** `partition A,B|C`: split the network into groups (nodes left out are isolated). */
  readonly partition: LabCommand<S>;
  /** `heal`: reconnect everything. */
  readonly heal: LabCommand<S>;
  /** `crash [node]`: crash a node. */
  readonly crash: LabCommand<S>;
  /** `restart [node]`: restart a crashed node. */
  readonly restart: LabCommand<S>;
  /** `drop <msgId>`: drop one message in flight. */
  readonly drop: LabCommand<S>;
}

/** Example partition text for error messages: the nodes split into two halves. */
function exampleGroups(nodes: readonly NodeId[]): string {
  const half = Math.ceil(nodes.length / 2);
  return nodes.length > 1 ? `${nodes.slice(0, half).join(',')}|${nodes.slice(half).join(',')}` : nodes.join(',');
}

/**
 * The kernel's world actions (`net/partition`, `net/heal`, `node/crash`, `node/restart`, `net/drop`)
 * as narration commands with validation and error sentences, e.g.
 * `const net = networkCommands({ mechanism: quorumMechanism, nodes: (s) => s.nodeIds, noun: 'replica' })`
 * then `commands: { partition: net.partition, heal: net.heal, … }`.
 */
export function networkCommands<S>(opts: NetworkCommandOptions<S>): NetworkCommands<S> {
  const noun = opts.noun ?? 'node';
  const aliases = opts.aliases ?? {};
  const special = new Set(Object.values(aliases));
  const nodeCommand =
    (type: 'node/crash' | 'node/restart', verb: 'crash' | 'restart'): LabCommand<S> =>
    (args, state) => {
      const nodes = opts.nodes(state);
      const arg = args[0];
      const node = arg === undefined ? opts.defaults?.[verb] : (aliases[arg] ?? arg);
      const names = [...nodes, ...Object.keys(aliases)].join(', ');
      const usage = `${verb} needs a ${noun} (${names}), got "${arg ?? ''}"`;
      if (node === undefined || !(nodes.includes(node) || special.has(node))) return usage;
      return parsed(opts.mechanism, { type, node }, usage);
    };
  return {
    partition: (args, state) => {
      const nodes = opts.nodes(state);
      const groups = parseGroups(args.join(''), nodes);
      const usage = `partition needs groups like "${exampleGroups(nodes)}" over ${nodes.join(',')}, got "${args.join(' ')}"`;
      return groups ? parsed(opts.mechanism, { type: 'net/partition', groups }, usage) : usage;
    },
    heal: () => parsed(opts.mechanism, { type: 'net/heal' }, 'heal takes no arguments'),
    crash: nodeCommand('node/crash', 'crash'),
    restart: nodeCommand('node/restart', 'restart'),
    drop: (args) => {
      const id = args[0] !== undefined && /^\d+$/.test(args[0]) ? Number(args[0]) : NaN;
      return parsed(opts.mechanism, { type: 'net/drop', msgId: id }, `drop needs a message id (a whole number), got "${args[0] ?? ''}"`);
    },
  };
}
