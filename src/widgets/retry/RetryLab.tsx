/**
 * RetryLab (chapter 4): three pictures of what retries do under pressure, each on its own core in
 * src/sim/retry: clients contending for one row with five backoff strategies (Brooker 2015), retries
 * multiplying through three layers (k³) beside the two fixes, and a metastable failure that outlives
 * its trigger until the reader breaks the loop. Experiments run in a Web Worker (see charts.tsx).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { LabFrame, SelectField, useLab, useMechanismLab, withCurrent, withLabBoundary, type LabInstance, type LabProps } from '../shared';
import { ExperimentPanel } from '../shared/experiment/ExperimentPanel';
import { defaultPoolSize } from '../shared/experiment/protocol';
import {
  amplificationExperiment, backoffExperiment, metastableExperiment, msPolicies, msPolicyLabel, strategies, strategyLabel,
  ampMechanism, contentionMechanism,
  type AmpParams, type AmpState, type ContentionParams, type ContentionState, type MsParams, type MsState, type Strategy,
} from '../../sim/retry';
import { timelineEnd } from '../shared/store';
import { useSvgWidth } from '../shared/useSvgWidth';
import type { Tagged } from '../../sim/core';
import { retryLabDef } from './definition';
import { ampCaption, contentionCaption, msCaption } from './selectors';
import { ContentionPicture } from './ContentionPicture';
import { AmplificationPicture } from './AmplificationPicture';
import { MetastablePicture } from './MetastablePicture';
import { AmplificationTable, BackoffChart, MetastableMap, backoffSummary } from './charts';
import './retry.css';

const makeWorker = () => new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });

function describeRetryAction(a: Tagged): string {
  const x = a as { type: string; policy?: string; kind?: string; ms?: number };
  if (x.type === 'amp/fail') return 'Database starts failing';
  if (x.type === 'amp/heal') return 'Database recovers';
  if (x.type === 'ms/policy') return `Policy: ${msPolicyLabel[x.policy as keyof typeof msPolicyLabel] ?? x.policy}`;
  if (x.type === 'ms/trigger') return `Trigger: ${x.kind} for ${x.ms} ms`;
  return x.type;
}

/** Pool size, read once on the client (1 on the server, where it is never used). */
function usePool(): number {
  const [k, setK] = useState(1);
  useEffect(() => setK(defaultPoolSize(navigator.hardwareConcurrency)), []);
  return k;
}

