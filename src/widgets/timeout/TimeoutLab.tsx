/**
 * TimeoutLab (Chapter 1): "Dropped or slow?" — a client with a timeout cannot tell a lost
 * request, a lost reply, a crashed server and a slow one apart — and FLP in miniature, where an
 * adversarial scheduler keeps a consensus attempt bivalent forever.
 */
import { ClusterView, LabFrame, SelectField, withCurrent, useLab, useMechanismLab, labComponent, type LabInstance, type LabProps } from '../shared';
import { latencyDist, type FlpState, type TimeoutParams, type TimeoutState } from '../../sim/timeout';
import { linkAction, timeoutLabDef } from './definition';
import { timeoutCaption } from './caption';
import { callRows, describeTimeoutAction, falseAlarms, flpCluster, flpPending, flpStatus, linkNow, timeoutCluster } from './selectors';

function TimeoutParts({ lab, state, props }: { lab: LabInstance; state: TimeoutState; props: LabProps }) {
  const params = useLab(lab, (s) => s.params) as TimeoutParams;
  const now = useLab(lab, (s) => s.mechanism.now(s.cursor.state));
  const off = !lab.hydrated;
  // Select stable values only; the kernel's trace view may be a fresh slice on every call.
  const mech = useLab(lab, (s) => s.mechanism);
  const trace = mech.trace(state);
  const link = linkNow(state);
  const setLatency = (ms: number) => lab.reader.act(linkAction('both', { latency: latencyDist(ms, params.jitter, params.tail, params.tailFactor) }));
  const setLoss = (p: number) => lab.reader.act(linkAction('both', { loss: p }));
  const serverUp = state.nodes.server.up;
  const rows = callRows(state, trace);
  const alarms = falseAlarms(state);
  const actions = (
    <>
      <fieldset>
        <legend>Client</legend>
        <button type="button" className="lab-btn lab-btn-primary" disabled={off} onClick={() => lab.reader.act({ type: 'client/call' })}>
          Call the server
        </button>
        <SelectField label="Timeout" value={params.timeout} options={withCurrent([100, 250, 300, 500, 1000, 2000], params.timeout)} format={(t) => `${t} ms`} disabled={off} onChange={(timeout) => lab.reader.setParams({ ...params, timeout })} />
      </fieldset>
      <fieldset>
        <legend>Server</legend>
        <button type="button" className="lab-btn" disabled={off || !serverUp} onClick={() => lab.reader.act({ type: 'node/crash', node: 'server' })}>
          Crash
        </button>
        <button type="button" className="lab-btn" disabled={off || serverUp} onClick={() => lab.reader.act({ type: 'node/restart', node: 'server' })}>
          Restart
        </button>
      </fieldset>
      <fieldset>
        <legend>Link (from now on, both directions)</legend>
        <SelectField label="Latency" value={link.latency} options={withCurrent([20, 60, 80, 200, 400, 800], link.latency)} format={(l) => `${l} ms`} disabled={off} onChange={setLatency} />
        <SelectField label="Loss" value={link.loss} options={withCurrent([0, 0.1, 0.3, 0.5, 1], link.loss)} format={(l) => `${Math.round(l * 100)}%`} disabled={off} onChange={setLoss} />
      </fieldset>
    </>
  );
  return (
    <LabFrame
      lab={lab}
      title="Dropped or slow? What a timeout can and cannot tell you"
      caption={props.caption}
      lanes={['client', 'server']}
      describeAction={describeTimeoutAction}
      actions={actions}
      stepCaption={timeoutCaption(state, trace)}
      picture={<ClusterView model={timeoutCluster(state)} now={now} title="A client calling a server over an unreliable link" />}
    >
      <div className="lab-results">
        <h4 className="lab-results-title">The client&apos;s view next to what really happened</h4>
        <p className="lab-description">
          {`${alarms.timedOut} call${alarms.timedOut === 1 ? '' : 's'} timed out; in ${alarms.aliveAnyway} of them the server was alive and did the work.`}
        </p>
        <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Calls: client view and truth">
          <table className="lab-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Client saw</th>
                <th scope="col">What really happened</th>
                <th scope="col">Work done?</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={4}>No calls yet.</td>
                </tr>
              )}
              {rows.map((r) => (
                <tr key={r.id} data-tone={r.tone}>
                  <td>{r.id}</td>
                  <td>{r.clientSaw}</td>
                  <td>{r.truth}</td>
                  <td>{r.workDone}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </LabFrame>
  );
}

function FlpParts({ lab, state, props }: { lab: LabInstance; state: FlpState; props: LabProps }) {
  const now = useLab(lab, (s) => s.mechanism.now(s.cursor.state));
  const off = !lab.hydrated;
  const pending = flpPending(state);
  const actions = (
    <>
      <fieldset>
        <legend>Scheduler (who picks the next delivery)</legend>
        {(['adversary', 'fair'] as const).map((m) => (
          <button key={m} type="button" className="lab-btn" aria-pressed={state.scheduler === m} disabled={off} onClick={() => lab.reader.act({ type: 'flp/scheduler', mode: m })}>
            {m === 'adversary' ? 'Adversary' : 'Fair (random)'}
          </button>
        ))}
      </fieldset>
      <fieldset>
        <legend>Or be the network: deliver a message now</legend>
        {pending.length === 0 && <span className="lab-description">Nothing in flight.</span>}
        <ul className="lab-result-list lab-pending" tabIndex={0} aria-label="Messages in flight">
          {pending.slice(0, 12).map((p) => (
            <li key={p.msg.id} data-tone={p.critical ? 'warn' : undefined}>
              <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'flp/deliver', msg: p.msg.id })}>
                {`Deliver ${p.text}`}
              </button>
              {p.critical ? ' critical: would let its receiver see two equal values' : ''}
            </li>
          ))}
        </ul>
      </fieldset>
    </>
  );
  return (
    <LabFrame
      lab={lab}
      title="FLP in miniature: an adversary that never lets consensus finish"
      caption={props.caption}
      lanes={['P', 'Q', 'R']}
      describeAction={describeTimeoutAction}
      actions={actions}
      stepCaption={timeoutCaption(state, lab.store.getState().mechanism.trace(state))}
      picture={<ClusterView model={flpCluster(state)} now={now} title="Three processes trying to agree on a bit" />}
    >
      <div className="lab-results">
        <h4 className="lab-results-title">Where the run stands</h4>
        <p className="lab-description">{flpStatus(state)}</p>
      </div>
    </LabFrame>
  );
}

function Lab(props: LabProps) {
  const lab = useMechanismLab(timeoutLabDef, props);
  const mech = useLab(lab, (s) => s.mechanism.id);
  const state = useLab(lab, (s) => s.cursor.state);
  return mech === 'flp' ? (
    <FlpParts lab={lab} state={state as FlpState} props={props} />
  ) : (
    <TimeoutParts lab={lab} state={state as TimeoutState} props={props} />
  );
}

/** The TimeoutLab MDX component. */
const TimeoutLab = labComponent('Timeout lab', Lab);
export default TimeoutLab;
