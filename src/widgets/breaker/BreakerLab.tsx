/**
 * BreakerLab (Chapter 6): a caller with 20 workers serves two endpoints; A calls a dependency whose
 * health the reader changes, B never does. Without a breaker a slow dependency takes every worker
 * and B fails too; a resilience4j-style breaker fails fast and keeps B alive. The reader changes
 * the dependency's health, every breaker setting, the scope (per dependency or per host) and the
 * fallback; the experiment compares set-ups over many seeds in a Web Worker.
 */
import type { ReactNode } from 'react';
import { breakerExperiment, DEP_MODES, hostName, type CallerParams, type CallerState, type DepMode } from '../../sim/breaker';
import { LabFrame, useLab, useMechanismLab, withLabBoundary, timelineEnd, type LabProps } from '../shared';
import { ExperimentPanel, defaultPoolSize } from '../shared/experiment';
import { breakerLabDef } from './definition';
import { BreakerPicture } from './BreakerPicture';
import { BreakerCharts } from './BreakerCharts';
import { BreakerSettings } from './BreakerSettings';
import { BreakerExpChart } from './BreakerExpChart';
import { describeBreakerAction, whatHappened } from './selectors';
import './breaker.css';

const makeWorker = () => new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });
const MODES = Object.keys(DEP_MODES) as DepMode[];

function LabView(props: LabProps) {
  const lab = useMechanismLab(breakerLabDef, props);
  const state = useLab(lab, (s) => s.cursor.state) as CallerState;
  const params = useLab(lab, (s) => s.params) as CallerParams;
  const end = useLab(lab, (s) => timelineEnd(breakerLabDef, s));
  const off = !lab.hydrated;
  const trace = lab.store.getState().mechanism.trace(state);
  const caption = whatHappened(state, trace);
  const hosts = state.health.length;

  const healthButtons = (host: number) =>
    MODES.map((m) => {
      const current = host < 0 ? state.health.every((h) => h === m) : state.health[host] === m;
      return (
        <button key={m} type="button" className="lab-btn" aria-pressed={current} disabled={off} data-testid={`brk-health-${host < 0 ? 'all' : host + 1}-${m}`} onClick={() => lab.reader.act({ type: 'dep/health', host, mode: m })}>
          {m}
        </button>
      );
    });

  const actions: ReactNode = (
    <>
      <fieldset>
        <legend>{hosts > 1 ? 'Every dependency host' : 'Dependency health'}</legend>
        {healthButtons(-1)}
      </fieldset>
      {hosts > 1 &&
        state.health.map((_, i) => (
          <fieldset key={i}>
            <legend>{hostName(i)}</legend>
            {healthButtons(i)}
          </fieldset>
        ))}
      <BreakerSettings params={params} disabled={off} onChange={(p) => lab.reader.setParams(p)} />
    </>
  );

  // The per-second charts are this lab's diagram, drawn below the controls (LabFrame's `diagram`): inside
  // the picture they pushed the step caption and the controls below the fold at 1280×800.
  const picture = (
    <div className="brk-lab" data-testid="brk-picture">
      <BreakerPicture state={state} />
    </div>
  );

  return (
    <LabFrame lab={lab} title="Circuit breaker lab: a slow dependency and a pool of 20 workers" caption={props.caption} lanes={['caller', 'breaker', 'dependency']} spaceTime={false} describeAction={(a) => describeBreakerAction(a as { type: string } & Record<string, unknown>)} actions={actions} picture={picture} stepCaption={caption} stepCaptionTestId="brk-caption" diagram={<BreakerCharts state={state} end={end} />}>
      {props.experiments && (
        <ExperimentPanel
          experiment={breakerExperiment}
          makeWorker={typeof Worker === 'undefined' ? null : makeWorker}
          pool={defaultPoolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency)}
          intro="Each set-up faces the same fault on the dependency from 10 s to 40 s, then recovery, over several seeds: 20 workers, 30 requests per second on each endpoint, a 2 s call timeout."
          labels={{ fault: 'Fault', trials: 'Seeds per set-up', seed: 'Seed' }}
          unitName="runs"
          describe={(out) => {
            const r = out.results.rows;
            const none = r.find((x) => x.setup === 'no-breaker');
            return `Done. B answered ${Math.round((none?.successB ?? 0) * 100)}% without a breaker and at least ${Math.round(Math.min(...r.filter((x) => x.setup !== 'no-breaker').map((x) => x.successB)) * 100)}% with one.`;
          }}
          render={(out) => <BreakerExpChart result={out.results} />}
        />
      )}
    </LabFrame>
  );
}

/** The BreakerLab MDX component. */
const BreakerLab = withLabBoundary('Circuit breaker lab', LabView);
export default BreakerLab;
