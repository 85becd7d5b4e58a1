import { describe, expect, it } from 'vitest';
import { canonicalPath } from './canonicalPath';

describe('canonicalPath', () => {
  it.each([
    ['/', '/'],
    ['/index', '/'],
    ['/index.html', '/'],
    ['/ordering', '/ordering'],
    ['/ordering.html', '/ordering'],
    ['/ordering/', '/ordering'],
    ['/glossary.html', '/glossary'],
    ['//labs//', '/labs'],
    ['', '/'],
  ])('%s -> %s', (from, to) => expect(canonicalPath(from)).toBe(to));
});
