/**
 * An accessible experiment panel any lab can use: a form generated from the experiment's declared
 * parameters (validated and clamped by `parseExperimentParams` when run, with the problems shown),
 * Run and Cancel, a progress bar, polite announcements, and a render prop for the result chart.
 *
 * ```tsx
 * <ExperimentPanel experiment={backoffExperiment} makeWorker={makeWorker}
 *   render={(out) => <BackoffChart results={out.results} />} />
 * ```
 *
 * The server renders it with Run disabled; it enables after hydration (`data-ready="true"`).
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Experiment, ExperimentOutput, ExperimentParam, ExperimentValue } from '../../../sim/core';
import { useExperiment } from './useExperiment';
import type { WorkerFactory } from './run';
import './experiment.css';

/** Props of `ExperimentPanel`. */
export interface ExperimentPanelProps<Part, Result> {
  readonly experiment: Experiment<Part, Result>;
  /** Creates the lab's worker; null runs on the main thread. */
  readonly makeWorker: WorkerFactory | null;
  /** Workers to share units over (default 1). */
  readonly pool?: number;
  /** Heading (defaults to the experiment's title). */
  readonly title?: string;
  /** What the reader should know before running it. */
  readonly intro?: ReactNode;
  /** Form labels by parameter name (defaults to the name). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Parameters left out of the form (they keep their defaults or `initial`). */
  readonly hidden?: readonly string[];
  /** Starting values (raw; validated on Run). */
  readonly initial?: Readonly<Record<string, ExperimentValue>>;
  /** Word for one unit in the progress text (default "units"). */
  readonly unitName?: string;
  /** One sentence announced when a run completes. */
  readonly describe?: (out: ExperimentOutput<Result>) => string;
  /** Draws a completed run. */
  readonly render: (out: ExperimentOutput<Result>) => ReactNode;
}

function toText(v: ExperimentValue): string {
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** The experiment panel. */
export function ExperimentPanel<Part, Result>(props: ExperimentPanelProps<Part, Result>) {
  const { experiment: exp } = props;
  const uid = useId();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const [values, setValues] = useState<Record<string, string | boolean>>(() => {
    const o: Record<string, string | boolean> = {};
    for (const p of exp.params) {
      const v = props.initial?.[p.name] ?? p.default;
      o[p.name] = p.kind === 'boolean' ? v === true : toText(v);
    }
    return o;
  });
  const x = useExperiment(exp, props.makeWorker, { pool: props.pool, describe: props.describe });
  const running = x.status === 'running';
  const hidden = new Set(props.hidden ?? []);
  const shown = exp.params.filter((p) => !hidden.has(p.name));

  const onRun = () => {
    const raw: Record<string, unknown> = {};
    for (const p of exp.params) {
      const v = values[p.name];
      raw[p.name] = typeof v === 'boolean' ? v : v!.replace(/\s+/g, '');
    }
    x.run(raw);
  };

  const unit = props.unitName ?? 'units';
  return (
    <section className="exp-panel" aria-labelledby={`${uid}-h`} data-experiment={exp.id} data-ready={ready ? 'true' : 'false'} data-status={x.status}>
      <h3 id={`${uid}-h`} className="exp-title">
        {props.title ?? exp.title}
      </h3>
      {props.intro}
      <form
        className="exp-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) onRun();
        }}
      >
        <fieldset disabled={running || !ready}>
          <legend>Parameters</legend>
          {shown.map((p) => (
            <ParamField key={p.name} id={`${uid}-${p.name}`} spec={p} label={props.labels?.[p.name] ?? p.name} value={values[p.name]!} onChange={(v) => setValues((o) => ({ ...o, [p.name]: v }))} />
          ))}
        </fieldset>
        <div className="exp-actions">
          <button type="submit" className="lab-btn lab-btn-primary" disabled={running || !ready}>
            Run experiment
          </button>
          <button type="button" className="lab-btn" onClick={x.cancel} disabled={!running}>
            Cancel
          </button>
          {running && (
            <>
              <progress max={Math.max(1, x.total)} value={x.done} aria-label={`${props.title ?? exp.title} progress`}>
                {Math.round((100 * x.done) / Math.max(1, x.total))}%
              </progress>
              <span className="lab-description">{`${x.done.toLocaleString('en-US')} / ${x.total.toLocaleString('en-US')} ${unit}${x.workers > 1 ? ` on ${x.workers} workers` : ''}`}</span>
            </>
          )}
        </div>
      </form>
      {x.problems.length > 0 && (
        <div className="lab-problems" role="note" aria-label="Parameter problems">
          {x.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      <p className="lab-live" role="status" aria-live="polite">
        {x.announcement}
      </p>
      {x.status === 'cancelled' && <p className="lab-description exp-status">Cancelled. Nothing was charted.</p>}
      {x.status === 'error' && <p className="lab-description exp-status">{`The experiment failed: ${x.error}`}</p>}
      {x.output && <div className="exp-result">{props.render(x.output)}</div>}
    </section>
  );
}

function ParamField({ id, spec, label, value, onChange }: { id: string; spec: ExperimentParam; label: string; value: string | boolean; onChange: (v: string | boolean) => void }) {
  const hint = `${spec.doc}${spec.min !== undefined && spec.max !== undefined ? ` (${spec.min}–${spec.max})` : ''}`;
  if (spec.kind === 'boolean') {
    return (
      <label className="lab-field" title={hint}>
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />
        <span>{label}</span>
      </label>
    );
  }
  if (spec.kind === 'choice') {
    return (
      <label className="lab-field" title={hint}>
        <span>{label}</span>
        <select id={id} value={String(value)} onChange={(e) => onChange(e.currentTarget.value)}>
          {(spec.choices ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
    );
  }
  const isList = spec.kind === 'numbers';
  // The hint sits outside the <label>, so the field's accessible name is the label alone.
  return (
    <span className="lab-field" title={hint}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={isList ? 'text' : 'number'}
        inputMode={isList ? 'text' : spec.kind === 'integer' ? 'numeric' : 'decimal'}
        min={isList ? undefined : spec.min}
        max={isList ? undefined : spec.max}
        step={spec.kind === 'integer' ? 1 : isList ? undefined : 'any'}
        size={isList ? 18 : 7}
        value={String(value)}
        aria-describedby={`${id}-doc`}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <span id={`${id}-doc`} className="lab-live">
        {hint}
      </span>
    </span>
  );
}
