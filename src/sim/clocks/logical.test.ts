import { describe, expect, it } from 'vitest';
import { hlcReceive, hlcTick, lamportReceive, lamportTick, vectorCompare, vectorReceive, vectorTick } from './logical';

describe('Lamport clock rules', () => {
  it('ticks on a local event and jumps past a received timestamp', () => {
    expect(lamportTick(4)).toBe(5);
    expect(lamportReceive(2, 7)).toBe(8);
    expect(lamportReceive(9, 7)).toBe(10);
  });
});

describe('vector clock rules', () => {
  it('receive takes the element-wise max over all entries, then increments its own', () => {
    // Arrange: B knows A:1; the message knows A:3 and C:2 (C's entry is news to B).
    const mine = { A: 1, B: 4 };
    const msg = { A: 3, B: 1, C: 2 };
    // Act
    const v = vectorReceive(mine, msg, 'B');
    // Assert: every entry merged, not only the sender's, then B incremented once.
    expect(v).toEqual({ A: 3, B: 5, C: 2 });
  });
  it('ticks only its own entry', () => {
    expect(vectorTick({ A: 1, B: 2 }, 'A')).toEqual({ A: 2, B: 2 });
  });
  it('compares: ≤ everywhere and < somewhere is before; mixed is concurrent', () => {
    expect(vectorCompare({ A: 1 }, { A: 1, B: 1 })).toBe('before');
    expect(vectorCompare({ A: 2, B: 1 }, { A: 1, B: 1 })).toBe('after');
    expect(vectorCompare({ A: 2 }, { B: 1 })).toBe('concurrent');
    expect(vectorCompare({ A: 1, B: 0 }, { A: 1 })).toBe('equal');
  });
});

describe('hybrid logical clock rules (Kulkarni et al. 2014, Fig. 5)', () => {
  it('a local event follows physical time when it has moved on', () => {
    expect(hlcTick({ l: 10, c: 3 }, 15)).toEqual({ l: 15, c: 0 });
  });
  it('a local event counts in c when physical time has not passed l', () => {
    expect(hlcTick({ l: 10, c: 3 }, 8)).toEqual({ l: 10, c: 4 });
  });
  it('receive: message ahead of both clocks adopts its l and c + 1', () => {
    expect(hlcReceive({ l: 10, c: 0 }, { l: 20, c: 4 }, 12)).toEqual({ l: 20, c: 5 });
  });
  it('receive: equal l on both sides takes max c + 1', () => {
    expect(hlcReceive({ l: 20, c: 2 }, { l: 20, c: 7 }, 12)).toEqual({ l: 20, c: 8 });
  });
  it('receive: own l ahead of message and clock increments own c', () => {
    expect(hlcReceive({ l: 30, c: 2 }, { l: 20, c: 7 }, 12)).toEqual({ l: 30, c: 3 });
  });
  it('receive: physical time ahead of both resets c', () => {
    expect(hlcReceive({ l: 30, c: 2 }, { l: 20, c: 7 }, 40)).toEqual({ l: 40, c: 0 });
  });
});
