/**
 * IdempotencyLab (Chapter 5): a client pays through a payment API over a network that loses and
 * delays messages, against a server that can crash between charging and recording. The reader
 * turns idempotency keys, atomic recording and key retention on and off and watches charges
 * duplicate or not; a queue mode shows at-least-once delivery with and without a deduplicating
 * consumer. The experiment measures duplicate rates under random faults in a Web Worker.
 */
import type { ReactNode } from 'react';
import { linkParams } from '../../sim/core';
import { clientOf, consumerOf, idempotencyExperiment, serverOf, type IdemParams, type IdemState, type InFlightPolicy } from '../../sim/idempotency';
import { LabFrame, SelectField, useLab, useMechanismLab, withCurrent, withLabBoundary, type LabInstance, type LabProps } from '../shared';
import { ExperimentPanel, defaultPoolSize } from '../shared/experiment';
import { idempotencyLabDef } from './definition';
import { IdemWire, type WireEnd } from './IdemWire';
import { IdemChart } from './IdemChart';
import {
  clientLines,
  describeIdemAction,
  flightFor,
  flights,
  keyRows,
  ledgerRows,
  queueRows,
  retentionNote,
  stepCaption,
  verdict,
} from './selectors';
import './idempotency.css';

const makeWorker = () => new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });

type Lab = LabInstance<IdemState, IdemParams>;

/** Step forward until `ready(state)` holds (at most 2,000 events), then act; keeps playing if it was. */
function runToThen(lab: Lab, ready: (s: IdemState) => boolean, act: (s: IdemState) => unknown | null, none: string): void {
  const st = () => lab.store.getState();
  const wasPlaying = st().playing;
  const from = st().mechanism.now(st().cursor.state);
  let guard = 0;
  while (!ready(st().cursor.state) && guard++ < 2000) {
    const before = st().cursor.steps;
    if (guard === 1) lab.reader.stepForward();
    else st().stepForward();
    if (st().cursor.steps === before) break;
  }
  const a = ready(st().cursor.state) ? act(st().cursor.state) : null;
  if (a === null) {
    // Nothing to act on: go back to where the reader was rather than leave them at the end.
    st().seekTime(from);
    lab.store.setState({ announcement: none });
    return;
  }
  lab.reader.act(a as { type: string });
  if (wasPlaying && !st().playing) st().play();
}

function serverStatus(s: IdemState): string {
  const srv = serverOf(s);
  if (!s.nodes.S?.up) return 'crashed';
  const j = srv?.jobs[srv.jobs.length - 1];
  if (!j) return 'idle';
  return j.phase === 'working' ? `working${j.key ? ` on ${j.key}` : ''}` : `${j.charge} written`;
}

function consumerStatus(s: IdemState): string {
  const q = consumerOf(s);
  if (!s.nodes.Q?.up) return 'crashed';
  if (!q?.current) return 'idle';
  return q.current.phase === 'working' ? `working on ${q.current.msg}` : `${q.current.msg} applied, ack due`;
}

