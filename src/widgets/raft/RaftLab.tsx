/**
 * RaftLab (Chapter 3): Raft (Ongaro & Ousterhout 2014) on 3–9 servers. The reader crashes,
 * restarts and times out servers, partitions the network, drops messages and sends client
 * requests, watches terms, timers, logs, commit indices and the leader's nextIndex/matchIndex,
 * and sees the four safety properties checked live. A switch turns on the broken commit rule
 * that Figure 8 of the paper warns against. Experiments run in a Web Worker; only the instance
 * given `experiments` shows them, so a chapter with several Raft labs has one panel, not three.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import type { LogEntry, NodeId, Tagged } from '../../sim/core';
import { raft } from '../../sim/raft';
import { SeekableRun } from '../../sim/core';
import type { RaftAction, RaftParams, RaftState } from '../../sim/raft';
import { partitioned } from '../../sim/raft';
import { LabFrame, SelectField, cursorTime, timelineEnd, useLab, useMechanismLab, labComponent, type LabInstance, type LabProps } from '../shared';
import { MotionScope } from '../shared/motion';
import { useStepState } from '../shared/useStepState';
import { raftLabDef } from './definition';
import { raftCaption } from './caption';
import { InvariantPanel } from './InvariantPanel';
import { LogGrid } from './LogGrid';
import { RaftCluster } from './RaftCluster';
import { MessageDetails } from './MessageDetails';
import { RaftExperiments } from './RaftExperiments';
import { RaftTimeline } from './RaftTimeline';
import { describeRaftAction, flightViews, partitionPresets, servers } from './selectors';
import './raft.css';

const TIMEOUT_PRESETS: { label: string; min: number; max: number }[] = [
  { label: '150–300 ms', min: 150, max: 300 },
  { label: '150–200 ms', min: 150, max: 200 },
  { label: '150–155 ms', min: 150, max: 155 },
  { label: '150–150 ms (no randomness)', min: 150, max: 150 },
];

/** The experiments panel never depends on the run, so it is skipped while the lab plays. */
const Experiments = memo(RaftExperiments);
/** Same for the checks: they change only when a step does (they get the step state). */
const Checks = memo(InvariantPanel);

