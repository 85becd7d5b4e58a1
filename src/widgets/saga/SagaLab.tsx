/**
 * SagaLab (chapter 13): an order saga of six local transactions (Garcia-Molina & Salem 1987) run
 * two ways side by side: orchestrated by O with a durable saga log, and choreographed through
 * events on a broker. The reader drives one; the other is the same run (seed, settings, actions)
 * replayed with the other coordination, so the two unwind in step. Each service's data sits beside
 * the tracks. The `saga` experiment runs in a Web Worker.
 */
import { useMemo, type ReactNode } from 'react';
import { SeekableRun, worldMechanism } from '../../sim/core';
import { sagaExperiment, sagaProtocol, STEPS, type SagaParams, type SagaWorld, type StepName } from '../../sim/saga';
import { LabFrame, SelectField, useLab, useMechanismLab, withLabBoundary, type LabInstance, type LabProps } from '../shared';
import { MotionScope } from '../shared/motion';
import { useStepState } from '../shared/useStepState';
import { ExperimentPanel, defaultPoolSize } from '../shared/experiment';
import { sagaLabDef } from './definition';
import { SagaPanel } from './SagaPanel';
import { SagaChart } from './SagaChart';
import { coordinationLines, describeSagaAction, serviceBlocks, stepCaption, tracks, verdict } from './selectors';
import './saga.css';

const makeWorker = () => new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });

/** The mirror run needs no trace. */
const mirrorMechanism = worldMechanism(sagaProtocol, { trace: false });

const FAILABLE: readonly (StepName | 'none')[] = ['none', 'reserve', 'authorise', 'book', 'confirm', 'capture'];

/**
 * Both panels and the verdict, from the moving cursor. The other coordination's run is replayed to
 * the same moment through one SeekableRun per (seed, params): before, a fresh replay from t = 0 ran
 * every frame.
 */
function SagaPicture({ lab }: { lab: LabInstance<SagaWorld, SagaParams> }) {
  const state = useLab(lab, (s) => s.cursor.state);
  const params = useLab(lab, (s) => s.params);
  const seed = useLab(lab, (s) => s.seed);
  const log = useLab(lab, (s) => s.log);
  const other = params.mode === 'orchestration' ? 'choreography' : 'orchestration';
  const mirrorRun = useMemo(() => new SeekableRun(mirrorMechanism, { mechanism: 'saga', seed, params: { ...params, mode: other }, log: [] }), [seed, params, other]);
  const mirror = useMemo(() => {
    mirrorRun.setLog(log as MirrorLog);
    return mirrorRun.stateAt(state.now);
  }, [mirrorRun, log, state.now]);
  const v = verdict(state);
  const orch = params.mode === 'orchestration' ? state : mirror;
  const chor = params.mode === 'orchestration' ? mirror : state;
  const panel = (w: SagaWorld, mode: 'orchestration' | 'choreography') => (
    <SagaPanel mode={mode} driven={params.mode === mode} tracks={tracks(w)} services={serviceBlocks(w)} coordination={coordinationLines(w)} headUp={w.nodes.O?.up ?? true} />
  );
  return (
    <div className="saga-picture" data-testid="saga-picture" data-lab-part="picture">
      <div className="saga-panels">
        {panel(orch, 'orchestration')}
        {panel(chor, 'choreography')}
      </div>
      <p className="saga-verdict" data-tone={v.tone} data-testid="saga-verdict">
        {v.text}
      </p>
    </div>
  );
}

/** The lab's log, typed as the mirror run's (the same actions). */
type MirrorLog = Parameters<SeekableRun<SagaParams, SagaWorld, Parameters<(typeof mirrorMechanism)['apply']>[1]>['setLog']>[0];

