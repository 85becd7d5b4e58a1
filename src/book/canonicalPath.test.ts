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
    // url-fuzz seed 20261205 #766 and #104/#771/#805/#958 (served by the host as the chapter).
    ['/idempotency%2F', '/idempotency'],
    ['/labs%2f', '/labs'],
    ['//microservices', '/microservices'],
    ['', '/'],
  ])('%s -> %s', (from, to) => expect(canonicalPath(from)).toBe(to));
});