function LabView(props: LabProps) {
  const lab = useMechanismLab(idempotencyLabDef, props);
  const state = useLab(lab, (s) => s.cursor.state);
  const params = useLab(lab, (s) => s.params);
  const off = !lab.hydrated;
  const api = params.mode === 'api';
  const trace = lab.store.getState().mechanism.trace(state);
  const caption = stepCaption(trace, state);
  const v = verdict(state);
  const set = (patch: Partial<IdemParams>) => lab.reader.setParams({ ...params, ...patch });

  // "Slow answers": the answer link (S→C, or Q→B for acks) delayed past the sender's timeout.
  const [ansFrom, ansTo, limit] = api ? ['S', 'C', params.timeout] : ['Q', 'B', params.ackTimeout];
  const ansLatency = linkParams(state.net, ansFrom, ansTo).latency;
  const slow = ansLatency.kind === 'constant' && ansLatency.value > limit;
  const worker = api ? 'S' : 'Q';
  const workerUp = state.nodes[worker]?.up ?? false;
  const inWindow = (s: IdemState) =>
    api ? (s.nodes.S.up && (serverOf(s)?.jobs.some((j) => j.phase === 'charged') ?? false)) : s.nodes.Q.up && consumerOf(s)?.current?.phase === 'applied';

  const left: WireEnd = api
    ? { id: 'C', role: 'client', up: true, status: clientOf(state)?.payments.some((p) => p.status === 'pending') ? 'waiting' : 'idle' }
    : { id: 'B', role: 'broker', up: state.nodes.B?.up ?? true, status: 'at least once' };
  const right: WireEnd = api
    ? { id: 'S', role: 'payment server', up: workerUp, status: serverStatus(state), detail: inWindow(state) && params.keys ? (params.atomic ? 'not committed' : 'key not yet') : undefined }
    : { id: 'Q', role: 'consumer', up: workerUp, status: consumerStatus(state), detail: inWindow(state) ? 'no ack yet' : undefined };

  const picture = (
    <div className="idem-picture" data-testid="idem-picture">
      <IdemWire left={left} right={right} flights={flights(state)} title={api ? 'Client C and payment server S with the messages in flight' : 'Broker B and consumer Q with the messages in flight'} />
      <p className="idem-verdict" data-tone={v.tone} data-testid="idem-verdict">
        {v.text}
      </p>
      {api ? (
        <ApiStores state={state} params={params} />
      ) : (
        <>
          <p className="idem-note">
            B redelivers until it hears an ack, so delivery is at least once: exactly-once delivery is impossible, because B cannot tell a lost ack from a lost delivery. Effectively once means at-least-once delivery plus a consumer that deduplicates.
          </p>
          <QueueStores state={state} />
        </>
      )}
    </div>
  );

  const actions: ReactNode = (
    <>
      {api ? (
        <fieldset>
          <legend>Client C</legend>
          <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'idem/pay', amount: 80 })}>
            Pay €80
          </button>
          <button type="button" className="lab-btn" disabled={off || !params.keys} onClick={() => lab.reader.act({ type: 'idem/pay', amount: 25, reuseKey: true })}>
            Pay €25 reusing the last key
          </button>
        </fieldset>
      ) : (
        <fieldset>
          <legend>Broker B</legend>
          <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'idem/publish' })}>
            Publish a message
          </button>
        </fieldset>
      )}
      <fieldset>
        <legend>Faults</legend>
        <button
          type="button"
          className="lab-btn"
          disabled={off}
          onClick={() => runToThen(lab, (s) => flightFor(s, 'request') !== null, (s) => ({ type: 'net/drop', msgId: flightFor(s, 'request') }), 'No request to drop: send one first.')}
        >
          {api ? 'Drop the next request' : 'Drop the next delivery'}
        </button>
        <button
          type="button"
          className="lab-btn"
          disabled={off}
          onClick={() => runToThen(lab, (s) => flightFor(s, 'reply') !== null, (s) => ({ type: 'net/drop', msgId: flightFor(s, 'reply') }), 'No answer to drop: send a request first.')}
        >
          {api ? 'Drop the next reply' : 'Drop the next ack'}
        </button>
        <button
          type="button"
          className="lab-btn"
          aria-pressed={slow}
          disabled={off}
          onClick={() => lab.reader.act({ type: 'net/link', from: ansFrom, to: ansTo, latency: slow ? params.latency : { kind: 'constant', value: limit + 100 } })}
        >
          {`${api ? 'Delay replies past the timeout' : 'Delay acks past the ack timeout'}${slow ? ' (on)' : ''}`}
        </button>
        <button type="button" className="lab-btn" disabled={off || !workerUp} onClick={() => runToThen(lab, inWindow, () => ({ type: 'node/crash', node: worker }), api ? 'S never reached the window: pay first.' : 'Q never applied an effect: publish first.')}>
          {api ? 'Crash S after the charge, before the key' : 'Crash Q after the effect, before the ack'}
        </button>
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: workerUp ? 'node/crash' : 'node/restart', node: worker })}>
          {workerUp ? `Crash ${worker} now` : `Restart ${worker}`}
        </button>
      </fieldset>
      {api ? (
        <fieldset>
          <legend>Server S</legend>
          <label className="idem-check">
            <input type="checkbox" checked={params.keys} disabled={off} onChange={(e) => set({ keys: e.currentTarget.checked })} />
            <span>Idempotency keys</span>
          </label>
          <label className="idem-check">
            <input type="checkbox" checked={params.atomic} disabled={off} onChange={(e) => set({ atomic: e.currentTarget.checked })} />
            <span>Key and charge in one transaction</span>
          </label>
          <SelectField<InFlightPolicy>
            label="Retry while in progress"
            value={params.inFlight}
            options={['reject', 'wait']}
            format={(x) => (x === 'reject' ? '409 Conflict' : 'wait for the outcome')}
            disabled={off}
            onChange={(inFlight) => set({ inFlight })}
          />
          <SelectField<number> label="Keep keys for" value={params.retention} options={withCurrent([100, 300, 1000, 2000, 5000], params.retention)} format={(x) => `${x} ms`} disabled={off} onChange={(retention) => set({ retention })} />
          <SelectField<number> label="Server work" value={params.work} options={withCurrent([60, 300], params.work)} format={(x) => `${x} ms`} disabled={off} onChange={(work) => set({ work })} />
          <p className="idem-note" data-tone={retentionNote(params).tone}>
            {retentionNote(params).text}
          </p>
        </fieldset>
      ) : (
        <fieldset>
          <legend>Consumer Q</legend>
          <label className="idem-check">
            <input type="checkbox" checked={params.dedup} disabled={off} onChange={(e) => set({ dedup: e.currentTarget.checked })} />
            <span>Deduplicate (processed-id table, same transaction)</span>
          </label>
        </fieldset>
      )}
    </>
  );

  return (
    <LabFrame lab={lab} title="Idempotency lab: retries without double charges" caption={props.caption} lanes={state.nodeIds} describeAction={describeIdemAction} actions={actions} picture={picture} stepCaption={caption} stepCaptionTestId="idem-caption">
      {props.experiments && (
        <ExperimentPanel
          experiment={idempotencyExperiment}
          makeWorker={typeof Worker === 'undefined' ? null : makeWorker}
          pool={defaultPoolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency)}
          intro="Every configuration faces the same random schedules of crashes, lost and duplicated messages and slow replies, with server work times from 10 to 320 ms. The client retries up to 8 times; faults stop early enough that its last retries get through."
          labels={{ trials: 'Schedules per configuration', seed: 'Seed', faults: 'Most faults per schedule' }}
          unitName="chunks"
          describe={(out) => {
            const bad = out.results.rows.filter((r) => r.duplicated > 0).map((r) => r.label);
            return `Done. Applied twice in: ${bad.length ? bad.join('; ') : 'no configuration'}.`;
          }}
          render={(out) => <IdemChart result={out.results} />}
        />
      )}
    </LabFrame>
  );
}

