import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chapterState, EMPTY_PROGRESS, recordVisit, sanitizeProgress } from './progress';

describe('progress store', () => {
  it('records a visit and remembers the last chapter', () => {
    const p = recordVisit(EMPTY_PROGRESS, 'networks', 0.25, 1000);
    expect(p.last).toBe('networks');
    expect(p.chapters.networks).toEqual({ scroll: 0.25, visitedAt: 1000 });
  });

  it('never lowers the furthest scroll position of a chapter', () => {
    const p = recordVisit(recordVisit(EMPTY_PROGRESS, 'clocks', 0.8, 1), 'clocks', 0.1, 2);
    expect(p.chapters.clocks.scroll).toBe(0.8);
    expect(p.chapters.clocks.visitedAt).toBe(2);
  });

  it('round-trips through JSON unchanged', () => {
    const p = recordVisit(recordVisit(EMPTY_PROGRESS, 'a', 0.5, 1), 'b', 1, 2);
    expect(sanitizeProgress(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });

  it.each([
    ['null', null],
    ['a string', 'garbage'],
    ['an old version', { version: 0, chapters: { a: { scroll: 1, visitedAt: 1 } } }],
    ['an array of chapters', { version: 1, chapters: [] }],
  ])('ignores %s', (_label, raw) => {
    expect(sanitizeProgress(raw)).toEqual(EMPTY_PROGRESS);
  });

  it('drops malformed chapter entries but keeps good ones', () => {
    const raw = {
      version: 1,
      last: 'bad slug!',
      chapters: { good: { scroll: 2, visitedAt: 5 }, 'bad slug!': { scroll: 0.1, visitedAt: 1 }, nan: { scroll: 'x', visitedAt: 1 } },
    };
    expect(sanitizeProgress(raw)).toEqual({ version: 1, chapters: { good: { scroll: 1, visitedAt: 5 } } });
  });

  it('always yields a valid record from any JSON value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const p = sanitizeProgress(raw);
        expect(p.version).toBe(1);
        for (const c of Object.values(p.chapters)) {
          expect(c.scroll).toBeGreaterThanOrEqual(0);
          expect(c.scroll).toBeLessThanOrEqual(1);
          expect(Number.isFinite(c.visitedAt)).toBe(true);
        }
        if (p.last) expect(p.chapters[p.last]).toBeDefined();
      }),
      { numRuns: 500 },
    );
  });

  it('counts a chapter as read only once its end is reached, with partial progress before', () => {
    expect(chapterState(undefined, 'clocks')).toEqual({ visited: false, read: false, fraction: 0 });
    const opened = recordVisit(EMPTY_PROGRESS, 'clocks', 0, 1);
    expect(chapterState(opened, 'clocks')).toEqual({ visited: true, read: false, fraction: 0 });
    const half = recordVisit(opened, 'clocks', 0.5, 2);
    expect(chapterState(half, 'clocks')).toMatchObject({ visited: true, read: false, fraction: 0.5 });
    expect(chapterState(recordVisit(half, 'clocks', 1, 3), 'clocks').read).toBe(true);
    // Scrolling back up never un-reads it.
    expect(chapterState(recordVisit(recordVisit(half, 'clocks', 1, 3), 'clocks', 0.1, 4), 'clocks').read).toBe(true);
  });
});

describe('progress is capped to the book', () => {
  it('keeps only known chapters, from storage and from visits', () => {
    const known = new Set(['networks', 'ordering']);
    const raw = { version: 1, chapters: { networks: { scroll: 0.5, visitedAt: 1 }, 'x-1': { scroll: 1, visitedAt: 2 } }, last: 'x-1' };
    expect(sanitizeProgress(raw, known)).toEqual({ version: 1, chapters: { networks: { scroll: 0.5, visitedAt: 1 } } });
    const p = recordVisit(EMPTY_PROGRESS, 'not-a-chapter', 1, 3, known);
    expect(p).toBe(EMPTY_PROGRESS);
  });
});
