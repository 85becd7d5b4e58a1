/**
 * Experiment runner for the Raft lab: runs in a Web Worker with a progress bar and a Cancel button
 * (cancel terminates the worker), then charts the result.
 */
import { useEffect, useRef, useState } from 'react';
import type { DowntimeSeries, SplitPoint, TimeoutRange } from '../../sim/raft/experiments';
import { DowntimeCdf, SplitVoteChart } from './charts';
import type { ExperimentReply, ExperimentRequest } from './experimentProtocol';

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; which: ExperimentRequest['kind']; done: number }
  | { kind: 'cancelled' }
  | { kind: 'done'; text: string }
  | { kind: 'error'; message: string };

const SPLIT_LATENCIES = [0, 5, 10, 15, 20, 30, 40, 50, 60, 75, 90, 110, 130, 150];
const SPLIT_RANGE: TimeoutRange = { min: 150, max: 300 };

/** The experiments section of the Raft lab. */
export function RaftExperiments({ interactive }: { interactive: boolean }) {
  const [trials, setTrials] = useState(1000);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [fig16, setFig16] = useState<{ series: readonly DowntimeSeries[]; ms: number } | null>(null);
  const [split, setSplit] = useState<{ points: readonly SplitPoint[]; range: TimeoutRange; ms: number } | null>(null);
  const worker = useRef<Worker | null>(null);

  useEffect(() => () => worker.current?.terminate(), []);

  const start = (req: ExperimentRequest) => {
    worker.current?.terminate();
    const w = new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setStatus({ kind: 'running', which: req.kind, done: 0 });
    w.onmessage = (e: MessageEvent<ExperimentReply>) => {
      const m = e.data;
      if (m.type === 'progress') setStatus({ kind: 'running', which: req.kind, done: m.done });
      else if (m.type === 'error') setStatus({ kind: 'error', message: m.message });
      else {
        if (m.type === 'figure16') setFig16({ series: m.series, ms: m.ms });
        else setSplit({ points: m.points, range: m.range, ms: m.ms });
        const what = m.type === 'figure16' ? 'Election downtime' : 'Split-vote sweep';
        setStatus({ kind: 'done', text: `${what} finished in ${(m.ms / 1000).toFixed(1)} s.` });
        w.terminate();
        worker.current = null;
      }
    };
    w.onerror = (e) => {
      setStatus({ kind: 'error', message: e.message || 'The experiment worker failed to start.' });
      w.terminate();
      worker.current = null;
    };
    w.postMessage(req);
  };

  const cancel = () => {
    worker.current?.terminate();
    worker.current = null;
    setStatus({ kind: 'cancelled' });
  };

  const running = status.kind === 'running';
  return (
    <section className="raft-experiments" aria-label="Raft experiments">
      <h4 className="lab-results-title">Experiments</h4>
      <p className="lab-description">
        Leader-election downtime reproduces the setup of Figure 16 in the Raft paper: five servers, the leader crashes at a random point of its
        heartbeat interval (half the minimum timeout) just after a synchronised broadcast, followers hold logs of different lengths, and one-way
        latency is 2–4 ms. The split-vote sweep uses equal logs and a fixed latency, the assumptions of the closed form drawn with it.
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
        <button type="button" className="lab-btn" disabled={!interactive || running} onClick={() => start({ kind: 'figure16', trials, seed: 1 })}>
          Run election downtime (6 ranges)
        </button>
        <button
          type="button"
          className="lab-btn"
          disabled={!interactive || running}
          onClick={() => start({ kind: 'split', trials, latencies: SPLIT_LATENCIES, range: SPLIT_RANGE, seed: 1 })}
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
