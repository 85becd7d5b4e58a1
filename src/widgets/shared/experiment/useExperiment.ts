/**
 * React state for one lab experiment: run with raw values from a form (validated, problems kept),
 * progress, cancel, the result, and one polite announcement per state change. Unmounting cancels a
 * running experiment, so no worker outlives its lab.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseExperimentParams, type Experiment, type ExperimentOutput } from '../../../sim/core';
import { startExperiment, type RunningExperiment, type WorkerFactory } from './run';

/** Where a run stands. */
export type ExperimentStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** What `useExperiment` returns. */
export interface ExperimentState<Result> {
  readonly status: ExperimentStatus;
  readonly done: number;
  readonly total: number;
  /** The last completed run's output (kept while a new run is going, dropped on cancel). */
  readonly output: ExperimentOutput<Result> | null;
  readonly error: string | null;
  /** Problems found in the last values run (each value was clamped or replaced, and the run went ahead). */
  readonly problems: readonly string[];
  /** Text for a polite live region. */
  readonly announcement: string;
  /** Workers the last run used (0 = main thread). */
  readonly workers: number;
  run(raw: Readonly<Record<string, unknown>>): void;
  cancel(): void;
}

/** Options for `useExperiment`. */
export interface UseExperimentOptions<Result> {
  /** Workers to share units over (default 1). */
  readonly pool?: number;
  /** One sentence announced when a run completes (default: "Done."). */
  readonly describe?: (out: ExperimentOutput<Result>) => string;
}

/** Run `exp` in a worker made by `makeWorker` (or on the main thread where there is none). */
export function useExperiment<Part, Result>(exp: Experiment<Part, Result>, makeWorker: WorkerFactory | null, opts: UseExperimentOptions<Result> = {}): ExperimentState<Result> {
  const [st, setSt] = useState<Omit<ExperimentState<Result>, 'run' | 'cancel'>>({
    status: 'idle', done: 0, total: 0, output: null, error: null, problems: [], announcement: '', workers: 0,
  });
  const running = useRef<RunningExperiment<Result> | null>(null);
  const optsRef = useRef(opts);
  optsRef.current = opts;

  useEffect(() => () => running.current?.cancel(), []);

  const run = useCallback(
    (raw: Readonly<Record<string, unknown>>) => {
      running.current?.cancel();
      const { params, problems } = parseExperimentParams(exp, raw);
      let lastPct = -1;
      const r = startExperiment(makeWorker, exp, params, (done, total) => {
        const pct = Math.floor((100 * done) / Math.max(1, total));
        if (pct === lastPct) return;
        lastPct = pct;
        setSt((s) => (running.current === r ? { ...s, done, total } : s));
      }, { pool: optsRef.current.pool });
      running.current = r;
      const total = exp.units(params);
      setSt((s) => ({ ...s, status: 'running', done: 0, total, error: null, problems, workers: r.workers, announcement: `Running ${exp.title}…` }));
      r.result.then(
        (out) => {
          if (running.current !== r) return;
          running.current = null;
          if (out === null) return; // cancel() already set the state
          const text = optsRef.current.describe?.(out) ?? 'Done.';
          setSt((s) => ({ ...s, status: 'done', done: total, output: out, announcement: `${exp.title}: ${text}` }));
        },
        (err: unknown) => {
          if (running.current !== r) return;
          running.current = null;
          const message = err instanceof Error ? err.message : String(err);
          setSt((s) => ({ ...s, status: 'error', error: message, announcement: `The experiment failed: ${message}` }));
        },
      );
    },
    [exp, makeWorker],
  );

  const cancel = useCallback(() => {
    const r = running.current;
    if (!r) return;
    running.current = null;
    r.cancel();
    setSt((s) => ({ ...s, status: 'cancelled', output: null, announcement: 'Experiment cancelled. Nothing was charted.' }));
  }, []);

  return { ...st, run, cancel };
}
