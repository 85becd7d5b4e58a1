/**
 * ReplicationLab (Chapter 9): a leader and followers with adjustable replication lag, clients that
 * read from followers, and a checker that names each read-your-writes, monotonic-read and
 * consistent-prefix violation; failover under async and semi-sync replication with the lost
 * acknowledged writes counted; a paused old leader with and without fencing tokens; and, on a
 * second core, multi-leader replicas where LWW registers lose updates and CRDTs converge.
 */
import type { ReactNode } from 'react';
import { allOps, failoverExperiment, type ReadPolicy, type ReplicationMode, type ReplicationParams, type ReplicationState } from '../../sim/replication';
import { LivePicture } from '../shared/LivePicture';
import { useStepState } from '../shared/useStepState';
import { ClusterView, LabFrame, SelectField, useLab, useMechanismLab, withCurrent, withLabBoundary, type LabInstance, type LabProps } from '../shared';
import { ExperimentPanel, defaultPoolSize } from '../shared/experiment';
import { replicationLabDef } from './definition';
import { FailoverTable } from './FailoverResult';
import {
  bestFollower,
  humanize,
  crdtAgreement,
  crdtCaption,
  crdtCluster,
  crdtRows,
  isReplication,
  logRows,
  nextEpoch,
  replicationCaption,
  replicationCluster,
  replicationVerdict,
  type CrdtState,
  type LabState,
} from './selectors';
import './replication.css';

const makeWorker = () => new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });
type Lab = LabInstance<LabState>;

const POLICY_LABEL: Record<ReadPolicy, string> = {
  any: 'any follower (rotating)',
  leader: 'always the leader',
  'leader-own': 'leader for my own keys',
  sticky: 'one follower per client',
  token: 'follower + session token',
};

function LabView(props: LabProps) {
  const lab = useMechanismLab(replicationLabDef, props) as Lab;
  // The step state: actions, caption and results change only at events; the picture moves per frame.
  const state = useStepState(lab);
  const trace = lab.store.getState().mechanism.trace(state);
  const rep = isReplication(state);
  return (
    <LabFrame
      lab={lab}
      title="Replication lab: lag, failover and conflicts"
      caption={props.caption}
      lanes={state.nodeIds}
      actions={rep ? <LeaderActions lab={lab} state={state} /> : <CrdtActions lab={lab} state={state as CrdtState} />}
      stepCaption={rep ? replicationCaption(state, trace) : crdtCaption(state as CrdtState, trace)}
      stepCaptionTestId="rep-caption"
      picture={
        <div data-testid="rep-picture">
          <LivePicture
            lab={lab}
            render={(live, now) =>
              isReplication(live) ? (
                <ClusterView model={replicationCluster(live)} now={now} title={`Leader, followers and clients at t = ${Math.round(now)} ms`} />
              ) : (
                <ClusterView model={crdtCluster(live as CrdtState)} now={now} title={`Three replicas that all accept writes, at t = ${Math.round(now)} ms`} />
              )
            }
          />
        </div>
      }
    >
      {rep ? <LeaderResults state={state} /> : <CrdtResults state={state as CrdtState} />}
      {props.experiments && (
        <ExperimentPanel
          experiment={failoverExperiment}
          makeWorker={typeof Worker === 'undefined' ? null : makeWorker}
          pool={defaultPoolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency)}
          title="Experiment: what a failover loses"
          intro="c1 writes every few milliseconds; the leader vanishes at a random moment and the most up-to-date follower takes over 50 ms later. Delays are constant, so the async figure matches its closed form exactly: the writes acknowledged during the last (lag − 5 ms) before the crash."
          labels={{ lags: 'Lags (ms, comma-separated)', interval: 'Write every (ms)', followers: 'Followers', trials: 'Trials per point', seed: 'Seed' }}
          unitName="points"
          describe={(out) => {
            const worst = out.results.points.filter((p) => p.mode === 'async').pop();
            return `Done. Semi-sync lost no acknowledged write; async lost ${worst ? `${worst.meanLost.toFixed(1)} per failover at ${worst.lag} ms of lag` : 'writes'}.`;
          }}
          render={(out) => <FailoverTable points={out.results.points} />}
        />
      )}
    </LabFrame>
  );
}

