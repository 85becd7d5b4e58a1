/**
 * OverloadLab (Chapter 7): a queueing server (M/M/c against its closed forms, goodput collapse and
 * five load-shedding policies, bulkheads) and, as a second core, three rate limiters side by side.
 * The reader changes the load, the policy, the pools and the service times; the experiments (the
 * M/M/c check and the policy sweep from 0.5× to 3× capacity) run in a Web Worker.
 */
import type { ReactNode } from 'react';
import { clientName, POLICIES, POLICY_TEXT, queueExperiment, sheddingExperiment, type LimiterState, type Policy, type ServerParams, type ServerState, type LimiterParams } from '../../sim/overload';
import { LabFrame, SelectField, useLab, useMechanismLab, withCurrent, withLabBoundary, timelineEnd, type LabProps } from '../shared';
import { ExperimentPanel, defaultPoolSize } from '../shared/experiment';
import { overloadLabDef } from './definition';
import { ServerPicture } from './ServerPicture';
import { OverloadCharts } from './OverloadCharts';
import { WaitCurve } from './WaitCurve';
import { LimiterView } from './LimiterView';
import { SheddingChart } from './SheddingChart';
import { limiterCaption, liveStats, serverCaption } from './selectors';
import './overload.css';

const makeWorker = () => new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });
const LOADS = [0.5, 0.8, 0.9, 1.2, 1.5, 2, 3];
const ms = (x: number) => (x >= 1000 ? `${x / 1000} s` : `${x} ms`);

