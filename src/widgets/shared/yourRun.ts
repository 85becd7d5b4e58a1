/**
 * Has the reader made this run their own? Once the run's seed, settings or action log differ from
 * the scenario it was loaded from, the scenario's description no longer describes what is on screen
 * (issue 12: "CP: the minority side refuses a write" after switching to AP with five replicas), so
 * the frame shows "your run" in its place. Pure: a function of the store's state and the definition.
 */
import type { Scenario, Tagged } from '../../sim/core';
import type { LabDefinition } from './definition';
import { findScenario, type Driver, type LabStoreState } from './store';

/** What the reader changed relative to the scenario, or null while the run is still the scenario's. */
export interface RunChanges {
  readonly scenarioTitle: string;
  readonly seed: boolean;
  readonly settings: boolean;
  /** The action log differs from the scenario's (the reader acted, which also drops later scripted actions). */
  readonly actions: boolean;
}

// The scenario's sanitised params, once per scenario object (the store compares against these).
const cleanParams = new WeakMap<object, string>();

/** Compare the run with its scenario; null when they are the same run. */
export function runChanges(s: Pick<LabStoreState, 'mechanism' | 'scenarioId' | 'seed' | 'params' | 'log'>, def: Pick<LabDefinition, 'mechanisms'>): RunChanges | null {
  // LabFrame asks on every store update (every frame while playing); the answer depends only on
  // these references, so the JSON comparisons run once per run, not once per frame.
  const key = typeof s.params === 'object' && s.params !== null ? (s.params as object) : null;
  const hit = key ? lastChanges.get(key) : undefined;
  if (hit && hit.log === s.log && hit.seed === s.seed && hit.mechanism === s.mechanism && hit.scenarioId === s.scenarioId && hit.def === def) return hit.result;
  const result = computeChanges(s, def);
  if (key) lastChanges.set(key, { log: s.log, seed: s.seed, mechanism: s.mechanism, scenarioId: s.scenarioId, def, result });
  return result;
}

/** The last answer per params object (see runChanges). */
const lastChanges = new WeakMap<object, { log: unknown; seed: number; mechanism: unknown; scenarioId: string; def: unknown; result: RunChanges | null }>();

function computeChanges(s: Pick<LabStoreState, 'mechanism' | 'scenarioId' | 'seed' | 'params' | 'log'>, def: Pick<LabDefinition, 'mechanisms'>): RunChanges | null {
  const found = findScenario(def, s.scenarioId);
  if (!found) return null;
  const sc = found.scenario as Scenario<unknown, Tagged>;
  let p = cleanParams.get(sc);
  if (p === undefined) {
    p = JSON.stringify(found.mech.sanitizeParams(sc.params).value);
    cleanParams.set(sc, p);
  }
  const seed = s.seed !== sc.seed;
  const settings = s.mechanism !== found.mech || JSON.stringify(s.params) !== p;
  const sameLog = s.log === sc.log || (s.log.length === sc.log.length && JSON.stringify(s.log) === JSON.stringify(sc.log));
  if (!seed && !settings && sameLog) return null;
  return { scenarioTitle: sc.title, seed, settings, actions: !sameLog };
}

/**
 * One sentence for the frame: what makes this the reader's run, or, while narration drives, the
 * narration's (a cue that sets a lab up with its own commands tells its own story: the scenario's
 * description would contradict what is said, issue 12). `actions` names what the run did, e.g.
 * 'crash C at 0 ms; read c2 at 80 ms'.
 */
export function describeChanges(c: RunChanges, by: Driver = 'reader', actions = ''): string {
  const what = [c.settings ? 'changed the settings' : '', c.seed ? 'changed the seed' : '', c.actions ? 'acted on the run' : ''].filter(Boolean);
  const list = what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what[what.length - 1]}` : what[0];
  if (by === 'narration') {
    const did = actions ? ` (${actions})` : '';
    return `The narration's run: it ${list.replace('acted on the run', 'set up its own actions')}${did}, so the scenario's description does not apply; the narration says what it shows.`;
  }
  return `Your run: you ${list}, so the scenario's description no longer applies. Reset, or pick a scenario, to go back to one.`;
}

/** The run's actions in words, for `describeChanges` (at most `max`, then a count). */
export function describeLog(log: readonly { readonly at: number; readonly action: Tagged }[], describe: (a: Tagged) => string, max = 4): string {
  const shown = log.slice(0, max).map((e) => `${describe(e.action)} at ${Math.round(e.at)} ms`);
  return shown.join('; ') + (log.length > max ? `; ${log.length - max} more` : '');
}
