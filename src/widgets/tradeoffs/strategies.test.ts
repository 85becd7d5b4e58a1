import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACCESS_PATTERNS,
  CONSISTENCY_LEVELS,
  explainEmpty,
  filterStrategies,
  GEOGRAPHIES,
  LOSS_TOLERANCES,
  parseWorkload,
  STRATEGIES,
  traitSummary,
  WRITE_VOLUMES,
  type Workload,
} from './strategies';

const ids = (w: Workload) => filterStrategies(w).map((s) => s.id);

describe('filterStrategies examples', () => {
  it('returns every strategy when no trait is chosen', () => {
    expect(filterStrategies({})).toHaveLength(STRATEGIES.length);
  });

  it('keeps only loss-free strategies for a ledger-like workload', () => {
    const result = ids({ consistency: 'linearizable', access: 'multi-record-transactions', loss: 'nothing-acknowledged' });
    expect(result).toEqual(['single-leader-sync', 'consensus-shards']);
  });

  it('adds sharded consensus as the only option once writes outgrow one node', () => {
    expect(ids({ consistency: 'linearizable', writeVolume: 'beyond-one-node', access: 'key-value' })).toEqual([
      'consensus-shards',
    ]);
  });

  it('offers only multi-leader CRDTs and leaderless LWW when every region must write locally', () => {
    expect(ids({ geography: 'local-writes-everywhere' })).toEqual(['multi-leader-crdt', 'leaderless-lww']);
  });

  it('drops last-write-wins when concurrent overwrites are not acceptable', () => {
    expect(ids({ geography: 'local-writes-everywhere', loss: 'last-seconds-on-disaster' })).toEqual(['multi-leader-crdt']);
  });

  it('finds nothing for linearizable local writes everywhere, and explains it with CAP and PACELC', () => {
    const w: Workload = { consistency: 'linearizable', geography: 'local-writes-everywhere' };
    expect(filterStrategies(w)).toEqual([]);
    expect(explainEmpty(w)).toMatch(/CAP/);
    expect(explainEmpty({ access: 'append-only-stream', geography: 'local-writes-everywhere' })).not.toMatch(/CAP/);
  });

  it('maps an append-only stream to the partitioned log', () => {
    expect(ids({ access: 'append-only-stream' })).toEqual(['partitioned-log']);
  });
});

describe('traitSummary', () => {
  it('states the traits that decide filtering for a row', () => {
    const lww = STRATEGIES.find((s) => s.id === 'leaderless-lww')!;
    expect(traitSummary(lww)).toBe('up to eventual · writes scale out · local writes in every region · can drop concurrent writes');
    const async = STRATEGIES.find((s) => s.id === 'single-leader-async')!;
    expect(traitSummary(async)).toContain('can lose the last seconds');
  });
});

describe('parseWorkload', () => {
  it('accepts valid values and treats "any" and empty as unset', () => {
    expect(parseWorkload({ consistency: 'session', loss: 'any', access: '' })).toEqual({
      workload: { consistency: 'session' },
      errors: [],
    });
  });

  it('reports each invalid value and falls back to any', () => {
    const { workload, errors } = parseWorkload({ consistency: 'strong', geography: 42 });
    expect(workload).toEqual({});
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/strong/);
  });
});

const optional = <T extends string>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
const workloadArb = fc.record({
  consistency: optional(CONSISTENCY_LEVELS),
  writeVolume: optional(WRITE_VOLUMES),
  geography: optional(GEOGRAPHIES),
  access: optional(ACCESS_PATTERNS),
  loss: optional(LOSS_TOLERANCES),
});

describe('filterStrategies properties', () => {
  it('adding a constraint never adds a match', () => {
    fc.assert(
      fc.property(workloadArb, fc.constantFrom('consistency', 'writeVolume', 'geography', 'access', 'loss'), (w, key) => {
        const relaxed = { ...w, [key]: undefined };
        const strict = new Set(ids(w));
        const loose = new Set(ids(relaxed));
        return [...strict].every((id) => loose.has(id));
      }),
      { numRuns: 300 },
    );
  });

  it('a workload matches exactly the intersection of its single-trait matches', () => {
    fc.assert(
      fc.property(workloadArb, (w) => {
        const single = (Object.keys(w) as (keyof Workload)[])
          .filter((k) => w[k] !== undefined)
          .map((k) => new Set(ids({ [k]: w[k] } as Workload)));
        const expected = STRATEGIES.map((s) => s.id).filter((id) => single.every((set) => set.has(id)));
        expect(ids(w)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('demanding stronger consistency or less loss never widens the result', () => {
    fc.assert(
      fc.property(workloadArb, fc.nat(2), fc.nat(2), (w, c, l) => {
        const weaker = { ...w, consistency: CONSISTENCY_LEVELS[Math.min(c, 1)], loss: LOSS_TOLERANCES[Math.max(l, 1)] };
        const stronger = { ...w, consistency: CONSISTENCY_LEVELS[Math.min(c, 1) + 1], loss: LOSS_TOLERANCES[Math.max(l, 1) - 1] };
        const wide = new Set(ids(weaker));
        return ids(stronger).every((id) => wide.has(id));
      }),
      { numRuns: 300 },
    );
  });
});
