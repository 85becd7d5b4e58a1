/**
 * ServiceLab (chapter 11): how services talk. Four pictures on four cores in src/sim/service: a
 * synchronous chain (availability multiplies, latency adds; fixed timeouts against propagated
 * deadlines), a broker queue (lag, redelivery, dead letters), dual write against the transactional
 * outbox and CDC, and the tail at scale (fan-out, hedged and tied requests, Dean & Barroso 2013).
 * Each picture has a one-line caption saying what just happened and why; experiments run in a Web
 * Worker through the shared ExperimentPanel.
 */
import { useEffect, useState } from 'react';
import { LabFrame, SelectField, useLab, useMechanismLab, withCurrent, withLabBoundary, type LabInstance, type LabProps } from '../shared';
import { ExperimentPanel } from '../shared/experiment/ExperimentPanel';
import { defaultPoolSize } from '../shared/experiment/protocol';
import { timelineEnd } from '../shared/store';
import {
  OUTBOX_MODES, chainMechanism, fanoutExperiment, fanoutMechanism, leafProfiles, outboxExperiment, queueMechanism,
  type ChainParams, type ChainState, type FanoutParams, type FanoutState, type OutboxMode, type OutboxParams, type OutboxState, type QueueParams, type QueueState,
} from '../../sim/service';
import { serviceLabDef } from './definition';
import {
  chainCaption, chainModel, describeServiceAction, fanoutCaption, fanoutModel, lagSeries, outboxCaption, outboxModel, queueCaption, queueModel,
} from './selectors';
import { ChainPicture } from './ChainPicture';
import { QueuePicture } from './QueuePicture';
import { OutboxPicture } from './OutboxPicture';
import { FanoutPicture } from './FanoutPicture';
import { FanoutResultView, OutboxResultView, fanoutSummary, outboxSummary } from './charts';
import './service.css';

const makeWorker = () => new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });

/** Pool size, read once on the client (1 on the server, where it is never used). */
function usePool(): number {
  const [k, setK] = useState(1);
  useEffect(() => setK(defaultPoolSize(navigator.hardwareConcurrency)), []);
  return k;
}

function FanoutExperiment() {
  const pool = usePool();
  return (
    <ExperimentPanel
      experiment={fanoutExperiment}
      makeWorker={makeWorker}
      pool={pool}
      title="Experiment: the tail at scale, many requests"
      intro={
        <p className="lab-description">
          Thousands of requests to N leaves. Leave the hedge and tied delays at −1 for plain fan-out; set the hedge to 10 ms with the BigTable profile and 100 leaves to put the model beside the paper’s benchmark.
        </p>
      }
      labels={{ leaves: 'Leaves (N)', trials: 'Requests', hedgeAfterMs: 'Hedge after (ms, −1 off)', tiedAfterMs: 'Tied twin after (ms, −1 off)', cancelMs: 'Cancellation delay (ms)', profile: 'Leaf model', correlation: 'Shared slowdown (0–1)', seed: 'Seed' }}
      unitName="chunks"
      describe={(o) => fanoutSummary(o.results)}
      render={(o) => <FanoutResultView r={o.results} />}
    />
  );
}

function OutboxExperiment() {
  const pool = usePool();
  return (
    <ExperimentPanel
      experiment={outboxExperiment}
      makeWorker={makeWorker}
      pool={pool}
      title="Experiment: random crashes, four ways to publish"
      intro={<p className="lab-description">Each trial places an order every 50 ms and crashes the service at random moments, with random outages; all four modes get the same orders and the same crashes, then everything drains.</p>}
      labels={{ trials: 'Trials', orders: 'Orders per trial', crashes: 'Crashes per trial', loss: 'Publishes lost (0–0.5)', seed: 'Seed' }}
      unitName="trials"
      describe={(o) => outboxSummary(o.results)}
      render={(o) => <OutboxResultView r={o.results} />}
    />
  );
}

