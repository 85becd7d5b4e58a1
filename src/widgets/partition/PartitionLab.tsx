/**
 * PartitionLab (Chapter 1, CAP): a replicated register on 3–5 replicas with clients attached
 * to different replicas. The reader picks CP or AP, cuts and heals the network, writes and
 * reads, and sees refused requests, stale reads and lost or conflicting writes marked.
 */
import { ClusterView, LabFrame, ResultList, SelectField, useLab, useMechanismLab, labComponent, type LabProps } from '../shared';
import { clientsOf, partitionGroups, type PartitionParams } from '../../sim/partition';
import { LivePicture } from '../shared/LivePicture';
import { useStepState } from '../shared/useStepState';
import { partitionLabDef } from './definition';
import { partitionCaption } from './caption';
import { clusterModel, describePartitionAction, nextValue, opRows, partitionPresets } from './selectors';

function Lab(props: LabProps) {
  const lab = useMechanismLab(partitionLabDef, props);
  // The step state: actions, caption and results change only at events; the picture moves per frame.
  const state = useStepState(lab);
  const params = useLab(lab, (s) => s.params);
  const off = !lab.hydrated;
  const set = (patch: Partial<PartitionParams>) => lab.reader.setParams({ ...params, ...patch });
  const rows = opRows(state);

  const actions = (
    <>
      <fieldset>
        <legend>Choose when partitioned</legend>
        {(['CP', 'AP'] as const).map((m) => (
          <button key={m} type="button" className="lab-btn" aria-pressed={params.mode === m} disabled={off} onClick={() => set({ mode: m })}>
            {m === 'CP' ? 'CP: consistency' : 'AP: availability'}
          </button>
        ))}
        {params.mode === 'AP' && (
          <label className="lab-field">
            <span>On heal</span>
            <select value={params.merge} disabled={off} onChange={(e) => set({ merge: e.currentTarget.value as PartitionParams['merge'] })}>
              <option value="lww">last writer wins</option>
              <option value="siblings">keep both versions</option>
            </select>
          </label>
        )}
        <SelectField label="Replicas" value={params.nodes} options={[3, 4, 5]} disabled={off} onChange={(n) => set({ nodes: n })} />
      </fieldset>
      <fieldset>
        <legend>Network</legend>
        {partitionPresets(state).map((p) => (
          <button key={p.label} type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'net/partition', groups: p.groups })}>
            {p.label}
          </button>
        ))}
        <button type="button" className="lab-btn" disabled={off || !partitionGroups(state)} onClick={() => lab.reader.act({ type: 'net/heal' })}>
          Heal
        </button>
      </fieldset>
      {clientsOf(state).map((c) => (
        <fieldset key={c.id}>
          <legend>{`Client ${c.id} (talks to ${c.node})`}</legend>
          <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'client/write', client: c.id, value: nextValue(state) })}>
            {`Write ${nextValue(state)}`}
          </button>
          <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'client/read', client: c.id })}>
            Read
          </button>
        </fieldset>
      ))}
    </>
  );

  return (
    <LabFrame
      lab={lab}
      title="Partition lab: consistency or availability?"
      caption={props.caption}
      lanes={state.nodeIds}
      describeAction={describePartitionAction}
      actions={actions}
      stepCaption={partitionCaption(state, lab.store.getState().mechanism.trace(state))}
      picture={<LivePicture lab={lab} render={(live, now) => <ClusterView model={clusterModel(live)} now={now} title={`Replicated register in ${params.mode} mode`} />} />}
    >
      <div className="lab-results">
        <ResultList title="Client requests (newest first)" rows={rows} empty="No requests yet." />
      </div>
    </LabFrame>
  );
}

/** The PartitionLab MDX component. */
const PartitionLab = labComponent('Partition lab', Lab);
export default PartitionLab;
