/**
 * The one contract every lab experiment follows, so the same pure code runs in a lab's Web Worker
 * (with progress and cancel), on a pool of workers, and headless through `npm run experiment`.
 *
 * An experiment is split into independent work units (for example one per (strategy, clients)
 * point, or one per chunk of trials). A unit depends only on (params, index): that is what makes a
 * run cancellable between units, shareable across workers by index, and identical wherever it runs.
 * Per-unit randomness comes from the kernel's named streams, `createRng(seed, `unit:${i}`)` or finer
 * names, never from state shared between units.
 */
import { clampInteger, clampNumber } from './clamp';

/** A value an experiment parameter can hold. */
export type ExperimentValue = number | string | boolean | readonly number[];

/** One parameter an experiment accepts, from the command line (`--name=value`) or a lab's form. */
export interface ExperimentParam {
  readonly name: string;
  /** `numbers` is a comma-separated list on the command line (`--clients=10,20,50`). */
  readonly kind: 'number' | 'integer' | 'numbers' | 'choice' | 'boolean';
  readonly default: ExperimentValue;
  /** Bounds for numbers, integers and every element of a list. */
  readonly min?: number;
  readonly max?: number;
  /** Allowed values for `choice`. */
  readonly choices?: readonly string[];
  /** Longest list accepted for `numbers` (bounds the work a bad input can ask for). */
  readonly maxItems?: number;
  /** One line for `npm run experiment -- --list`. */
  readonly doc: string;
}

/** Parameters after validation: every declared name has a value in range. */
export type ExperimentParams = Readonly<Record<string, ExperimentValue>>;

/**
 * A pure, chunked experiment. `Part` is what one unit returns (structured-clonable, so it can cross
 * a worker boundary); `Result` is the JSON printed by the CLI and drawn by the lab.
 */
export interface Experiment<Part = unknown, Result = unknown> {
  /** Id used by `npm run experiment -- <id>` and by the lab's worker. */
  readonly id: string;
  readonly title: string;
  /** What it measures and which paper or figure it reproduces. */
  readonly doc: string;
  readonly params: readonly ExperimentParam[];
  /** Extra cross-parameter checks after each value is clamped (e.g. W ≤ N); fix and report. */
  refine?(p: Record<string, ExperimentValue>, problems: string[]): void;
  /** Number of independent units for these parameters. */
  units(p: ExperimentParams): number;
  /** Run unit `i` (0 ≤ i < units). Pure: depends only on (p, i). */
  runUnit(p: ExperimentParams, i: number): Part;
  /** Combine every unit's part, given in index order, into the result. */
  merge(p: ExperimentParams, parts: readonly Part[]): Result;
}

/** Hooks for a running experiment: progress after each unit, and a cancel check before each. */
export interface ExperimentHooks {
  progress?(done: number, total: number): void;
  cancelled?(): boolean;
}

/** What the CLI prints and a lab stores: one JSON object. */
export interface ExperimentOutput<Result = unknown> {
  readonly experiment: string;
  readonly params: ExperimentParams;
  readonly results: Result;
}

/** Coerce a string from the command line (or any raw value) towards the parameter's kind. */
function coerce(spec: ExperimentParam, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (spec.kind === 'number' || spec.kind === 'integer') return raw.trim() === '' ? Number.NaN : Number(raw);
  if (spec.kind === 'numbers') return raw.split(',').map((x) => (x.trim() === '' ? Number.NaN : Number(x)));
  if (spec.kind === 'boolean') return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
  return raw;
}

/**
 * Validate raw values (strings from the CLI, numbers from a form, anything from a URL) against an
 * experiment's parameters: unknown names and bad values are reported, never thrown, and every value
 * ends in range so no input can ask for unbounded work.
 */
export function parseExperimentParams(exp: Pick<Experiment, 'params' | 'refine'>, raw: Readonly<Record<string, unknown>>): { params: ExperimentParams; problems: string[] } {
  const problems: string[] = [];
  const out: Record<string, ExperimentValue> = {};
  const known = new Set(exp.params.map((p) => p.name));
  for (const k of Object.keys(raw)) if (!known.has(k)) problems.push(`unknown parameter "${k}"; known: ${[...known].join(', ')}.`);
  for (const spec of exp.params) {
    const v = coerce(spec, raw[spec.name]);
    const lo = spec.min ?? -Number.MAX_VALUE;
    const hi = spec.max ?? Number.MAX_VALUE;
    if (spec.kind === 'number') out[spec.name] = clampNumber(v, lo, hi, spec.default as number, spec.name, problems);
    else if (spec.kind === 'integer') out[spec.name] = clampInteger(v, lo, hi, spec.default as number, spec.name, problems);
    else if (spec.kind === 'numbers') {
      const def = spec.default as readonly number[];
      if (v === undefined) out[spec.name] = def;
      else if (!Array.isArray(v) || v.length === 0) {
        problems.push(`${spec.name} must be a list of numbers; using ${def.join(',')}.`);
        out[spec.name] = def;
      } else {
        const max = spec.maxItems ?? 64;
        if (v.length > max) problems.push(`${spec.name} has ${v.length} values; keeping the first ${max}.`);
        out[spec.name] = v.slice(0, max).map((x, i) => clampNumber(x, lo, hi, def[Math.min(i, def.length - 1)] ?? lo, `${spec.name}[${i}]`, problems));
      }
    } else if (spec.kind === 'choice') {
      const choices = spec.choices ?? [];
      if (v === undefined) out[spec.name] = spec.default;
      else if (typeof v === 'string' && choices.includes(v)) out[spec.name] = v;
      else {
        problems.push(`${spec.name} must be one of ${choices.join(', ')}; using ${String(spec.default)}.`);
        out[spec.name] = spec.default;
      }
    } else {
      if (v === undefined) out[spec.name] = spec.default;
      else if (typeof v === 'boolean') out[spec.name] = v;
      else {
        problems.push(`${spec.name} must be true or false; using ${String(spec.default)}.`);
        out[spec.name] = spec.default;
      }
    }
  }
  exp.refine?.(out, problems);
  return { params: out, problems };
}

/**
 * Run an experiment to completion on this thread (the CLI, tests, and the worker's loop). Returns
 * null when cancelled. Parameters must already be parsed.
 */
export function runExperiment<Part, Result>(exp: Experiment<Part, Result>, p: ExperimentParams, hooks: ExperimentHooks = {}): ExperimentOutput<Result> | null {
  const total = exp.units(p);
  const parts: Part[] = [];
  for (let i = 0; i < total; i++) {
    if (hooks.cancelled?.()) return null;
    parts.push(exp.runUnit(p, i));
    hooks.progress?.(i + 1, total);
  }
  return { experiment: exp.id, params: p, results: exp.merge(p, parts) };
}