function ChainParts({ lab, state, props }: { lab: LabInstance; state: ChainState; props: LabProps }) {
  const params = useLab(lab, (s) => s.params) as ChainParams;
  const mech = useLab(lab, (s) => s.mechanism);
  const trace = mech.trace(state);
  const off = !lab.hydrated;
  const m = chainModel(state);
  const avail = params.hops[0]?.availability ?? 0.99;
  const lastId = `S${params.hops.length}`;
  const lastUp = state.nodes[lastId]?.up ?? true;
  const actions = (
    <>
      <fieldset>
        <legend>Client</legend>
        <button type="button" className="lab-btn lab-btn-primary" disabled={off} onClick={() => lab.reader.act({ type: 'chain/call' })}>
          Call now
        </button>
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: lastUp ? 'node/crash' : 'node/restart', node: lastId })}>
          {lastUp ? `Crash ${lastId}` : `Restart ${lastId}`}
        </button>
      </fieldset>
      <fieldset>
        <legend>Set-up (replays from the start)</legend>
        <SelectField
          label="Giving up"
          value={params.mode}
          options={['fixed', 'deadline'] as const}
          format={(v) => (v === 'fixed' ? 'fixed timeout per hop' : 'propagated deadline')}
          disabled={off}
          onChange={(mode) => lab.reader.setParams({ ...params, mode })}
        />
        <SelectField
          label="Each hop up"
          value={avail}
          options={withCurrent([0.9, 0.95, 0.99, 0.999, 1], avail)}
          format={(v) => `${Math.round(v * 1000) / 10}%`}
          disabled={off}
          onChange={(a) => lab.reader.setParams({ ...params, hops: params.hops.map((h) => ({ ...h, availability: a })) })}
        />
      </fieldset>
    </>
  );
  return (
    <LabFrame
      lab={lab}
      title="Synchronous calls: a chain of services"
      caption={props.caption}
      lanes={state.nodeIds}
      describeAction={describeServiceAction}
      actions={actions}
      stepCaption={chainCaption(state, trace)}
      stepCaptionTestId="service-caption"
      picture={
        <>
          <ChainPicture m={m} />
          <p className="svc-stats" data-testid="chain-stats">
            <span>{`succeeded ${m.ok} of ${m.ok + m.failed + m.timedOut} (chain availability ${(m.expectedAvailability * 100).toFixed(1)}% = product of hops)`}</span>
            <span>{`mean ${m.meanOkMs === null ? '–' : `${Math.round(m.meanOkMs)} ms`} (expected ${Math.round(m.expectedMeanMs)} ms = sum of hops)`}</span>
            <span data-tone={m.wastedMs > 0 ? 'warn' : undefined}>{`wasted work ${Math.round(m.wastedMs)} ms`}</span>
            <span>{`started after the client gave up ${m.startedAfterGiveUp}`}</span>
            {m.refused > 0 && <span>{`refused past deadline ${m.refused}`}</span>}
          </p>
        </>
      }
    />
  );
}

