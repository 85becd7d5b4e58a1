/**
 * Named starting points for chapter 6 and its narration. Each scenario states where it departs from
 * resilience4j's defaults and why (mostly: a shorter wait and window, so the story fits in a minute).
 */
import type { LogEntry, Scenario } from '../core/types';
import { R4J_DEFAULTS, type BreakerConfig } from './config';
import type { CallerAction, CallerParams, DepMode } from './types';

const base: CallerParams = {
  workers: 20,
  queueLimit: 50,
  clientTimeout: 3000,
  callTimeout: 2000,
  rateA: 30,
  rateB: 30,
  localMs: 10,
  hosts: 1,
  scope: 'per-dependency',
  fallback: false,
  breaker: R4J_DEFAULTS,
};

/** A breaker tuned for a one-minute story: 20-call window, 10 calls minimum, 5 s open. */
const quick: BreakerConfig = { ...R4J_DEFAULTS, slidingWindowSize: 20, minimumNumberOfCalls: 10, waitDurationInOpenState: 5000, permittedNumberOfCallsInHalfOpenState: 5 };

const health = (at: number, mode: DepMode, host = -1): LogEntry<CallerAction> => ({ at, action: { type: 'dep/health', host, mode } });

/** The breaker lab's scenarios (the first is the default). */
export const breakerScenarios: readonly Scenario<CallerParams, CallerAction>[] = [
  {
    id: 'cascade-no-breaker',
    title: 'No breaker: a slow dependency takes the whole service down',
    description:
      'At 3 s the dependency behind endpoint A slows to about 4 s per answer. Each A request now holds a worker for the full 2 s call timeout, all 20 workers fill up, and endpoint B, which never calls the dependency, starts timing out in the queue as well.',
    seed: 61,
    params: { ...base, scope: 'none' },
    log: [health(3000, 'slow')],
    until: 30_000,
  },
  {
    id: 'breaker-fails-fast',
    title: 'A breaker with resilience4j’s defaults fails fast',
    description:
      'The same slow dependency, now behind a breaker with resilience4j’s default settings (100-call window, 50% failure threshold, 60 s open). Once half of the last 100 calls have failed it opens: A requests fail at once instead of holding a worker, the pool drains, and B recovers.',
    seed: 62,
    params: base,
    log: [health(3000, 'slow')],
    until: 40_000,
  },
  {
    id: 'half-open-recovers',
    title: 'After recovery, half-open trial calls close the breaker',
    description:
      'The dependency fails from 3 s and recovers at 15 s. The breaker (20-call window, 5 s open, 5 trial calls) opens, lets 5 trial calls through every time its wait ends, and closes once they succeed.',
    seed: 63,
    params: { ...base, breaker: quick },
    log: [health(3000, 'failing'), health(15_000, 'recovering'), health(25_000, 'healthy')],
    until: 35_000,
  },
  {
    id: 'flapping',
    title: 'A badly tuned breaker flaps',
    description:
      'A flaky dependency fails 30% of calls. A 5-call window with no real minimum, 2 trial calls and a 1 s wait sees three failures in five often enough to open, then closes and opens again, over and over. A 100-call window would stay closed at 30%.',
    seed: 64,
    params: { ...base, breaker: { ...R4J_DEFAULTS, slidingWindowSize: 5, minimumNumberOfCalls: 5, waitDurationInOpenState: 1000, permittedNumberOfCallsInHalfOpenState: 2 } },
    log: [health(2000, 'flaky')],
    until: 30_000,
  },
  {
    id: 'fallback',
    title: 'A fallback answer while the breaker is open',
    description:
      'The dependency fails from 3 s. With a fallback (a cached, possibly stale answer), endpoint A keeps answering: first after each failed call, then instantly while the breaker is open.',
    seed: 65,
    params: { ...base, fallback: true, breaker: quick },
    log: [health(3000, 'failing')],
    until: 20_000,
  },
  {
    id: 'per-dependency-breaker',
    title: 'One breaker for the whole dependency: one bad host cuts off all three',
    description:
      'The dependency runs on three hosts; dep-2 starts failing at 3 s. One breaker for the whole dependency (25% threshold) sees a third of calls fail and opens, so the two healthy hosts are cut off too; its trial calls still meet dep-2 and it opens again.',
    seed: 66,
    params: { ...base, hosts: 3, breaker: { ...quick, failureRateThreshold: 25 } },
    log: [health(3000, 'failing', 1)],
    until: 30_000,
  },
  {
    id: 'per-host-breakers',
    title: 'One breaker per host: only the bad host is cut off',
    description:
      'The same three hosts and the same failing dep-2, with one breaker per host. Only dep-2’s breaker opens; the load balancer skips it and A keeps succeeding on the other two.',
    seed: 66,
    params: { ...base, hosts: 3, scope: 'per-host', breaker: { ...quick, failureRateThreshold: 25 } },
    log: [health(3000, 'failing', 1)],
    until: 30_000,
  },
];
