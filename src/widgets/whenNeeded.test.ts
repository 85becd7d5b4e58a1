import { describe, expect, it } from 'vitest';
import { carriesState } from './whenNeeded';

describe('carriesState', () => {
  it('wakes labs for lab links and narration deep links only', () => {
    expect(carriesState('?lab-split=v1.abc', '')).toBe(true);
    expect(carriesState('?t=90', '')).toBe(true);
    expect(carriesState('?narration=play', '')).toBe(true);
    expect(carriesState('', '#intro?t=12')).toBe(true);
  });
  it('ignores unrelated query strings', () => {
    expect(carriesState('?utm_source=x', '')).toBe(false);
    expect(carriesState('?utm_source=x&ref=lab-a', '#section')).toBe(false);
    expect(carriesState('', '')).toBe(false);
  });
});
