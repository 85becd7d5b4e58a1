/**
 * RaftLab (Chapter 3): Raft (Ongaro & Ousterhout 2014) on 3–9 servers. The reader crashes,
 * restarts and times out servers, partitions the network, drops messages and sends client
 * requests, watches terms, timers, logs, commit indices and the leader's nextIndex/matchIndex,
 * and sees the four safety properties checked live. A switch turns on the broken commit rule
 * that Figure 8 of the paper warns against. Experiments run in a Web Worker; only the instance
 * given `experiments` shows them, so a chapter with several Raft labs has one panel, not three.
 */
import { useMemo, useState } from 'react';
import type { LogEntry, NodeId, Tagged } from '../../sim/core';
import { raft } from '../../sim/raft';
import { SeekableRun } from '../../sim/core';
import type { RaftAction, RaftParams } from '../../sim/raft';
import { partitioned } from '../../sim/raft';
import { LabFrame, SelectField, cursorTime, timelineEnd, useLab, useMechanismLab, labComponent, type LabInstance, type LabProps } from '../shared';
import { raftLabDef } from './definition';
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

function Lab(props: LabProps) {
  const lab = useMechanismLab(raftLabDef, props);
  const state = useLab(lab, (s) => s.cursor.state);
  const params = useLab(lab, (s) => s.params);
  const seed = useLab(lab, (s) => s.seed);
  const log = useLab(lab, (s) => s.log);
  const end = useLab(lab, (s) => timelineEnd(raftLabDef, s));
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
  const flights = flightViews(state);
  const ids = state.world.nodeIds;

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
      picture={
        <div className="raft-picture">
          <div className="raft-picture-cluster">
            <RaftCluster
              state={state}
              selected={target.id}
              onSelect={setSelected}
              pickedMsg={pickedMsg}
              onPickMsg={(id) => setPickedMsg((p) => (p === id ? null : id))}
              interactive={!off}
            />
            {pickedMsg !== null ? (
              <MessageDetails
                id={pickedMsg}
                flight={flights.find((f) => f.id === pickedMsg) ?? null}
                interactive={!off}
                onDrop={(msgId) => act({ type: 'net/drop', msgId })}
                onClose={() => setPickedMsg(null)}
              />
            ) : (
              <p className="raft-legend-text">
                {`Ring: election timer. ● request, ■ reply; amber votes, blue appends. ${flights.length} in flight: click one for details or to drop it.`}
              </p>
            )}
          </div>
          <div className="raft-picture-side">
            <LogGrid state={state} />
            <InvariantPanel state={state} firstInRun={firstInRun} onJump={(v) => lab.reader.seekTime(v.t)} interactive={!off} />
          </div>
        </div>
      }
    >
      <RaftDiagram lab={lab} lanes={ids} />
      {props.experiments === true && <RaftExperiments interactive={!off} />}
    </LabFrame>
  );
}

type RaftRunLog = readonly LogEntry<RaftAction>[];

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