function LabView(props: LabProps) {
  const lab = useMechanismLab(sagaLabDef, props);
  // The step state for actions and caption (they change at events); the picture reads the moving cursor.
  const state = useStepState(lab);
  const params = useLab(lab, (s) => s.params);
  const off = !lab.hydrated;
  const trace = lab.store.getState().mechanism.trace(state);
  const caption = stepCaption(trace, state);
  const v = verdict(state);
  const set = (patch: Partial<SagaParams>) => lab.reader.setParams({ ...params, ...patch });
  const s1 = params.sagas[0];
  const two = params.sagas.length > 1;
  const oUp = state.nodes.O?.up ?? true;
  const dupOn = state.net.links['O->PAY']?.dup === 1 || state.net.links['B->PAY']?.dup === 1;
  const slowOn = (state.net.links['SHIP->O']?.latency.kind === 'constant' && (state.net.links['SHIP->O']?.latency as { value: number }).value > params.timeoutMs) || false;
  const picture = (
    <MotionScope ready={lab.hydrated}>
      <SagaPicture lab={lab} />
    </MotionScope>
  );

  const actions: ReactNode = (
    <>
      <fieldset>
        <legend>Saga</legend>
        <SelectField<string> label="You drive" value={params.mode} options={['orchestration', 'choreography']} disabled={off} onChange={(mode) => set({ mode: mode as SagaParams['mode'] })} />
        <SelectField<string>
          label="Step that fails"
          value={s1.fail ?? 'none'}
          options={FAILABLE}
          format={(x) => (x === 'none' ? 'none' : (STEPS.find((s) => s.name === x)?.label ?? x))}
          disabled={off}
          onChange={(x) => set({ sagas: [x === 'none' ? { id: 's1', at: s1.at, qty: s1.qty } : { ...s1, fail: x as StepName }, ...params.sagas.slice(1)] })}
        />
        <label className="saga-check">
          <input type="checkbox" checked={two} disabled={off} onChange={(e) => set({ sagas: e.currentTarget.checked ? [s1, { id: 's2', at: 25, qty: 2 }] : [s1] })} />
          <span>A second order (s2) at the same time</span>
        </label>
      </fieldset>
      <fieldset>
        <legend>Services</legend>
        <label className="saga-check">
          <input type="checkbox" checked={params.idempotent} disabled={off} onChange={(e) => set({ idempotent: e.currentTarget.checked })} />
          <span>Idempotent services</span>
        </label>
        <label className="saga-check">
          <input type="checkbox" checked={params.counter.semanticLock} disabled={off} onChange={(e) => set({ counter: { ...params.counter, semanticLock: e.currentTarget.checked } })} />
          <span>Semantic lock (PENDING)</span>
        </label>
        <label className="saga-check">
          <input type="checkbox" checked={params.counter.commutative} disabled={off} onChange={(e) => set({ counter: { ...params.counter, commutative: e.currentTarget.checked } })} />
          <span>Commutative release</span>
        </label>
        <label className="saga-check">
          <input type="checkbox" checked={params.counter.reread} disabled={off} onChange={(e) => set({ counter: { ...params.counter, reread: e.currentTarget.checked } })} />
          <span>Reread before confirm</span>
        </label>
        <SelectField<string> label="On a late reply" value={params.onTimeout} options={['compensate', 'query']} format={(x) => (x === 'compensate' ? 'compensate it' : 'ask the service')} disabled={off} onChange={(x) => set({ onTimeout: x as SagaParams['onTimeout'] })} />
      </fieldset>
      <fieldset>
        <legend>Faults</legend>
        {params.mode === 'orchestration' && (
          <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: oUp ? 'node/crash' : 'node/restart', node: 'O' })}>
            {oUp ? 'Crash O' : 'Restart O'}
          </button>
        )}
        <button
          type="button"
          className="lab-btn"
          aria-pressed={dupOn}
          disabled={off}
          onClick={() => lab.reader.act({ type: 'net/link', from: params.mode === 'orchestration' ? 'O' : 'B', to: 'PAY', dup: dupOn ? 0 : 1 })}
        >
          {`Duplicate every message to PAY${dupOn ? ' (on)' : ''}`}
        </button>
        {params.mode === 'orchestration' && (
          <button
            type="button"
            className="lab-btn"
            aria-pressed={slowOn}
            disabled={off}
            onClick={() => lab.reader.act({ type: 'net/link', from: 'SHIP', to: 'O', latency: slowOn ? params.latency : { kind: 'constant', value: params.timeoutMs + 50 } })}
          >
            {`Delay SHIP's replies past the timeout${slowOn ? ' (on)' : ''}`}
          </button>
        )}
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'saga/cancel', saga: 's1' })}>
          Customer cancels s1
        </button>
      </fieldset>
    </>
  );

  return (
    <LabFrame lab={lab} title="Saga lab: compensation instead of rollback" caption={props.caption} lanes={state.nodeIds} describeAction={describeSagaAction} actions={actions} picture={picture} stepCaption={caption} stepCaptionTestId="saga-caption">
      {props.experiments && (
        <ExperimentPanel
          experiment={sagaExperiment}
          makeWorker={typeof Worker === 'undefined' ? null : makeWorker}
          pool={defaultPoolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency)}
          intro="Thousands of single orders in which every step fails with chance p; the two after the pivot are simply retried. Compensations fail now and then and are retried every 60 ms; some runs duplicate messages, and some crash the orchestrator. Every saga is checked for semantic atomicity."
          labels={{ trials: 'Sagas per point', failRates: 'Failure chances p', mode: 'Coordination', undoFailRate: 'Chance a compensation attempt fails', dup: 'Chance of a duplicating link', crash: 'Chance O crashes', binMs: 'Histogram bin (ms)', seed: 'Seed' }}
          unitName="chunks"
          describe={(out) => `Done. ${out.results.reduce((a, r) => a + r.trials, 0)} sagas; semantic-atomicity violations: ${out.results.reduce((a, r) => a + r.violations, 0)}.`}
          render={(out) => <SagaChart rows={out.results} binMs={out.params.binMs as number} />}
        />
      )}
    </LabFrame>
  );
}

export default withLabBoundary('Saga lab', LabView);