function QueueParts({ lab, state, props }: { lab: LabInstance; state: QueueState; props: LabProps }) {
  const params = useLab(lab, (s) => s.params) as QueueParams;
  const mech = useLab(lab, (s) => s.mechanism);
  const end = useLab(lab, (s) => timelineEnd(lab.def, s));
  const trace = mech.trace(state);
  const off = !lab.hydrated;
  const m = queueModel(state);
  const actions = (
    <>
      <fieldset>
        <legend>Producer</legend>
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'q/flood', count: 50 })}>
          Flood 50
        </button>
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'q/poison' })}>
          Publish poison
        </button>
      </fieldset>
      <fieldset>
        <legend>Consumers</legend>
        {m.consumers.map((k) => (
          <button key={k.id} type="button" className="lab-btn" aria-pressed={k.paused} disabled={off || !k.up} onClick={() => lab.reader.act({ type: k.paused ? 'q/resume' : 'q/stop', consumer: k.id })}>
            {k.paused ? `Resume ${k.id}` : `Stop ${k.id}`}
          </button>
        ))}
        {m.consumers.slice(0, 1).map((k) => (
          <button key={`crash-${k.id}`} type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: k.up ? 'node/crash' : 'node/restart', node: k.id })}>
            {k.up ? `Crash ${k.id}` : `Restart ${k.id}`}
          </button>
        ))}
      </fieldset>
      <fieldset>
        <legend>Set-up (replays from the start)</legend>
        <SelectField label="Visibility timeout" value={params.visibilityMs} options={withCurrent([150, 400, 1000], params.visibilityMs)} format={(v) => `${v} ms`} disabled={off} onChange={(visibilityMs) => lab.reader.setParams({ ...params, visibilityMs })} />
        <SelectField label="Attempts before DLQ" value={params.maxAttempts} options={withCurrent([1, 2, 3, 5], params.maxAttempts)} format={(v) => String(v)} disabled={off} onChange={(maxAttempts) => lab.reader.setParams({ ...params, maxAttempts })} />
      </fieldset>
    </>
  );
  return (
    <LabFrame
      lab={lab}
      title="Asynchronous messaging: a broker between services"
      caption={props.caption}
      lanes={state.nodeIds}
      spaceTime={false}
      describeAction={describeServiceAction}
      actions={actions}
      stepCaption={queueCaption(state, trace)}
      stepCaptionTestId="service-caption"
      picture={<QueuePicture m={m} lag={lagSeries(state, end)} end={end} />}
    />
  );
}

function OutboxParts({ lab, state, props }: { lab: LabInstance; state: OutboxState; props: LabProps }) {
  const params = useLab(lab, (s) => s.params) as OutboxParams;
  const mech = useLab(lab, (s) => s.mechanism);
  const trace = mech.trace(state);
  const off = !lab.hydrated;
  const up = state.nodes.service.up;
  const label: Record<OutboxMode, string> = { 'db-first': 'dual write, DB first', 'publish-first': 'dual write, publish first', outbox: 'transactional outbox', cdc: 'change data capture' };
  const actions = (
    <>
      <fieldset>
        <legend>Service</legend>
        <button type="button" className="lab-btn lab-btn-primary" disabled={off || !up} onClick={() => lab.reader.act({ type: 'ob/order' })}>
          Place an order
        </button>
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: up ? 'node/crash' : 'node/restart', node: 'service' })}>
          {up ? 'Crash the service' : 'Restart the service'}
        </button>
      </fieldset>
      <fieldset>
        <legend>Set-up (replays from the start)</legend>
        <SelectField label="Publishing" value={params.mode} options={OUTBOX_MODES} format={(v) => label[v]} disabled={off} onChange={(mode) => lab.reader.setParams({ ...params, mode })} />
        <SelectField label="Consumer" value={params.dedup ? 'dedup' : 'all'} options={['dedup', 'all'] as const} format={(v) => (v === 'dedup' ? 'deduplicates by id' : 'no deduplication')} disabled={off} onChange={(v) => lab.reader.setParams({ ...params, dedup: v === 'dedup' })} />
      </fieldset>
    </>
  );
  return (
    <LabFrame
      lab={lab}
      title="Dual write or outbox: getting the event out"
      caption={props.caption}
      lanes={state.nodeIds}
      describeAction={describeServiceAction}
      actions={actions}
      stepCaption={outboxCaption(state, trace)}
      stepCaptionTestId="service-caption"
      picture={<OutboxPicture m={outboxModel(state)} />}
    >
      {props.experiments && <OutboxExperiment />}
    </LabFrame>
  );
}

const PAUSES = [0, 0.005, 0.01, 0.02, 0.05];
const ALPHAS = [1.1, Math.log(2000) / Math.log(180), 2, 3];

