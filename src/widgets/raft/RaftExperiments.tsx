/**
 * Experiment runner for the Raft lab: runs in Web Workers with a progress bar and a Cancel button,
 * then charts the result. Experiment 1 is shared out over a small pool of workers (its trials are
 * independent and seeded per trial, see trialShares.ts) and merged here into exactly the
 * single-worker result; the split-vote sweep runs in one worker. Cancel, an error in any worker, or
 * unmounting terminates every worker of the run.
 */
import { useEffect, useRef, useState } from 'react';
import type { DowntimeSeries, SplitPoint, TimeoutRange } from '../../sim/raft';
import { figure16Shares, mergeFigure16, shareTrials } from '../../sim/raft';
import { DowntimeCdf, SplitVoteChart } from './charts';
import { experimentPoolSize, poolProgress } from './workerMessages';
import type { ExperimentReply, ExperimentRequest } from './workerMessages';

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; which: ExperimentRequest['kind']; done: number }
  | { kind: 'cancelled' }
  | { kind: 'done'; text: string }
  | { kind: 'error'; message: string };

/** A worker's final reply (anything but progress or error). */
type FinalReply = Exclude<ExperimentReply, { type: 'progress' } | { type: 'error' }>;

const SPLIT_LATENCIES = [0, 5, 10, 15, 20, 30, 40, 50, 60, 75, 90, 110, 130, 150];
const SPLIT_RANGE: TimeoutRange = { min: 150, max: 300 };

/** The experiments section of the Raft lab. */
export function RaftExperiments({ interactive }: { interactive: boolean }) {
  const [trials, setTrials] = useState(1000);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [fig16, setFig16] = useState<{ series: readonly DowntimeSeries[]; ms: number } | null>(null);
  const [split, setSplit] = useState<{ points: readonly SplitPoint[]; range: TimeoutRange; ms: number } | null>(null);
  const workers = useRef<Worker[]>([]);
  // Bumped by every start and stop, so a message already queued from a terminated run is ignored.
  const runId = useRef(0);

  const stopAll = () => {
    runId.current++;
    for (const w of workers.current) w.terminate();
    workers.current = [];
  };

  useEffect(() => stopAll, []);

  /** Start one worker per request; `weights` set each worker's part of the progress bar; `finish` gets the final replies in request order. */
  const startPool = (reqs: readonly ExperimentRequest[], weights: readonly number[], finish: (replies: FinalReply[], ms: number) => void) => {
    stopAll();
    const run = runId.current;
    const started = performance.now();
    const fractions = reqs.map(() => 0);
    const replies: (FinalReply | undefined)[] = reqs.map(() => undefined);
    const which = reqs[0].kind;
    const fail = (i: number, message: string) => {
      if (runId.current !== run) return;
      stopAll();
      const who = reqs.length > 1 ? ` (worker ${i + 1} of ${reqs.length}; the others were stopped)` : '';
      setStatus({ kind: 'error', message: `${message}${who}` });
    };
    setStatus({ kind: 'running', which, done: 0 });
    workers.current = reqs.map((req, i) => {
      const w = new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (e: MessageEvent<ExperimentReply>) => {
        if (runId.current !== run) return;
        const m = e.data;
        if (m.type === 'progress') {
          fractions[i] = m.done;
          setStatus({ kind: 'running', which, done: poolProgress(fractions, weights) });
        } else if (m.type === 'error') fail(i, m.message);
        else {
          replies[i] = m;
          fractions[i] = 1;
          w.terminate();
          if (replies.every((r) => r !== undefined)) {
            const ms = performance.now() - started;
            workers.current = [];
            try {
              finish(replies as FinalReply[], ms);
            } catch (err) {
              fail(i, err instanceof Error ? err.message : String(err));
            }
          }
        }
      };
      w.onerror = (e) => fail(i, e.message || 'The experiment worker failed to start.');
      w.postMessage(req);
      return w;
    });
  };

  const runFigure16 = () => {
    const shares = figure16Shares(experimentPoolSize(navigator.hardwareConcurrency));
    const reqs = shares.map((share): ExperimentRequest => ({ kind: 'figure16', trials, seed: 1, share }));
    startPool(reqs, shares.map((s) => shareTrials(trials, s)), (replies, ms) => {
      const parts = replies.map((r) => (r as Extract<FinalReply, { type: 'figure16' }>).part);
      setFig16({ series: mergeFigure16(parts), ms });
      const pool = shares.length > 1 ? ` on ${shares.length} workers` : '';
      setStatus({ kind: 'done', text: `Election downtime finished in ${(ms / 1000).toFixed(1)} s${pool}.` });
    });
  };

  const runSplit = () => {
    startPool([{ kind: 'split', trials, latencies: SPLIT_LATENCIES, range: SPLIT_RANGE, seed: 1 }], [1], ([r], ms) => {
      const m = r as Extract<FinalReply, { type: 'split' }>;
      setSplit({ points: m.points, range: m.range, ms });
      setStatus({ kind: 'done', text: `Split-vote sweep finished in ${(ms / 1000).toFixed(1)} s.` });
    });
  };

  const cancel = () => {
    stopAll();
    setStatus({ kind: 'cancelled' });
  };

  const running = status.kind === 'running';
  return (
    <section className="raft-experiments" aria-label="Raft experiments">
      <h4 className="lab-results-title">Experiments</h4>
      <p className="lab-description">
        Leader-election downtime reproduces the setup of Figure 16 in the Raft paper: five servers, the leader crashes at a random point of its
        heartbeat interval (half the minimum timeout) just after a synchronised broadcast, followers hold logs of different lengths, and one-way
        latency is 2–4 ms. The last column gives the paper’s own figures. At this latency the simulation matches the first two; for 150–200 ms
        its 99.9th percentile is about half a second, but a rare trial loses several rounds of voting in a row and runs past the paper’s worst case. The
        paper does not state its network delay, and a shorter delay here removes the split votes that make 150–155 ms slow.
        The split-vote sweep uses equal logs and a fixed latency, the assumptions of the closed form drawn with it.
      </p>
      <div className="raft-exp-controls">
        <label className="lab-field">
          <span>Trials per setting</span>
          <select value={trials} disabled={!interactive || running} onChange={(e) => setTrials(Number(e.currentTarget.value))}>
            {[100, 300, 1000].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="lab-btn" disabled={!interactive || running} onClick={runFigure16}>
          Run election downtime (6 ranges)
        </button>
        <button
          type="button"
          className="lab-btn"
          disabled={!interactive || running}
          onClick={runSplit}
        >
          Run split-vote sweep
        </button>
        <button type="button" className="lab-btn" disabled={!running} onClick={cancel}>
          Cancel
        </button>
      </div>
      <div className="raft-exp-status" role="status" aria-live="polite">
        {running && (
          <>
            <progress max={1} value={status.done} aria-label="Experiment progress" />
            <span>{` ${Math.round(status.done * 100)}%`}</span>
          </>
        )}
        {status.kind === 'cancelled' && <span>Cancelled.</span>}
        {status.kind === 'error' && <span className="raft-bad">{`The experiment failed: ${status.message}`}</span>}
        {status.kind === 'done' && <span>{status.text}</span>}
      </div>
      {fig16 && <DowntimeCdf series={fig16.series} />}
      {split && <SplitVoteChart points={split.points} range={split.range} />}
    </section>
  );
}
