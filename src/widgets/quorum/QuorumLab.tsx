/**
 * QuorumLab (Chapter 3): N replicas, write quorum W, read quorum R, and the
 * choice of what a read does about stale replicas. The reader writes and reads
 * from clients, crashes replicas and cuts links, and sees each read's quorum
 * overlap the last write's, stale reads, and reads that break linearizability.
 * An experiment mode measures staleness over thousands of trials (PBS).
 */
import { memo } from 'react';
import { ClusterView, LabFrame, useLab, useMechanismLab, labComponent, type LabInstance, type LabProps } from '../shared';
import { useStepState } from '../shared/useStepState';
import { CLIENTS, type QuorumParams, type QuorumState, type RepairMode } from '../../sim/quorum';
import { quorumLabDef } from './definition';
import { quorumCaption } from './caption';
import { clusterModel, describeQuorumAction, opRows, quorumSets } from './selectors';
import { ExperimentPanel } from './ExperimentPanel';
import './quorum.css';

const REPAIR_LABEL: Record<RepairMode, string> = {
  off: 'none',
  async: 'read repair (after answering)',
  blocking: 'write-back before answering',
};

/** The experiment depends only on N, W and R: skipped while the lab plays. */
const Experiment = memo(ExperimentPanel);

/** The replicas and messages: the only part that moves every frame, so it reads the cursor itself. */
function Picture({ lab, title }: { lab: LabInstance<QuorumState>; title: string }) {
  const state = useLab(lab, (s) => s.cursor.state);
  const now = useLab(lab, (s) => s.mechanism.now(s.cursor.state));
  return <ClusterView model={clusterModel(state)} now={now} title={title} />;
}

function Lab(props: LabProps) {
  const lab = useMechanismLab(quorumLabDef, props);
  // The state as of the latest step: settings, tables and results change only at events.
  const state = useStepState(lab);
  const params = useLab(lab, (s) => s.params);
  const off = !lab.hydrated;
  const set = (patch: Partial<QuorumParams>) => {
    const next = { ...params, ...patch };
    lab.reader.setParams({ ...next, w: Math.min(next.w, next.n), r: Math.min(next.r, next.n) });
  };
  const rows = opRows(state);
  const sets = quorumSets(state);
  const strict = params.w + params.r > params.n;
  const replicas = state.nodeIds.filter((id) => state.nodes[id].state.kind === 'replica');
  const clients = CLIENTS.slice(0, params.clients);
  const nums = Array.from({ length: 9 }, (_, i) => i + 1);
  const isolated = replicas[replicas.length - 1];

  const actions = (
    <>
      <fieldset>
        <legend>Quorums</legend>
        {(['n', 'w', 'r'] as const).map((k) => (
          <label key={k} className="lab-field">
            <span>{k === 'n' ? 'N replicas' : k === 'w' ? 'W (write acks)' : 'R (read replies)'}</span>
            <select value={params[k]} disabled={off} onChange={(e) => set({ [k]: Number(e.currentTarget.value) })}>
              {nums.filter((v) => k === 'n' || v <= params.n).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="lab-field">
          <span>Stale replicas</span>
          <select value={params.repair} disabled={off} onChange={(e) => set({ repair: e.currentTarget.value as RepairMode })}>
            {(['off', 'async', 'blocking'] as const).map((m) => (
              <option key={m} value={m}>
                {REPAIR_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="lab-field">
          <span>Clients</span>
          <select value={params.clients} disabled={off} onChange={(e) => set({ clients: Number(e.currentTarget.value) })}>
            {[1, 2, 3].map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {clients.map((c) => (
        <fieldset key={c}>
          <legend>{`Client ${c}`}</legend>
          <button type="button" className="lab-btn" disabled={off || !state.nodes[c]} onClick={() => lab.reader.act({ type: 'q/write', client: c })}>
            Write
          </button>
          <button type="button" className="lab-btn" disabled={off || !state.nodes[c]} onClick={() => lab.reader.act({ type: 'q/read', client: c })}>
            Read
          </button>
        </fieldset>
      ))}
      <fieldset>
        <legend>Failures</legend>
        {replicas.map((r) => {
          const up = state.nodes[r].up;
          return (
            <button key={r} type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: up ? 'node/crash' : 'node/restart', node: r })}>
              {up ? `Crash ${r}` : `Restart ${r}`}
            </button>
          );
        })}
        {replicas.length > 1 && (
          <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'net/partition', groups: [[isolated]] })}>
            {`Isolate ${isolated}`}
          </button>
        )}
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'net/heal' })}>
          Heal network
        </button>
      </fieldset>
    </>
  );

  const verdictTone = rows.some((r) => r.tone === 'bad') ? 'bad' : rows.some((r) => r.tone === 'warn') ? 'warn' : 'ok';
  return (
    <LabFrame
      lab={lab}
      title="Quorum lab: N, W and R"
      caption={props.caption}
      lanes={state.nodeIds}
      describeAction={describeQuorumAction}
      actions={actions}
      stepCaption={quorumCaption(state, lab.store.getState().mechanism.trace(state))}
      picture={<Picture lab={lab} title={`${params.n} replicas, W = ${params.w}, R = ${params.r}`} />}
    >
      <p className="quorum-verdict" data-tone={strict ? 'ok' : 'warn'} data-testid="quorum-rule">
        {strict
          ? `W + R = ${params.w + params.r} > N = ${params.n}: every read quorum shares at least ${params.w + params.r - params.n} replica${params.w + params.r - params.n > 1 ? 's' : ''} with every write quorum, so a read that starts after a write has committed sees it.`
          : `W + R = ${params.w + params.r} ≤ N = ${params.n}: a read quorum can miss every replica that acknowledged a write, so stale reads are possible.`}
      </p>
      <div className="quorum-sets">
        <p className="lab-description" id={`${lab.id}-sets`}>
            {`Replicas now. Underlined blue: the last committed write's quorum${sets.write ? ` (${sets.write.client})` : ''}; underlined amber: the last read's quorum${sets.read ? ` (${sets.read.client})` : ''}; green: in both.`}
          </p>
        <table aria-describedby={`${lab.id}-sets`}>
          <thead>
            <tr>
              <th scope="row">Replica</th>
              {sets.rows.map((r) => (
                <th key={r.node} scope="col">
                  {r.node}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Version</th>
              {sets.rows.map((r) => (
                <td
                  key={r.node}
                  data-down={!r.up}
                  data-in={r.inWrite && r.inRead ? 'both' : r.inWrite ? 'w' : r.inRead ? 'r' : undefined}
                  aria-label={`${r.node}: ${r.version}${r.up ? '' : ', down'}${r.inWrite ? ', in the write quorum' : ''}${r.inRead ? ', in the read quorum' : ''}`}
                >
                  {r.version}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <div className="lab-results">
        <h4 className="lab-results-title">Operations (newest first)</h4>
        {rows.length === 0 ? (
          <p className="lab-description">No operations yet.</p>
        ) : (
          <ul className="lab-result-list" tabIndex={0} aria-label="Operations" data-testid="quorum-ops" data-verdict={verdictTone}>
            {rows.map((r) => (
              <li key={r.id} data-tone={r.tone}>
                {r.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      <Experiment key={`${params.n}-${params.w}-${params.r}`} n={params.n} w={params.w} r={params.r} />
    </LabFrame>
  );
}

/** The QuorumLab MDX component. */
const QuorumLab = labComponent('Quorum lab', Lab);
export default QuorumLab;
