import { describe, expect, it } from 'vitest';
import { parseTime, readDeepLink } from './url';

describe('narration deep-link time', () => {
  it.each([
    ['90', 90],
    ['90.5', 90.5],
    ['1:30', 90],
    ['1:02:03', 3723],
    ['1m30s', 90],
    ['2h', 7200],
  ])('reads %s', (raw, t) => expect(parseTime(raw)).toBe(t));

  it.each(['1:99:99', '1:30:75', '0:75', '1m99s', '1h75m', '9'.repeat(400), 'abc', '', '1e9'])('rejects %s', (raw) => expect(parseTime(raw)).toBeNull());

  it('explains a rejected time briefly and never prints Infinity or NaN', () => {
    const link = readDeepLink(`?t=${'9'.repeat(400)}`, 600);
    expect(link.t).toBeNull();
    expect(link.problem).toMatch(/is not a time/);
    expect(link.problem).not.toMatch(/Infinity|NaN/);
    expect(link.problem!.length).toBeLessThan(140);
    expect(readDeepLink('?t=1:99:99', 600).problem).toMatch(/is not a time/);
  });
});