function Lab(props: LabProps) {
  const lab = useMechanismLab(raftLabDef, props);
  // The state as of the latest step: this component (actions, logs, checks) re-renders at events,
  // not every frame; the cluster picture and the diagram read the moving cursor themselves.
  const state = useStepState(lab);
  const params = useLab(lab, (s) => s.params);
  const seed = useLab(lab, (s) => s.seed);
  const log = useLab(lab, (s) => s.log);
  // Past the scenario's end the timeline grows with the cursor every frame (open-ended runs); the
  // look-ahead for violations is rounded up to 250 ms so it is not replayed every frame.
  const end = useLab(lab, (s) => Math.ceil(timelineEnd(raftLabDef, s) / 250) * 250);
  const [selected, setSelected] = useState<NodeId>('S1');
  const [pickedMsg, setPickedMsg] = useState<number | null>(null);
  const off = !lab.hydrated;
  const act = (a: RaftAction) => lab.reader.act(a);
  const set = (patch: Partial<RaftParams>) => lab.reader.setParams({ ...params, ...patch });

  // Violations anywhere in the run (also after the cursor), so the reader can jump to the first one.
  // One seekable run per (seed, params), its log kept current: stepping past the timeline's end grows
  // `end` every step, and a fresh replay to `end` made each step cost the whole run (issue 20).
  const wholeRun = useMemo(() => new SeekableRun(raft, { mechanism: 'raft', seed, params, log: [] }), [seed, params]);
  const firstInRun = useMemo(() => {
    wholeRun.setLog(log as RaftRunLog);
    return wholeRun.stateAt(end).monitor.violations[0] ?? null;
  }, [wholeRun, log, end]);

  const all = servers(state);
  const target = all.find((s) => s.id === selected) ?? all[0];
  const ids = state.world.nodeIds;
  const { seekTime } = lab.reader;
  const onJump = useCallback((v: { t: number }) => seekTime(v.t), [seekTime]);

  const actions = (
    <>
      <fieldset>
        <legend>{`Server ${target.id} (${target.up ? target.role : 'down'}, term ${target.currentTerm})`}</legend>
        <SelectField label="Act on" value={target.id} options={ids} disabled={off} onChange={setSelected} />
        <button type="button" className="lab-btn" disabled={off || !target.up} onClick={() => act({ type: 'node/crash', node: target.id })}>
          Crash
        </button>
        <button type="button" className="lab-btn" disabled={off || target.up} onClick={() => act({ type: 'node/restart', node: target.id })}>
          Restart
        </button>
        <button
          type="button"
          className="lab-btn"
          disabled={off || !target.up || target.role === 'leader'}
          onClick={() => act({ type: 'raft/timeout', node: target.id })}
        >
          Time out
        </button>
        <button
          type="button"
          className="lab-btn"
          disabled={off}
          onClick={() => act({ type: 'net/partition', groups: [[target.id], ids.filter((i) => i !== target.id)] })}
        >
          Isolate
        </button>
      </fieldset>
      <fieldset>
        <legend>Client</legend>
        <button type="button" className="lab-btn" disabled={off} onClick={() => act({ type: 'raft/request' })}>
          Send request to the leader
        </button>
        <button type="button" className="lab-btn" disabled={off || !target.up || target.role !== 'leader'} onClick={() => act({ type: 'raft/request', node: target.id })}>
          {`Send to ${target.id}`}
        </button>
      </fieldset>
      <fieldset>
        <legend>Network</legend>
        {partitionPresets(state).map((p) => (
          <button key={p.label} type="button" className="lab-btn" disabled={off} onClick={() => act({ type: 'net/partition', groups: p.groups })}>
            {p.label}
          </button>
        ))}
        <button type="button" className="lab-btn" disabled={off || !partitioned(state.world)} onClick={() => act({ type: 'net/heal' })}>
          Heal
        </button>
      </fieldset>
      <fieldset>
        <legend>Settings (restart the run)</legend>
        <SelectField label="Servers" value={params.servers} options={[3, 4, 5, 6, 7, 8, 9]} disabled={off} onChange={(servers) => set({ servers })} />
        <label className="lab-field">
          <span>Election timeout</span>
          <select
            value={`${params.electionMin}-${params.electionMax}`}
            disabled={off}
            onChange={(e) => {
              const p = TIMEOUT_PRESETS.find((x) => `${x.min}-${x.max}` === e.currentTarget.value);
              if (p) set({ electionMin: p.min, electionMax: p.max });
            }}
          >
            {!TIMEOUT_PRESETS.some((x) => x.min === params.electionMin && x.max === params.electionMax) && (
              <option value={`${params.electionMin}-${params.electionMax}`}>{`${params.electionMin}–${params.electionMax} ms (scenario)`}</option>
            )}
            {TIMEOUT_PRESETS.map((x) => (
              <option key={x.label} value={`${x.min}-${x.max}`}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <label className="lab-field raft-broken">
          <input type="checkbox" checked={params.brokenCommit} disabled={off} onChange={(e) => set({ brokenCommit: e.currentTarget.checked })} />
          <span>Broken rule: commit old-term entries by counting replicas</span>
        </label>
      </fieldset>
    </>
  );

  return (
    <LabFrame
      lab={lab}
      title="Raft lab: elections, replication and safety"
      caption={props.caption}
      lanes={ids}
      describeAction={(a: Tagged) => describeRaftAction(a as RaftAction)}
      actions={actions}
      spaceTime={false}
      stepCaption={raftCaption(state, lab.store.getState().mechanism.trace(state))}
      picture={
        <MotionScope ready={lab.hydrated}>
          <div className="raft-picture">
            <RaftPicture lab={lab} selected={target.id} onSelect={setSelected} pickedMsg={pickedMsg} setPickedMsg={setPickedMsg} interactive={!off} />
            <div className="raft-picture-side">
              <LogGrid state={state} />
              <Checks state={state} firstInRun={firstInRun} onJump={onJump} interactive={!off} />
            </div>
          </div>
        </MotionScope>
      }
    >
      <RaftDiagram lab={lab} lanes={ids} />
      {props.experiments === true && <Experiments interactive={!off} />}
    </LabFrame>
  );
}

type RaftRunLog = readonly LogEntry<RaftAction>[];

/** Props for the moving part of the picture. */
interface RaftPictureProps {
  lab: LabInstance<RaftState>;
  selected: NodeId;
  onSelect(id: NodeId): void;
  pickedMsg: number | null;
  setPickedMsg(f: (p: number | null) => number | null): void;
  interactive: boolean;
}

/**
 * The cluster and its messages: the part that moves every frame (glyphs and timers are placed by
 * simulation time), so it reads the cursor's state itself and the rest of the lab need not re-render.
 */
function RaftPicture({ lab, selected, onSelect, pickedMsg, setPickedMsg, interactive }: RaftPictureProps) {
  const state = useLab(lab, (s) => s.cursor.state);
  const flights = flightViews(state);
  const act = (a: RaftAction) => lab.reader.act(a);
  return (
    <div className="raft-picture-cluster">
      <RaftCluster
        state={state}
        selected={selected}
        onSelect={onSelect}
        pickedMsg={pickedMsg}
        onPickMsg={(id) => setPickedMsg((p) => (p === id ? null : id))}
        interactive={interactive}
      />
      {pickedMsg !== null ? (
        <MessageDetails
          id={pickedMsg}
          flight={flights.find((f) => f.id === pickedMsg) ?? null}
          interactive={interactive}
          onDrop={(msgId) => act({ type: 'net/drop', msgId })}
          onClose={() => setPickedMsg(() => null)}
        />
      ) : (
        <p className="raft-legend-text">
          {`Ring: election timer. ● request, ■ reply; amber votes, blue appends. ${flights.length} in flight: click one for details or to drop it.`}
        </p>
      )}
    </div>
  );
}

/** The lab's own space-time diagram (filterable, zoomable), read from the store. */
function RaftDiagram({ lab, lanes }: { lab: LabInstance; lanes: readonly NodeId[] }) {
  const state = useLab(lab, (s) => s.cursor.state);
  const mech = useLab(lab, (s) => s.mechanism);
  const now = useLab(lab, cursorTime);
  const end = useLab(lab, (s) => timelineEnd(lab.def, s));
  return (
    <div data-lab-part="diagram">
      <RaftTimeline trace={mech.trace(state)} lanes={lanes} now={now} end={end} />
    </div>
  );
}

/** The RaftLab MDX component. */
const RaftLab = labComponent('Raft lab', Lab);
export default RaftLab;
