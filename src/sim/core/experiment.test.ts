import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExperimentParams, runExperiment, type Experiment } from './experiment';

const sumExp: Experiment<number, { total: number }> = {
  id: 'sum',
  title: 'Sum',
  doc: 'adds unit indices times k',
  params: [
    { name: 'units', kind: 'integer', default: 4, min: 1, max: 100, doc: 'how many units' },
    { name: 'k', kind: 'number', default: 1, min: 0, max: 10, doc: 'factor' },
    { name: 'xs', kind: 'numbers', default: [1, 2], min: 0, max: 5, maxItems: 3, doc: 'a list' },
    { name: 'mode', kind: 'choice', default: 'a', choices: ['a', 'b'], doc: 'a choice' },
    { name: 'on', kind: 'boolean', default: false, doc: 'a flag' },
  ],
  units: (p) => p.units as number,
  runUnit: (p, i) => i * (p.k as number),
  merge: (_p, parts) => ({ total: parts.reduce((a, b) => a + b, 0) }),
};

describe('parseExperimentParams', () => {
  it('coerces command-line strings and fills defaults', () => {
    const { params, problems } = parseExperimentParams(sumExp, { units: '3', xs: '1,4', mode: 'b', on: 'true' });
    expect(problems).toEqual([]);
    expect(params).toEqual({ units: 3, k: 1, xs: [1, 4], mode: 'b', on: true });
  });

  it('reports unknown names, bad values and clamps out-of-range ones', () => {
    const { params, problems } = parseExperimentParams(sumExp, { units: '1e9', k: 'x', xs: '1,2,3,4,9', mode: 'z', bogus: '1' });
    expect(params.units).toBe(100);
    expect(params.k).toBe(1);
    expect(params.xs).toEqual([1, 2, 3]);
    expect(params.mode).toBe('a');
    expect(problems.some((p) => p.includes('bogus'))).toBe(true);
    expect(problems.length).toBeGreaterThanOrEqual(5);
  });

  it('always ends in range whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('units', 'k', 'xs', 'mode', 'on', 'zz'), fc.oneof(fc.string(), fc.double(), fc.constant(undefined), fc.array(fc.double()))), (raw) => {
        const { params } = parseExperimentParams(sumExp, raw);
        const u = params.units as number;
        expect(Number.isInteger(u) && u >= 1 && u <= 100).toBe(true);
        expect((params.xs as number[]).every((x) => x >= 0 && x <= 5)).toBe(true);
        expect((params.xs as number[]).length).toBeLessThanOrEqual(3);
        expect(['a', 'b']).toContain(params.mode);
      }),
    );
  });
});

describe('runExperiment', () => {
  it('runs every unit in order, reports progress and merges', () => {
    const seen: number[] = [];
    const out = runExperiment(sumExp, parseExperimentParams(sumExp, { units: 5, k: 2 }).params, { progress: (d) => seen.push(d) });
    expect(out?.results).toEqual({ total: 20 });
    expect(out?.experiment).toBe('sum');
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops when cancelled', () => {
    let n = 0;
    const out = runExperiment(sumExp, parseExperimentParams(sumExp, { units: 50 }).params, { cancelled: () => ++n > 3 });
    expect(out).toBeNull();
  });
});