function LabView(props: LabProps) {
  const lab = useMechanismLab(overloadLabDef, props);
  const state = useLab(lab, (s) => s.cursor.state) as ServerState | LimiterState;
  const params = useLab(lab, (s) => s.params) as ServerParams | LimiterParams;
  const end = useLab(lab, (s) => timelineEnd(overloadLabDef, s));
  const off = !lab.hydrated;
  const trace = lab.store.getState().mechanism.trace(state);
  const server = state.mechanism === 'overload';

  let picture: ReactNode;
  // The per-second charts are this lab's diagram: below the controls, so the picture, its caption
  // and the controls fit one 800 px screen (the design system's order).
  let charts: ReactNode = null;
  let actions: ReactNode;
  let caption: string;
  if (state.mechanism === 'overload') {
    const st = state;
    const p = params as ServerParams;
    const live = liveStats(st, trace);
    const capacity = (p.servers * 1000) / st.serviceMs[0]!;
    picture = (
      <div className="ovl-lab" data-testid="ovl-server">
        <ServerPicture state={st} />
        <div className="ovl-stats-row">
          <dl className="ovl-stats" data-testid="ovl-stats">
            <div><dt>Mean wait</dt><dd>{live.meanWait === null ? '—' : `${live.meanWait.toFixed(1)} ms`}{live.closedWait !== null && <span className="ovl-cf">{` closed form ${live.closedWait.toFixed(1)} ms`}</span>}</dd></div>
            <div><dt>Utilisation</dt><dd>{`${(live.utilisation * 100).toFixed(1)}%`}<span className="ovl-cf">{` offered ρ ${(live.rho * 100).toFixed(0)}%`}</span></dd></div>
            <div><dt>Little’s law</dt><dd>{`L ${live.L.toFixed(2)}`}<span className="ovl-cf">{` λ·W ${live.lambdaW.toFixed(2)}`}</span></dd></div>
            <div><dt>Last 3 s</dt><dd>{`${Math.round(live.goodput)}/s in time, ${Math.round(live.lateRate)}/s late, ${Math.round(live.shedRate)}/s shed`}</dd></div>
          </dl>
          <WaitCurve state={st} live={live} />
        </div>
      </div>
    );
    charts = <OverloadCharts state={st} end={end} />;
    caption = serverCaption(st, trace);
    actions = (
      <>
        {p.classes.length === 1 ? (
          <fieldset>
            <legend>{`Offered load (capacity ${Math.round(capacity)}/s)`}</legend>
            {LOADS.map((m) => {
              const rate = Math.round(m * capacity);
              return (
                <button key={m} type="button" className="lab-btn" aria-pressed={Math.round(st.rate[0]!) === rate} disabled={off} data-testid={`ovl-load-${m}`} onClick={() => lab.reader.act({ type: 'load/set', cls: 0, rate })}>
                  {`${m}×`}
                </button>
              );
            })}
          </fieldset>
        ) : (
          <fieldset>
            <legend>{p.classes[1]!.name}</legend>
            {[20, 200, 1000].map((v) => (
              <button key={v} type="button" className="lab-btn" aria-pressed={st.serviceMs[1] === v} disabled={off} data-testid={`ovl-service-${v}`} onClick={() => lab.reader.act({ type: 'service/set', cls: 1, ms: v })}>
                {`take ${ms(v)}`}
              </button>
            ))}
          </fieldset>
        )}
        <fieldset>
          <legend>Server</legend>
          <SelectField<Policy> label="Queue policy" value={st.policy} options={POLICIES} format={(x) => POLICY_TEXT[x]} disabled={off} onChange={(policy) => lab.reader.act({ type: 'policy/set', policy })} />
          <SelectField<number> label="Workers" value={p.servers} options={withCurrent([1, 2, 4, 8], p.servers)} format={String} disabled={off} onChange={(servers) => lab.reader.setParams({ ...p, servers, split: Math.max(1, Math.floor(servers / 2)) })} />
          <SelectField<string> label="Service times" value={p.service} options={['exp', 'fixed']} format={(x) => (x === 'exp' ? 'exponential' : 'fixed')} disabled={off} onChange={(service) => lab.reader.setParams({ ...p, service })} />
          <SelectField<number> label="Clients give up after" value={p.clientTimeout} options={withCurrent([0, 100, 200, 500, 1000], p.clientTimeout)} format={(x) => (x === 0 ? 'never' : ms(x))} disabled={off} onChange={(clientTimeout) => lab.reader.setParams({ ...p, clientTimeout })} />
          <SelectField<number> label="Bounded queue holds" value={p.queueLimit} options={withCurrent([10, 40, 100], p.queueLimit)} format={String} disabled={off} onChange={(queueLimit) => lab.reader.setParams({ ...p, queueLimit })} />
          {p.classes.length > 1 && (
            <SelectField<string> label="Pools" value={p.pools} options={['shared', 'separate']} format={(x) => (x === 'shared' ? 'one shared pool' : 'one per class (bulkheads)')} disabled={off} onChange={(pools) => lab.reader.setParams({ ...p, pools })} />
          )}
        </fieldset>
      </>
    );
  } else {
    const st = state;
    const p = params as LimiterParams;
    picture = (
      <div className="ovl-lab" data-testid="ovl-limiter">
        <LimiterView state={st} />
      </div>
    );
    caption = limiterCaption(st, trace);
    actions = p.rates.map((_, c) => (
      <fieldset key={c}>
        <legend>{clientName(c)}</legend>
        <button type="button" className="lab-btn" disabled={off} data-testid={`ovl-burst-${c}`} onClick={() => lab.reader.act({ type: 'client/burst', client: c, n: 20, spanMs: 200 })}>
          Burst 20 in 200 ms
        </button>
        <SelectField<number> label="Sends per second" value={st.rate[c]!} options={withCurrent([0, 2, 6, 10, 30, 60], st.rate[c]!)} format={String} disabled={off} onChange={(rate) => lab.reader.act({ type: 'client/rate', client: c, rate })} />
      </fieldset>
    ));
  }

  return (
    <LabFrame lab={lab} title={server ? 'Overload lab: a queue, its closed form, and what to drop' : 'Overload lab: rate limiters side by side'} caption={props.caption} lanes={server ? ['clients', 'server'] : ['limiter']} spaceTime={false} actions={actions} picture={picture} stepCaption={caption} stepCaptionTestId="ovl-caption" diagram={charts ?? undefined}>
      {props.experiments && (
        <>
          <ExperimentPanel
            experiment={queueExperiment}
            makeWorker={typeof Worker === 'undefined' ? null : makeWorker}
            pool={defaultPoolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency)}
            intro="Independent replications of a queue with Poisson arrivals, each with its own seed and a discarded warm-up, against the closed form."
            labels={{ servers: 'Workers', arrivalRate: 'Arrivals per second', serviceRate: 'Services per second per worker', service: 'Service times', duration: 'Seconds per replication', warmup: 'Warm-up seconds', reps: 'Replications', seed: 'Seed' }}
            unitName="replications"
            describe={(out) => `Done. Mean wait ${out.results.meanWait.toFixed(2)} ± ${out.results.meanWaitCI95.toFixed(2)} ms; ${out.results.closedForm.model} says ${out.results.closedForm.meanWait.toFixed(2)} ms.`}
            render={(out) => (
              <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Queue experiment result">
                <table className="lab-table" data-testid="ovl-queue-table">
                  <caption>{`${out.results.served.toLocaleString('en-US')} requests served; 95% interval over the replications`}</caption>
                  <thead><tr><th scope="col">Figure</th><th scope="col">Simulated</th><th scope="col">{out.results.closedForm.model}</th></tr></thead>
                  <tbody>
                    <tr><td>Mean wait</td><td>{`${out.results.meanWait.toFixed(2)} ± ${out.results.meanWaitCI95.toFixed(2)} ms`}</td><td>{`${out.results.closedForm.meanWait.toFixed(2)} ms${out.results.closedForm.exact ? '' : ' (approx.)'}`}</td></tr>
                    <tr><td>Utilisation</td><td>{out.results.utilisation.toFixed(4)}</td><td>{out.results.closedForm.utilisation.toFixed(4)}</td></tr>
                    <tr><td>p99 wait</td><td>{`${out.results.p99Wait.toFixed(1)} ms`}</td><td>—</td></tr>
                    <tr><td>Little’s law L / λW</td><td>{`${out.results.little.L.toFixed(3)} / ${out.results.little.lambdaW.toFixed(3)}`}</td><td>—</td></tr>
                  </tbody>
                </table>
              </div>
            )}
          />
          <ExperimentPanel
            experiment={sheddingExperiment}
            makeWorker={typeof Worker === 'undefined' ? null : makeWorker}
            pool={defaultPoolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency)}
            intro="Four workers at 10 ms per request (400 per second) and clients that give up; every policy sees the same arrivals at each load."
            labels={{ loads: 'Loads (× capacity)', duration: 'Seconds per point', clientTimeout: 'Client timeout (ms)', queueLimit: 'Bounded queue length', seed: 'Seed' }}
            unitName="points"
            describe={(out) => {
              const at3 = out.results.points.filter((q) => q.load === Math.max(...out.results.loads));
              return `Done. At ${Math.max(...out.results.loads)}× capacity: ${at3.map((q) => `${POLICY_TEXT[q.policy]} ${q.goodput.toFixed(2)}`).join('; ')}.`;
            }}
            render={(out) => <SheddingChart result={out.results} />}
          />
        </>
      )}
    </LabFrame>
  );
}

/** The OverloadLab MDX component. */
const OverloadLab = withLabBoundary('Overload lab', LabView);
export default OverloadLab;