function LeaderActions({ lab, state }: { lab: Lab; state: ReplicationState }) {
  const params = useLab(lab, (s) => s.params) as ReplicationParams;
  const off = !lab.hydrated;
  const set = (patch: Partial<ReplicationParams>) => lab.reader.setParams({ ...params, ...patch });
  const clients = state.nodeIds.filter((id) => state.nodes[id].state.kind === 'client');
  const replicaIds = state.nodeIds.filter((id) => state.nodes[id].state.kind === 'replica');
  const best = bestFollower(state);
  const leader = replicaIds.find((id) => {
    const st = state.nodes[id].state;
    return st.kind === 'replica' && st.role === 'leader';
  });
  return (
    <>
      <fieldset>
        <legend>Replication</legend>
        <SelectField<number> label="Lag" value={params.lag} options={withCurrent([0, 20, 60, 100, 200, 400], params.lag)} format={(x) => `${x} ms`} disabled={off} onChange={(lag) => set({ lag })} />
        <SelectField<ReplicationMode> label="Acknowledge" value={params.mode} options={['async', 'semisync']} format={(x) => (x === 'async' ? 'at once (async)' : 'after one follower (semi-sync)')} disabled={off} onChange={(mode) => set({ mode })} />
        <SelectField<ReadPolicy> label="Reads go to" value={params.readPolicy} options={['any', 'leader', 'leader-own', 'sticky', 'token']} format={(x) => POLICY_LABEL[x]} disabled={off} onChange={(readPolicy) => set({ readPolicy })} />
        <label className="lab-field">
          <input type="checkbox" checked={params.fencing} disabled={off} onChange={(e) => set({ fencing: e.currentTarget.checked })} />
          <span>Fencing tokens (epochs)</span>
        </label>
      </fieldset>
      {clients.map((c) => (
        <fieldset key={c}>
          <legend>{`Client ${c}`}</legend>
          <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'rep/write', client: c, key: 'x' })}>
            Write x
          </button>
          <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'rep/read', client: c, keys: ['x'] })}>
            Read x
          </button>
          <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'rep/read', client: c, keys: ['q', 'a'] })}>
            Read q and a
          </button>
        </fieldset>
      ))}
      <fieldset>
        <legend>Failures</legend>
        <button type="button" className="lab-btn" disabled={off || !best} onClick={() => best && lab.reader.act({ type: 'rep/failover', to: best, epoch: nextEpoch(state) })}>
          {best ? `Fail over to ${best}` : 'Fail over'}
        </button>
        {leader && (
          <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'rep/pause', node: leader, ms: 400 })}>
            {`Pause ${leader} for 400 ms`}
          </button>
        )}
        {leader && (
          <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'net/partition', groups: [[leader]] })}>
            {`Isolate ${leader}`}
          </button>
        )}
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'net/heal' })}>
          Heal network
        </button>
        {replicaIds.map((r) => {
          const up = state.nodes[r].up;
          return (
            <button key={r} type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: up ? 'node/crash' : 'node/restart', node: r })}>
              {up ? `Crash ${r}` : `Restart ${r}`}
            </button>
          );
        })}
      </fieldset>
    </>
  );
}

