/**
 * Experiment mode of the Quorum lab: how likely is a read to see a write
 * t ms after it commits? Runs thousands of WARS trials (Bailis et al. 2012)
 * in a Web Worker, with progress and cancel, and charts the result next to the
 * closed form for k-staleness.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { warsProfiles, type PbsResult, kStalenessConsistent } from '../../sim/quorum';
import { CancelledError, startPbs, type RunningPbs } from './experiment';
import { CHART, chartModel, closedLabels, pct } from './pbsChart';

/** Props: the lab's current N, W, R as starting values. */
export interface ExperimentPanelProps {
  readonly n: number;
  readonly w: number;
  readonly r: number;
}

const TRIAL_CHOICES = [2000, 10000, 50000, 200000];

type Status = { kind: 'idle' } | { kind: 'running'; done: number; total: number } | { kind: 'done'; res: PbsResult; cfg: Cfg } | { kind: 'cancelled' } | { kind: 'error'; message: string };
interface Cfg {
  n: number;
  w: number;
  r: number;
  profileId: string;
  trials: number;
}

/** The experiment panel. */
export function ExperimentPanel(props: ExperimentPanelProps) {
  const id = useId();
  // A strict quorum (W + R > N) always overlaps, so its chart is a flat 100% line that teaches
  // nothing; start such a lab's experiment at the partial quorum W = R = 1 (Dynamo's and the PBS
  // paper's low-latency setting), where staleness right after a commit is visible and then decays.
  const strict = props.w + props.r > props.n;
  const [cfg, setCfg] = useState<Cfg>({
    n: props.n,
    w: strict ? 1 : Math.min(props.w, props.n),
    r: strict ? 1 : Math.min(props.r, props.n),
    profileId: warsProfiles[0].id,
    trials: 10000,
  });
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [announce, setAnnounce] = useState('');
  const running = useRef<RunningPbs | null>(null);
  const lastPct = useRef(0);

  useEffect(() => () => running.current?.cancel(), []);

  const set = (patch: Partial<Cfg>) =>
    setCfg((c) => {
      const next = { ...c, ...patch };
      return { ...next, w: Math.min(next.w, next.n), r: Math.min(next.r, next.n) };
    });

  const run = () => {
    running.current?.cancel();
    const started = { ...cfg };
    lastPct.current = 0;
    setStatus({ kind: 'running', done: 0, total: started.trials });
    setAnnounce(`Running ${started.trials.toLocaleString('en-US')} trials…`);
    const r = startPbs({ ...started, seed: 2012 }, (done, total) => {
      setStatus((s) => (s.kind === 'running' ? { kind: 'running', done, total } : s));
      const p = Math.floor((done / total) * 4);
      if (p > lastPct.current && done < total) {
        lastPct.current = p;
        setAnnounce(`${p * 25}% done`);
      }
    });
    running.current = r;
    r.result.then(
      (res) => {
        if (running.current !== r) return;
        running.current = null;
        setStatus({ kind: 'done', res, cfg: started });
        const m = chartModel(res, started.n, started.w, started.r);
        setAnnounce(`Done. Consistent right after commit: ${pct(m.p0)}; 99.9% consistent by ${m.t999.toFixed(2)} ms.`);
      },
      (e: unknown) => {
        if (running.current !== r) return;
        running.current = null;
        if (e instanceof CancelledError) {
          setStatus({ kind: 'cancelled' });
          setAnnounce('Experiment cancelled.');
        } else {
          const message = e instanceof Error ? e.message : String(e);
          setStatus({ kind: 'error', message });
          setAnnounce(`The experiment failed: ${message}`);
        }
      },
    );
  };

  const cancel = () => running.current?.cancel();
  const profile = warsProfiles.find((p) => p.id === cfg.profileId) ?? warsProfiles[0];
  const isRunning = status.kind === 'running';
  const nums = Array.from({ length: 9 }, (_, i) => i + 1);

  return (
    <section className="lab-results quorum-experiment" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`} className="lab-results-title">
        Experiment: how soon is a read consistent after a write commits?
      </h4>
      <p className="lab-description">
        Each trial draws a delay for every write (W), ack (A), read (R) and response (S) message from measured production latencies, then finds the earliest time after commit at which a read would return the new value. The dashed lines are the closed form for k-staleness, the chance a read returns one of the last k versions when quorums are picked at random and nothing spreads further.
      </p>
      <fieldset disabled={isRunning}>
        <legend>Set-up</legend>
        <label className="lab-field">
          <span>Latencies</span>
          <select aria-label="Latency profile" value={cfg.profileId} onChange={(e) => set({ profileId: e.currentTarget.value })}>
            {warsProfiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        {(['n', 'w', 'r'] as const).map((k) => (
          <label key={k} className="lab-field">
            <span>{k.toUpperCase()}</span>
            <select aria-label={`Experiment ${k.toUpperCase()}`} value={cfg[k]} onChange={(e) => set({ [k]: Number(e.currentTarget.value) })}>
              {nums.filter((v) => k === 'n' || v <= cfg.n).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="lab-field">
          <span>Trials</span>
          <select aria-label="Trials" value={cfg.trials} onChange={(e) => set({ trials: Number(e.currentTarget.value) })}>
            {TRIAL_CHOICES.map((t) => (
              <option key={t} value={t}>
                {t.toLocaleString('en-US')}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <p className="lab-description">{profile.source}.</p>
      <div className="quorum-exp-actions">
        <button type="button" className="lab-btn lab-btn-primary" onClick={run} disabled={isRunning}>
          Run experiment
        </button>
        <button type="button" className="lab-btn" onClick={cancel} disabled={!isRunning}>
          Cancel
        </button>
        {isRunning && (
          <progress max={status.total} value={status.done} aria-label="Experiment progress">
            {Math.round((status.done / status.total) * 100)}%
          </progress>
        )}
        {isRunning && <span className="lab-description">{`${status.done.toLocaleString('en-US')} / ${status.total.toLocaleString('en-US')} trials`}</span>}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {status.kind === 'cancelled' && <p className="lab-description" data-testid="pbs-status">Cancelled. Nothing was charted.</p>}
      {status.kind === 'error' && <p className="lab-description" data-testid="pbs-status">{`The experiment failed: ${status.message}`}</p>}
      {status.kind === 'idle' && (
        <p className="lab-description" data-testid="pbs-status">{`${strict && cfg.w === 1 && cfg.r === 1 ? `The lab's W = ${props.w}, R = ${props.r} always overlap (100%), so the experiment starts at W = R = 1. ` : ''}Closed form for N = ${cfg.n}, W = ${cfg.w}, R = ${cfg.r}: a read sees the latest write with probability ${pct(kStalenessConsistent(cfg.n, cfg.w, cfg.r))} (k = 1) when quorums are chosen at random.`}</p>
      )}
      {status.kind === 'done' && <PbsChart res={status.res} cfg={status.cfg} />}
    </section>
  );
}

function PbsChart({ res, cfg }: { res: PbsResult; cfg: Cfg }) {
  const m = chartModel(res, cfg.n, cfg.w, cfg.r);
  const profile = warsProfiles.find((p) => p.id === cfg.profileId)!;
  const summary = `${profile.label}, N = ${cfg.n}, W = ${cfg.w}, R = ${cfg.r}, ${res.trials.toLocaleString('en-US')} trials: ${pct(m.p0)} of reads are consistent right after commit and 99.9% by ${m.t999.toFixed(2)} ms. Closed form (k = 1): ${pct(m.closed[0].p)}.`;
  return (
    <figure className="quorum-chart">
      <svg viewBox={`0 0 ${CHART.w} ${CHART.h}`} role="img" aria-label={summary} className="quorum-chart-svg">
        {m.yTicks.map((t) => (
          <g key={t.label}>
            <line x1={CHART.left} x2={CHART.w - CHART.right} y1={t.y} y2={t.y} stroke="var(--border)" />
            <text x={CHART.left - 4} y={t.y + 3} textAnchor="end" fontSize="9" fill="var(--fg-muted)">
              {t.label}
            </text>
          </g>
        ))}
        {m.xTicks.map((t) => (
          <text key={t.label} x={t.x} y={CHART.h - CHART.bottom + 12} textAnchor="middle" fontSize="9" fill="var(--fg-muted)">
            {t.label}
          </text>
        ))}
        <text x={(CHART.left + CHART.w - CHART.right) / 2} y={CHART.h - 6} textAnchor="middle" fontSize="10" fill="var(--fg-muted)">
          ms after the write commits
        </text>
        {m.closed.map((c) => (
          <line key={c.k} x1={CHART.left} x2={CHART.w - CHART.right} y1={c.y} y2={c.y} stroke="var(--warn)" strokeDasharray="4 3" />
        ))}
        {closedLabels(m.closed).map((l) => (
          <text key={l.text} x={CHART.w - CHART.right - 2} y={l.y} textAnchor="end" fontSize="9" fill="var(--fg)" className="quorum-closed-label">
            {l.text}
          </text>
        ))}
        <path d={m.band} fill="var(--accent)" opacity={0.2} />
        <path d={m.curve} fill="none" stroke="var(--accent)" strokeWidth={2} data-testid="pbs-curve" />
      </svg>
      <figcaption className="lab-description" data-testid="pbs-summary">
        {summary}
      </figcaption>
      <details>
        <summary>Table of values</summary>
        <table className="lab-table">
          <caption className="visually-hidden">Probability of a consistent read by time after commit</caption>
          <thead>
            <tr>
              <th scope="col">t (ms)</th>
              <th scope="col">P(consistent)</th>
            </tr>
          </thead>
          <tbody>
            {m.points.filter((_, i) => i % 12 === 0).map((p) => (
              <tr key={p.t}>
                <td>{p.t.toFixed(2)}</td>
                <td>{pct(p.p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
