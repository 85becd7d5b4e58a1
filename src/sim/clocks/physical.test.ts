import { describe, expect, it } from 'vitest';
import { makeClock, readClock, setDrift, slewClock, stepClock, stepRateToBase } from './physical';

describe('physical clocks', () => {
  it('reads offset plus drift-scaled time', () => {
    const c = makeClock(50, 1000); // 50 ms ahead, 0.1 % fast
    expect(readClock(c, 0)).toBe(50);
    expect(readClock(c, 1000)).toBeCloseTo(1051, 9);
  });
  it('a step can move the reading backwards', () => {
    const c = stepClock(makeClock(300, 0), 100, 100);
    expect(readClock(c, 100)).toBe(100);
    expect(readClock(c, 150)).toBe(150);
  });
  it('a slew corrects gradually and never goes backwards', () => {
    const c0 = makeClock(300, 0);
    const c = slewClock(c0, 100, 100, 100_000); // remove 300 ms at 10 %
    expect(c.slewUntil).toBeCloseTo(100 + 3000, 6);
    expect(readClock(c, 1100)).toBeCloseTo(400 + 900, 6);
    expect(readClock(c, 1100)).toBeGreaterThan(readClock(c, 100));
    const done = stepRateToBase(c, c.slewUntil!);
    expect(readClock(done, c.slewUntil!)).toBeCloseTo(c.slewUntil!, 6);
    expect(done.rate).toBe(1);
  });
  it('changing drift keeps the reading continuous', () => {
    const c = setDrift(makeClock(0, 0), 500, 100_000);
    expect(readClock(c, 500)).toBe(500);
    expect(readClock(c, 600)).toBeCloseTo(610, 9);
  });
});