function LeaderResults({ state }: { state: ReplicationState }) {
  const v = replicationVerdict(state);
  const ops = allOps(state);
  const logs = logRows(state);
  const rows: { text: string; tone: 'ok' | 'warn' | 'bad' }[] = [
    ...(['read-your-writes', 'monotonic-reads', 'consistent-prefix'] as const).map((k) => ({
      text: v.byKind[k] ? `${k.replace(/-/g, ' ')}: ${v.byKind[k]} violation${v.byKind[k] === 1 ? '' : 's'}` : `${k.replace(/-/g, ' ')}: kept so far`,
      tone: v.byKind[k] ? ('bad' as const) : ('ok' as const),
    })),
    { text: v.lost.length ? `acknowledged writes lost: ${v.lost.length} of ${v.acked} (${v.lost.map((o) => `${o.keys[0]}=${o.value}`).join(', ')})` : `acknowledged writes lost: none of ${v.acked}`, tone: v.lost.length ? 'bad' : 'ok' },
    { text: v.staleAccepted ? `entries accepted from a deposed leader: ${v.staleAccepted}` : v.refused ? `entries refused by fencing: ${v.refused}` : 'no entry from a deposed leader', tone: v.staleAccepted ? 'bad' : v.refused ? 'warn' : 'ok' },
  ];
  return (
    <div className="lab-results">
      <h4 className="lab-results-title">Checker</h4>
      <ul className="rep-verdict" data-testid="rep-verdict">
        {rows.map((r) => (
          <li key={r.text} data-tone={r.tone}>
            {r.text}
          </li>
        ))}
      </ul>
      {v.violations.length > 0 && (
        <ul className="lab-result-list" tabIndex={0} aria-label="Violations" data-testid="rep-violations">
          {v.violations.map((x, i) => (
            <li key={i} data-tone="bad">
              {`${x.kind}: ${humanize(x.text, ops)}`}
            </li>
          ))}
        </ul>
      )}
      <h4 className="lab-results-title">Logs</h4>
      <div className="rep-logs" data-testid="rep-logs">
        {logs.map((l) => (
          <div key={l.replica} className="rep-log" data-up={l.up ? 'true' : 'false'}>
            <strong>{`${l.replica} (${l.role})`}</strong>
            {l.entries.length === 0 ? (
              <span className="lab-description">empty</span>
            ) : (
              l.entries.map((e) => (
                <span key={e.seq} className="rep-entry" data-state={e.state} title={e.state === 'ok' ? undefined : e.state === 'differs' ? 'differs from the current leader' : 'the current leader does not have this entry'}>
                  {`${e.seq}:${e.text}`}
                  <sub>{`e${e.epoch}`}</sub>
                </span>
              ))
            )}
          </div>
        ))}
      </div>
      {v.diverged.length > 0 && <p className="lab-description">{`Logs disagree at position${v.diverged.length > 1 ? 's' : ''} ${v.diverged.join(', ')} (red: differs from the current leader; dashed: the leader lacks it).`}</p>}
    </div>
  );
}

const ITEMS = ['milk', 'eggs'];

function CrdtActions({ lab, state }: { lab: Lab; state: CrdtState }) {
  const off = !lab.hydrated;
  const out: ReactNode[] = state.nodeIds.map((r) => (
    <fieldset key={r}>
      <legend>{`Replica ${r}`}</legend>
      <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'crdt/like', replica: r, by: 1 })}>
        Like
      </button>
      <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'crdt/like', replica: r, by: -1 })}>
        Unlike
      </button>
      {ITEMS.map((item) => (
        <button key={item} type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'crdt/add', replica: r, item })}>
          {`Add ${item}`}
        </button>
      ))}
      <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'crdt/remove', replica: r, item: 'milk' })}>
        Remove milk
      </button>
    </fieldset>
  ));
  return (
    <>
      {out}
      <fieldset>
        <legend>Network</legend>
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'net/partition', groups: [[state.nodeIds[0]]] })}>
          {`Cut ${state.nodeIds[0]} off`}
        </button>
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'net/heal' })}>
          Heal network
        </button>
      </fieldset>
    </>
  );
}

function CrdtResults({ state }: { state: CrdtState }) {
  const rows = crdtRows(state);
  const agree = crdtAgreement(state);
  return (
    <div className="lab-results">
      <h4 className="lab-results-title">Each replica, each representation</h4>
      <div className="lab-table-wrap" tabIndex={0} role="region" aria-label="Replica values">
        <table className="rep-table" data-testid="crdt-table">
          <thead>
            <tr>
              <th scope="col">Replica</th>
              <th scope="col">Likes: LWW register</th>
              <th scope="col">Likes: G-Counter</th>
              <th scope="col">Likes: PN-Counter</th>
              <th scope="col">Cart: LWW register</th>
              <th scope="col">Cart: OR-Set</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.replica}>
                <th scope="row">{r.up ? r.replica : `${r.replica} (down)`}</th>
                <td data-agree={agree.lww ? 'true' : 'false'}>{r.lww}</td>
                <td data-agree={agree.crdt ? 'true' : 'false'}>{r.g}</td>
                <td data-agree={agree.crdt ? 'true' : 'false'}>{r.pn}</td>
                <td data-agree={agree.lww ? 'true' : 'false'}>{r.cartLww}</td>
                <td data-agree={agree.crdt ? 'true' : 'false'}>{r.cartOr}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="lab-description">The G-Counter ignores unlikes (it can only grow); the PN-Counter counts both. Each replica gossips its whole state every 100 ms.</p>
    </div>
  );
}

/** The ReplicationLab MDX component. */
const ReplicationLab = withLabBoundary('Replication lab', LabView);
export default ReplicationLab;