function FanoutParts({ lab, state, props }: { lab: LabInstance; state: FanoutState; props: LabProps }) {
  const params = useLab(lab, (s) => s.params) as FanoutParams;
  const off = !lab.hydrated;
  const m = fanoutModel(state);
  const set = (patch: Partial<FanoutParams>) => lab.reader.setParams({ ...params, ...patch });
  const setLeaf = (patch: Partial<FanoutParams['leaf']>) => set({ leaf: { ...params.leaf, ...patch } });
  const profile = leafProfiles.find((p) => JSON.stringify(p.model) === JSON.stringify(params.leaf));
  const actions = (
    <>
      <fieldset>
        <legend>Requests</legend>
        <button type="button" className="lab-btn lab-btn-primary" disabled={off} onClick={() => lab.reader.act({ type: 'fan/burst', count: 1000 })}>
          Run 1,000 requests
        </button>
      </fieldset>
      <fieldset>
        <legend>Set-up (replays from the start)</legend>
        <SelectField label="Leaves (N)" value={params.leaves} options={withCurrent([1, 10, 50, 100, 200], params.leaves)} format={(v) => String(v)} disabled={off} onChange={(leaves) => set({ leaves })} />
        <SelectField
          label="Mitigation"
          value={params.mitigation}
          options={['none', 'hedged', 'tied'] as const}
          format={(v) => (v === 'none' ? 'none' : v === 'hedged' ? `hedge after ${params.hedgeAfterMs === null ? 'leaf p95' : `${params.hedgeAfterMs} ms`}` : 'tied requests')}
          disabled={off}
          onChange={(mitigation) => set({ mitigation })}
        />
        <SelectField label="Hedge after" value={params.hedgeAfterMs ?? -1} options={withCurrent([-1, 10], params.hedgeAfterMs ?? -1)} format={(v) => (v < 0 ? `leaf p95 (${m.leafP95.toFixed(1)} ms)` : `${v} ms`)} disabled={off} onChange={(v) => set({ hedgeAfterMs: v < 0 ? null : v })} />
        <SelectField label="Requests hitting a pause" value={params.leaf.hiccupProb} options={withCurrent(PAUSES, params.leaf.hiccupProb)} format={(v) => `${(v * 100).toFixed(1)}%`} disabled={off} onChange={(hiccupProb) => setLeaf({ hiccupProb })} />
        <SelectField label="Pause tail (α, lower = heavier)" value={params.leaf.hiccupAlpha} options={withCurrent(ALPHAS, params.leaf.hiccupAlpha)} format={(v) => v.toFixed(2)} disabled={off} onChange={(hiccupAlpha) => setLeaf({ hiccupAlpha })} />
        <SelectField label="Replicas slowed together" value={params.leaf.correlation} options={withCurrent([0, 0.01, 0.05], params.leaf.correlation)} format={(v) => `${v * 100}%`} disabled={off} onChange={(correlation) => setLeaf({ correlation })} />
      </fieldset>
      <p className="lab-description">{profile ? `${profile.label}. ${profile.source}.` : 'Leaf model shaped by hand: log-normal service time plus a heavy-tailed pause.'}</p>
    </>
  );
  return (
    <LabFrame
      lab={lab}
      title="The tail at scale: waiting for every leaf"
      caption={props.caption}
      lanes={[]}
      spaceTime={false}
      describeAction={describeServiceAction}
      actions={actions}
      stepCaption={fanoutCaption(state)}
      stepCaptionTestId="service-caption"
      picture={<FanoutPicture m={m} />}
    >
      {props.experiments && <FanoutExperiment />}
    </LabFrame>
  );
}

function Lab(props: LabProps) {
  const lab = useMechanismLab(serviceLabDef, props);
  const mech = useLab(lab, (s) => s.mechanism.id);
  const state = useLab(lab, (s) => s.cursor.state);
  if (mech === chainMechanism.id) return <ChainParts lab={lab} state={state as ChainState} props={props} />;
  if (mech === queueMechanism.id) return <QueueParts lab={lab} state={state as QueueState} props={props} />;
  if (mech === fanoutMechanism.id) return <FanoutParts lab={lab} state={state as FanoutState} props={props} />;
  return <OutboxParts lab={lab} state={state as OutboxState} props={props} />;
}

/** The ServiceLab MDX component. */
export default withLabBoundary('Service lab', Lab);
