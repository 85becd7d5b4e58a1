import { describe, expect, it } from 'vitest';
import { advanceWorkingCopy, workingCopyMechanism, type WorkingCopy } from './workingCopy';

/** A toy model: a counter with events at fixed times; `bump` adds an event 10 ms later. */
interface Toy {
  readonly heap: readonly { readonly t: number }[];
  readonly now: number;
  readonly fired: readonly number[];
}
type Bump = { type: 'toy/bump' };

class ToyCopy implements WorkingCopy<Toy, Bump> {
  heap: { t: number }[];
  s: { now: number; fired: number[] };
  constructor(st: Toy) {
    this.heap = [...st.heap];
    this.s = { now: st.now, fired: [...st.fired] };
  }
  step() {
    const e = this.heap.shift()!;
    this.s.now = e.t;
    this.s.fired.push(e.t);
  }
  apply() {
    this.heap.push({ t: this.s.now + 10 });
    this.heap.sort((a, b) => a.t - b.t);
  }
  setNow(t: number) {
    this.s.now = t;
  }
  done(): Toy {
    return { heap: this.heap, now: this.s.now, fired: this.s.fired };
  }
}

const toy = workingCopyMechanism<null, Toy, Bump>({
  id: 'toy',
  defaults: null,
  sanitizeParams: () => ({ value: null, problems: [] }),
  parseAction: (raw) => ((raw as Bump)?.type === 'toy/bump' ? { type: 'toy/bump' } : null),
  init: () => ({ heap: [{ t: 5 }, { t: 20 }], now: 0, fired: [] }),
  open: (st) => new ToyCopy(st),
  trace: () => [],
  scenarios: [],
});

describe('workingCopyMechanism', () => {
  it('peek, next and advanceTo follow the heap; advanceTo processes exactly what is due', () => {
    const s0 = toy.init(1, null);
    expect(toy.peek(s0)).toBe(5);
    const s1 = toy.next(s0);
    expect(s1.fired).toEqual([5]);
    expect(s0.fired).toEqual([]); // inputs are never mutated
    const s2 = toy.advanceTo(s0, 19);
    expect(s2.fired).toEqual([5]);
    expect(toy.now(s2)).toBe(19);
    expect(toy.peek(toy.advanceTo(s0, 20))).toBe(Infinity);
    expect(toy.next(toy.advanceTo(s0, 20))).toEqual(toy.advanceTo(s0, 20));
  });

  it('apply acts at the current time and never moves the clock back', () => {
    const s = toy.apply(toy.advanceTo(toy.init(1, null), 7), { type: 'toy/bump' });
    expect(toy.peek(s)).toBe(17);
    expect(advanceWorkingCopy(new ToyCopy(s), 3).now).toBe(7);
  });
});
