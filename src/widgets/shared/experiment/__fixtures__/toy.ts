/** A small experiment for the runner's tests: unit i draws `draws` numbers from its own named stream. */
import type { Experiment } from '../../../../sim/core';
import { cloneRng, createRng, nextFloatMut } from '../../../../sim/core';

/** Sum of `draws` uniforms per unit; merge lists the sums and their total. */
export const toyExperiment: Experiment<number, { sums: number[]; total: number }> = {
  id: 'toy',
  title: 'Toy experiment',
  doc: 'Sums of uniform draws, one per unit.',
  params: [
    { name: 'units', kind: 'integer', default: 12, min: 1, max: 500, doc: 'number of units' },
    { name: 'draws', kind: 'integer', default: 100, min: 1, max: 100_000, doc: 'draws per unit' },
    { name: 'seed', kind: 'integer', default: 7, min: 0, max: 1_000_000, doc: 'seed' },
  ],
  units: (p) => p.units as number,
  runUnit(p, i) {
    const r = cloneRng(createRng(p.seed as number, `unit:${i}`));
    let s = 0;
    for (let k = 0; k < (p.draws as number); k++) s += nextFloatMut(r);
    return s;
  },
  merge: (_p, parts) => ({ sums: [...parts], total: parts.reduce((a, b) => a + b, 0) }),
};