function ApiStores({ state, params }: { state: IdemState; params: IdemParams }) {
  const keys = keyRows(state, params);
  const ledger = ledgerRows(state);
  const client = clientLines(state);
  return (
    <div className="idem-stores">
      <section className="idem-store" aria-label="Client C's payments">
        <h4>C: payments</h4>
        <ul data-testid="idem-payments">
          {client.length === 0 ? <li className="idem-empty">none yet</li> : client.map((t, i) => <li key={i}>{t}</li>)}
        </ul>
      </section>
      <section className="idem-store" aria-label="S's key table">
        <h4>{params.keys ? 'S: key table (durable; in-progress locks in memory)' : 'S: key table (keys are off)'}</h4>
        <ul data-testid="idem-keys">
          {keys.length === 0 ? <li className="idem-empty">empty</li> : keys.map((k) => (
            <li key={`${k.key}-${k.state}`} data-state={k.state}>
              {k.text}
            </li>
          ))}
        </ul>
      </section>
      <section className="idem-store" aria-label="S's ledger of charges">
        <h4>S: ledger (durable)</h4>
        <ul data-testid="idem-ledger">
          {ledger.length === 0 ? <li className="idem-empty">no charges</li> : ledger.map((r) => (
            <li key={r.id} data-state={r.state} data-duplicate={r.duplicate ? 'true' : undefined}>
              {r.duplicate ? `DUPLICATE ${r.text}` : r.text}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function QueueStores({ state }: { state: IdemState }) {
  const rows = queueRows(state);
  const q = consumerOf(state);
  return (
    <div className="idem-stores">
      <section className="idem-store" aria-label="Messages and their effects">
        <h4>B's messages and Q's effects</h4>
        <ul data-testid="idem-messages">
          {rows.length === 0 ? <li className="idem-empty">none yet</li> : rows.map((r) => (
            <li key={r.msg} data-tone={r.tone}>
              {r.text}
            </li>
          ))}
        </ul>
      </section>
      <section className="idem-store" aria-label="Q's processed table">
        <h4>{state.params.dedup ? 'Q: processed ids (durable, written with the effect)' : 'Q: no processed table (dedup off)'}</h4>
        <ul>{q && q.processed.length > 0 ? q.processed.map((m) => <li key={m}>{m}</li>) : <li className="idem-empty">empty</li>}</ul>
      </section>
    </div>
  );
}

/** The IdempotencyLab MDX component. */
const IdempotencyLab = withLabBoundary('Idempotency lab', LabView);
export default IdempotencyLab;