/** Measures the picture's width so the SVGs draw their text at its real size. */
function Measured({ children }: { children: (width: number) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useSvgWidth(ref, 640, 300, 900);
  return <div ref={ref}>{children(width)}</div>;
}

/** What each model assumes, in the lab's own words (and where it differs from its source). */
const ASSUMPTIONS: Record<string, string> = {
  contention:
    'As in Brooker’s simulator (aws-samples/aws-arch-backoff-simulator): every message takes |Normal(10 ms, 2 ms)|, the row answers instantly, a write succeeds only if the version read is still current, and after a refusal the next read leaves after backoff(n), n counting retries from 1, with base 5 ms and cap 2 s. Calls are write attempts; the time is when the last client hears of its success. Differences: each client draws from its own random stream (the original shares one), and simultaneous events break ties by the order they were scheduled. Neither changes a distribution.',
  amplification:
    'Requests arrive at a fixed rate; each hop takes a fixed 2 ms; the database answers at once; a failed call is retried at once, up to k attempts per caller. The budget is a token bucket per caller: each first attempt deposits a tenth of a token into a bucket of three, each retry needs a whole token. Finagle’s default differs: its reserve is ten retries a second and deposits expire after ten seconds.',
  metastable:
    'One server, one FIFO queue, exponential service times (capacity 100/s). Seventy clients think for an exponential second, wait 250 ms for an answer and retry up to three times; only the answer to a client’s latest attempt counts, and the server cannot tell when a client has given up. The clients are a closed population, which is why backoff can help here at all; with an open stream of independent requests it only delays the same retries (Brooker, 2022).',
};

function Assumptions({ part }: { part: keyof typeof ASSUMPTIONS }) {
  return (
    <details className="lab-details retry-assumptions">
      <summary>What this model assumes</summary>
      <p className="lab-description">{ASSUMPTIONS[part]}</p>
    </details>
  );
}

function Experiments({ mech }: { mech: string }) {
  const pool = usePool();
  if (mech === contentionMechanism.id) {
    return (
      <ExperimentPanel
        experiment={backoffExperiment}
        makeWorker={makeWorker}
        pool={pool}
        title="Experiment: Brooker’s backoff curves"
        intro={<p className="lab-description">Each point is the mean of many runs of the model above: the same row, the same |Normal(10 ms, 2 ms)| network, base 5 ms, cap 2 s, as in the blog’s simulator. The blog reports that jitter cuts calls by more than half at 100 clients and that exponential backoff without jitter is the slowest; compare.</p>}
        labels={{ clients: 'Clients', runs: 'Runs per point', base: 'Base (ms)', cap: 'Cap (ms)', seed: 'Seed' }}
        unitName="chunks"
        describe={(o) => backoffSummary(o.results)}
        render={(o) => <BackoffChart results={o.results} />}
      />
    );
  }
  if (mech === ampMechanism.id) {
    return (
      <ExperimentPanel
        experiment={amplificationExperiment}
        makeWorker={makeWorker}
        pool={pool}
        title="Experiment: amplification by depth and failure rate"
        labels={{ attempts: 'Attempts per caller (k)', failRate: 'Database failure rates', budgetRatio: 'Budget ratio', budgetBurst: 'Budget burst', requests: 'Requests', seed: 'Seed' }}
        unitName="points"
        describe={(o) => `${o.results.length} rows.`}
        render={(o) => <AmplificationTable rows={o.results} />}
      />
    );
  }
  return (
    <ExperimentPanel
      experiment={metastableExperiment}
      makeWorker={makeWorker}
      pool={pool}
      title="Experiment: which triggers leave the system stuck?"
      intro={<p className="lab-description">For each policy and trigger length, several runs; a run counts as recovered when its goodput over the last 5 s is at least 80% of the healthy rate.</p>}
      labels={{ triggerMs: 'Trigger lengths (ms)', capacityDrop: 'Capacity during trigger', backoffBase: 'Backoff base (ms)', runs: 'Runs per cell', observeMs: 'Watch after trigger (ms)', seed: 'Seed' }}
      unitName="cells"
      describe={() => 'Map ready.'}
      render={(o) => <MetastableMap results={o.results} />}
    />
  );
}

function ContentionParts({ lab, state, props }: { lab: LabInstance; state: ContentionState; props: LabProps }) {
  const params = useLab(lab, (s) => s.params) as ContentionParams;
  const now = useLab(lab, (s) => s.mechanism.now(s.cursor.state));
  const end = useLab(lab, (s) => timelineEnd(lab.def, s));
  const mech = useLab(lab, (s) => s.mechanism);
  const trace = mech.trace(state);
  const off = !lab.hydrated;
  const actions = (
    <fieldset>
      <legend>Set-up (replays from the start)</legend>
      <SelectField label="Backoff" value={params.strategy} options={strategies} format={(s: Strategy) => strategyLabel[s]} disabled={off} onChange={(strategy) => lab.reader.setParams({ ...params, strategy })} />
      <SelectField label="Clients" value={params.clients} options={withCurrent([2, 5, 10, 20, 50, 100], params.clients)} format={(n) => String(n)} disabled={off} onChange={(clients) => lab.reader.setParams({ ...params, clients })} />
    </fieldset>
  );
  return (
    <LabFrame
      lab={lab}
      title="Backoff and jitter: clients contending for one row"
      caption={props.caption}
      lanes={[]}
      spaceTime={false}
      describeAction={describeRetryAction}
      actions={actions}
      stepCaption={contentionCaption(state, trace)}
      stepCaptionTestId="retry-caption"
      picture={<Measured>{(w) => <ContentionPicture state={state} now={now} trace={trace} end={end} width={w} />}</Measured>}
    >
      <Assumptions part="contention" />
      {props.experiments && <Experiments mech={mech.id} />}
    </LabFrame>
  );
}

function AmpParts({ lab, state, props }: { lab: LabInstance; state: AmpState; props: LabProps }) {
  const params = useLab(lab, (s) => s.params) as AmpParams;
  const mech = useLab(lab, (s) => s.mechanism);
  const trace = mech.trace(state);
  const off = !lab.hydrated;
  const actions = (
    <>
      <fieldset>
        <legend>Database</legend>
        <button type="button" className="lab-btn" disabled={off || state.dbFailing} onClick={() => lab.reader.act({ type: 'amp/fail' })}>
          Make it fail now
        </button>
        <button type="button" className="lab-btn" disabled={off || !state.dbFailing} onClick={() => lab.reader.act({ type: 'amp/heal' })}>
          Heal it now
        </button>
      </fieldset>
      <fieldset>
        <legend>Set-up (replays from the start)</legend>
        <SelectField label="Attempts per caller" value={params.attempts} options={withCurrent([2, 3, 4], params.attempts)} format={(n) => `k = ${n}`} disabled={off} onChange={(attempts) => lab.reader.setParams({ ...params, attempts })} />
        <SelectField label="Failing calls" value={params.failRate} options={withCurrent([1, 0.5, 0.2], params.failRate)} format={(r) => `${Math.round(r * 100)}%`} disabled={off} onChange={(failRate) => lab.reader.setParams({ ...params, failRate })} />
      </fieldset>
    </>
  );
  return (
    <LabFrame
      lab={lab}
      title="Retry amplification: k attempts at every layer"
      caption={props.caption}
      lanes={[]}
      spaceTime={false}
      describeAction={describeRetryAction}
      actions={actions}
      stepCaption={ampCaption(state, trace)}
      stepCaptionTestId="retry-caption"
      picture={<Measured>{(w) => <AmplificationPicture state={state} width={w} />}</Measured>}
    >
      <Assumptions part="amplification" />
      {props.experiments && <Experiments mech={mech.id} />}
    </LabFrame>
  );
}

function MsParts({ lab, state, props }: { lab: LabInstance; state: MsState; props: LabProps }) {
  const params = useLab(lab, (s) => s.params) as MsParams;
  const end = useLab(lab, (s) => timelineEnd(lab.def, s));
  const mech = useLab(lab, (s) => s.mechanism);
  const trace = mech.trace(state);
  const off = !lab.hydrated;
  const triggered = state.triggerUntil > state.now;
  const actions = (
    <>
      <fieldset>
        <legend>Policy (from now on)</legend>
        {msPolicies.map((p) => (
          <button key={p} type="button" className="lab-btn" aria-pressed={state.policy === p} disabled={off} onClick={() => lab.reader.act({ type: 'ms/policy', policy: p })}>
            {msPolicyLabel[p]}
          </button>
        ))}
      </fieldset>
      <fieldset>
        <legend>Trigger</legend>
        <button type="button" className="lab-btn" disabled={off || triggered} onClick={() => lab.reader.act({ type: 'ms/trigger', kind: 'capacity', ms: 3000 })}>
          {`Cut capacity to ${Math.round(params.capacityDrop * 100)}% for 3 s`}
        </button>
        <SelectField label="Backoff base" value={params.backoffBase} options={withCurrent([100, 250, 500, 1000], params.backoffBase)} format={(n) => `${n} ms`} disabled={off} onChange={(backoffBase) => lab.reader.setParams({ ...params, backoffBase })} />
      </fieldset>
    </>
  );
  return (
    <LabFrame
      lab={lab}
      title="A metastable failure: retries that outlive their trigger"
      caption={props.caption}
      lanes={[]}
      spaceTime={false}
      describeAction={describeRetryAction}
      actions={actions}
      stepCaption={msCaption(state, trace)}
      stepCaptionTestId="retry-caption"
      picture={<Measured>{(w) => <MetastablePicture state={state} trace={trace} end={end} width={w} />}</Measured>}
    >
      <Assumptions part="metastable" />
      {props.experiments && <Experiments mech={mech.id} />}
    </LabFrame>
  );
}

function Lab(props: LabProps) {
  const lab = useMechanismLab(retryLabDef, props);
  const mech = useLab(lab, (s) => s.mechanism.id);
  const state = useLab(lab, (s) => s.cursor.state);
  if (mech === contentionMechanism.id) return <ContentionParts lab={lab} state={state as ContentionState} props={props} />;
  if (mech === ampMechanism.id) return <AmpParts lab={lab} state={state as AmpState} props={props} />;
  return <MsParts lab={lab} state={state as MsState} props={props} />;
}

export default withLabBoundary('Retry lab', Lab);
