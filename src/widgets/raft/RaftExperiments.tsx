/**
 * Experiment runner for the Raft lab: runs in Web Workers with a progress bar and a Cancel button,
 * then charts the result. Experiment 1 is shared out over a small pool of workers (its trials are
 * independent and seeded per trial, see trialShares.ts) and merged here into exactly the
 * single-worker result; the split-vote sweep runs in one worker. Cancel, an error in any worker, or
 * unmounting terminates every worker of the run.
 */
import { useEffect, useRef, useState } from 'react';
import type { DowntimeSeries, Figure16Setup, SplitPoint, TimeoutRange } from '../../sim/raft';
import { DOWNTIME_CAP_MS, figure16Net, figure16Setup, figure16Shares, figure16Timing, majorityOf, mergeFigure16, shareTrials } from '../../sim/raft';
import { DowntimeCdf, SplitVoteChart } from './charts';
import { experimentPoolSize, poolProgress } from './workerMessages';
import { SelectField } from '../shared/fields';
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

/** Heartbeat choices: 0 means the paper's choice, half of each range's minimum timeout. */
const HEARTBEATS = [0, 25, 50, 100];
const CAPS = [DOWNTIME_CAP_MS, 30_000, 60_000];

/** The experiments section of the Raft lab. */
export function RaftExperiments({ interactive }: { interactive: boolean }) {
  const [trials, setTrials] = useState(1000);
  const [servers, setServers] = useState(5);
  const [survivors, setSurvivors] = useState(4);
  const [heartbeat, setHeartbeat] = useState(0);
  const [cap, setCap] = useState(DOWNTIME_CAP_MS);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [fig16, setFig16] = useState<{ series: readonly DowntimeSeries[]; cap: number; ms: number } | null>(null);
  const [split, setSplit] = useState<{ points: readonly SplitPoint[]; range: TimeoutRange; servers: number; survivors: number; ms: number } | null>(null);
  const alive = Math.min(survivors, servers - 1);
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
    const setup: Figure16Setup = { ...figure16Setup, servers, survivors: alive, cap, ...(heartbeat > 0 ? { heartbeat } : {}) };
    const reqs = shares.map((share): ExperimentRequest => ({ kind: 'figure16', trials, seed: 1, share, setup }));
    startPool(reqs, shares.map((s) => shareTrials(trials, s)), (replies, ms) => {
      const parts = replies.map((r) => (r as Extract<FinalReply, { type: 'figure16' }>).part);
      setFig16({ series: mergeFigure16(parts), cap, ms });
      const pool = shares.length > 1 ? ` on ${shares.length} workers` : '';
      setStatus({ kind: 'done', text: `Election downtime finished in ${(ms / 1000).toFixed(1)} s${pool}.` });
    });
  };

  const runSplit = () => {
    const cluster = { servers, survivors: alive };
    startPool([{ kind: 'split', trials, latencies: SPLIT_LATENCIES, range: SPLIT_RANGE, seed: 1, cluster }], [1], ([r], ms) => {
      const m = r as Extract<FinalReply, { type: 'split' }>;
      setSplit({ points: m.points, range: m.range, ...cluster, ms });
      setStatus({ kind: 'done', text: `Split-vote sweep finished in ${(ms / 1000).toFixed(1)} s.` });
    });
  };

  const cancel = () => {
    stopAll();
    setStatus({ kind: 'cancelled' });
  };

  const running = status.kind === 'running';
  const off = !interactive || running;
  return (
    <section className="raft-experiments" aria-label="Raft experiments">
      <h4 className="lab-results-title">Experiments</h4>
      <p className="lab-description">
        Leader-election downtime follows Figure 16 of the Raft paper: the leader makes a synchronised broadcast, then crashes at a random point of
        its heartbeat interval (half the minimum timeout); followers hold logs of different lengths, so some cannot win. Downtime runs, as in the
        paper, from the crash until the other surviving servers receive the new leader’s first heartbeat. The timing model is stated, not fitted:
        one-way latency of 2–4 ms, and a {figure16Timing.diskWrite} ms disk write, because a server must store its term, its vote and new log entries
        before it answers (Figure 2), so a reply costs a round trip plus a write, about the 15 ms broadcast time the paper’s cluster is described
        with. Each server’s clock drifts by up to ±{figure16Timing.driftPpm} ppm and each timer fires up to {figure16Timing.timerJitter} ms late, as on
        a real machine. With identical timeouts (150–150 ms) that noise is all that separates the servers, so split votes repeat for seconds
        before one server pulls far enough ahead; without it they would repeat forever. The last column gives the paper’s own figures.
      </p>
      <p className="lab-description">
        The split-vote sweep uses equal logs, a fixed latency and no disk or timer noise, the assumptions of the closed form drawn with it,
        for the cluster size and survivors chosen here. One-way latency default: {figure16Net.latencyMin}–{figure16Net.latencyMax} ms.
      </p>
      <div className="raft-exp-controls">
        <SelectField<number> label="Trials per setting" value={trials} options={[100, 300, 1000]} disabled={off} onChange={setTrials} />
        <SelectField<number>
          label="Servers"
          value={servers}
          options={[3, 4, 5, 6, 7, 8, 9]}
          disabled={off}
          onChange={(n) => {
            // A new cluster starts from the paper's case: only the leader crashed.
            setServers(n);
            setSurvivors(n - 1);
          }}
        />
        <SelectField<number>
          label="Still up after the crash"
          value={alive}
          options={Array.from({ length: servers - 1 }, (_, i) => servers - 1 - i)}
          format={(k) => String(k < majorityOf(servers) ? `${k} (no majority)` : k)}
          disabled={off}
          onChange={setSurvivors}
        />
        <SelectField<number> label="Heartbeat" value={heartbeat} options={HEARTBEATS} format={(h) => (h === 0 ? 'half the minimum timeout' : `${h} ms`)} disabled={off} onChange={setHeartbeat} />
        <SelectField<number> label="Give up after" value={cap} options={CAPS} format={(c) => `${c / 1000} s`} disabled={off} onChange={setCap} />
        <button type="button" className="lab-btn" disabled={off} onClick={runFigure16}>
          Run election downtime (6 ranges)
        </button>
        <button
          type="button"
          className="lab-btn"
          disabled={off}
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
      {fig16 && <DowntimeCdf series={fig16.series} cap={fig16.cap} />}
      {split && <SplitVoteChart points={split.points} range={split.range} servers={split.servers} survivors={split.survivors} />}
    </section>
  );
}
