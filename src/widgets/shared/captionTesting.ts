/**
 * Test helper for the labs' step-caption selectors (`caption.ts`): replay a scenario one step at a
 * time and collect the caption after each step. Kept out of the bundles: only tests import it.
 */
import { SeekableRun, type AnyMechanism, type Scenario, type Tagged } from '../../sim/core';
import type { StepCaptionSelector } from './stepCaption';

/** One step of a replayed scenario and the caption it produced. */
export interface CaptionedStep {
  readonly step: number;
  readonly t: number;
  readonly caption: string;
}

/** Captions of a scenario from its start, one per step, for at most `maxSteps` steps. */
export function captionsOf<S>(mech: AnyMechanism, scenarioId: string, select: StepCaptionSelector<S>, maxSteps = 400): CaptionedStep[] {
  const sc = (mech.scenarios as readonly Scenario<unknown, Tagged>[]).find((x) => x.id === scenarioId);
  if (!sc) throw new Error(`no scenario ${scenarioId} in ${mech.id}`);
  const run = new SeekableRun(mech, { mechanism: mech.id, seed: sc.seed, params: mech.sanitizeParams(sc.params).value, log: sc.log });
  let c = run.start;
  const out: CaptionedStep[] = [];
  for (let i = 0; i <= maxSteps; i++) {
    out.push({ step: i, t: mech.now(c.state), caption: select(c.state as S, mech.trace(c.state)) });
    const next = run.stepForward(c);
    if (next === c) break;
    c = next;
  }
  return out;
}

/** The first captioned step whose sentence matches, or undefined. */
export function firstMatch(steps: readonly CaptionedStep[], re: RegExp): CaptionedStep | undefined {
  return steps.find((s) => re.test(s.caption));
}
