/** Named starting points for the timeout lab ('flp-adversary' lives with the FLP core). */
import type { Scenario } from '../core/types';
import type { TimeoutAction, TimeoutParams } from './types';

const call = { type: 'client/call' } as const;
/** Change the client→server, server→client or both links from now on. */
const link = (from: 'client' | 'server', patch: { loss?: number; latency?: { kind: 'uniform'; min: number; max: number } }, both = false) =>
  ({ type: 'net/link', from, to: from === 'client' ? 'server' : 'client', ...patch, ...(both ? { both: true } : {}) }) as const;

/** 'timeout-ambiguity' and 'slow-not-dead'. */
export const timeoutScenarios: readonly Scenario<TimeoutParams, TimeoutAction>[] = [
  {
    id: 'timeout-ambiguity',
    title: 'Four different failures, one identical timeout',
    description:
      'The client makes five calls. The first succeeds. Then the request is lost, the reply is lost, the server is down, and finally the link is slow. The client sees the same thing four times: no reply before the deadline. Compare its column with what really happened.',
    seed: 11,
    params: { timeout: 300, latency: 80, jitter: 0.2, tail: 0, tailFactor: 8, loss: 0, service: 20 },
    log: [
      { at: 100, action: call },
      { at: 600, action: link('client', { loss: 1 }) },
      { at: 650, action: call },
      { at: 1000, action: link('client', { loss: 0 }) },
      { at: 1100, action: link('server', { loss: 1 }) },
      { at: 1150, action: call },
      { at: 1500, action: link('server', { loss: 0 }) },
      { at: 1600, action: { type: 'node/crash', node: 'server' } },
      { at: 1650, action: call },
      { at: 2000, action: { type: 'node/restart', node: 'server' } },
      { at: 2100, action: link('client', { latency: { kind: 'uniform', min: 320, max: 480 } }, true) },
      { at: 2150, action: call },
    ],
    until: 3200,
  },
  {
    id: 'slow-not-dead',
    title: 'Slow is not dead',
    description:
      'Nothing ever fails here: the server is up and no message is lost, but one message in five is eight times slower than usual. With a 250 ms timeout the client keeps declaring a healthy server dead. Raise the timeout and count how many false alarms remain, and how long a real crash would now take to notice.',
    seed: 12,
    params: { timeout: 250, latency: 60, jitter: 0.3, tail: 0.2, tailFactor: 8, loss: 0, service: 10 },
    log: Array.from({ length: 12 }, (_, i) => ({ at: 100 + i * 250, action: call })),
    until: 4000,
  },
];
