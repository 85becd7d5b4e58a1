/**
 * Random fault schedules for the property tests and the experiment. A schedule is a plain
 * run log (kernel actions and client commands), so a failing seed replays in the lab.
 *
 * Faults are the four the lab offers, drawn at random inside a fault window: the server
 * (or consumer) crashes and restarts; a link loses every message for a while (a lost
 * request, a lost reply, a lost delivery or ack); replies are delayed past the client's
 * timeout; a link duplicates messages. The window closes well before the client's (or
 * broker's) last retry, so "exactly once" is reachable; the invariant is that nothing is
 * applied more than once while the faults rage, and each operation lands once in the end.
 */
import type { LogEntry } from '../core/types';
import type { WorldAction } from '../core/actions';
import type { Dist } from '../core/dist';
import { createRng, cloneRng, intMut, nextFloatMut, type MutRng } from '../core/rng';
import { BROKER, CLIENT, CONSUMER, SERVER, type IdemCmd, type IdemMode, type IdemParams } from './types';
import { idemDefaults } from './protocol';

/** A log entry of this core. */
export type IdemLogEntry = LogEntry<WorldAction | IdemCmd>;

/** One generated trial: the run's seed, its base parameters (before the configuration) and its log. */
export interface FaultTrial {
  readonly seed: number;
  readonly params: IdemParams;
  readonly log: readonly IdemLogEntry[];
  /** Time by which every operation must have settled. */
  readonly until: number;
  /** Descriptions of the faults, for failure messages. */
  readonly faults: readonly string[];
}

/** Base parameters for random trials: 8 attempts (≈2.6 s horizon), so the client outlasts the fault window. */
export const trialBase: IdemParams = {
  ...idemDefaults,
  maxAttempts: 8,
  backoffCap: 200,
  retention: 3000,
};

/** End of the window in which faults start (ms); each lasts at most 300 ms. */
export const FAULT_WINDOW = 1200;

const uni = (r: MutRng, lo: number, hi: number): number => lo + (hi - lo) * nextFloatMut(r);
const round = (x: number): number => Math.round(x * 10) / 10;

/**
 * The trial for (seed, index, mode): parameters jittered around `trialBase`, one to three
 * operations, and up to `maxFaults` faults. Pure: the same arguments give the same trial.
 */
export function faultTrial(seed: number, index: number, mode: IdemMode, maxFaults = 4): FaultTrial {
  const r = cloneRng(createRng(seed, `idem-trial:${mode}:${index}`));
  const latMin = round(uni(r, 5, 25));
  const latency: Dist = { kind: 'uniform', min: latMin, max: round(latMin + uni(r, 0, 20)) };
  const params: IdemParams = {
    ...trialBase,
    mode,
    latency,
    work: round(uni(r, 10, 320)),
    recordGap: round(uni(r, 5, 80)),
    inFlight: nextFloatMut(r) < 0.5 ? 'reject' : 'wait',
  };
  const log: IdemLogEntry[] = [];
  const faults: string[] = [];
  const ops = intMut(r, 1, 3);
  for (let i = 0; i < ops; i++) {
    const at = round(uni(r, 0, 300));
    log.push({ at, action: mode === 'api' ? { type: 'idem/pay', amount: 10 * intMut(r, 1, 20) } : { type: 'idem/publish' } });
  }
  const worker = mode === 'api' ? SERVER : CONSUMER;
  const peer = mode === 'api' ? CLIENT : BROKER;
  const n = intMut(r, 0, maxFaults);
  for (let i = 0; i < n; i++) {
    const at = round(uni(r, 0, FAULT_WINDOW));
    const len = round(uni(r, 20, 300));
    const kind = intMut(r, 0, 3);
    if (kind === 0) {
      log.push({ at, action: { type: 'node/crash', node: worker } }, { at: at + len, action: { type: 'node/restart', node: worker } });
      faults.push(`${worker} down ${at}–${round(at + len)}`);
    } else if (kind === 1) {
      const [from, to] = nextFloatMut(r) < 0.5 ? [peer, worker] : [worker, peer];
      log.push({ at, action: { type: 'net/link', from, to, loss: 1 } }, { at: at + len, action: { type: 'net/link', from, to, loss: 0 } });
      faults.push(`${from}→${to} loses everything ${at}–${round(at + len)}`);
    } else if (kind === 2) {
      const slow = round(uni(r, params.timeout, 2 * params.timeout));
      log.push(
        { at, action: { type: 'net/link', from: worker, to: peer, latency: { kind: 'constant', value: slow } } },
        { at: at + len, action: { type: 'net/link', from: worker, to: peer, latency } },
      );
      faults.push(`${worker}→${peer} delayed ${slow} ms ${at}–${round(at + len)}`);
    } else {
      log.push({ at, action: { type: 'net/link', from: peer, to: worker, dup: 1 } }, { at: at + len, action: { type: 'net/link', from: peer, to: worker, dup: 0 } });
      faults.push(`${peer}→${worker} duplicates ${at}–${round(at + len)}`);
    }
  }
  log.sort((a, b) => a.at - b.at);
  return { seed: (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0, params, log, until: 8000, faults };
}
