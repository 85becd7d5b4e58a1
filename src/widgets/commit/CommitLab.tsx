/**
 * CommitLab (chapters 12 and 13): a coordinator and 2–5 participants running two-phase or
 * three-phase commit over the simulation kernel. Each node's forced log sits beside it, each
 * participant's lock timer runs while it holds locks, and an in-doubt participant is drawn in the
 * warning colour. The reader crashes, restarts and isolates any node at any moment, forces a
 * heuristic decision, and switches protocol, presumption and termination rule; the atomicity
 * checker (AC1) judges every run. The `commit` experiment runs in a Web Worker.
 */
import { useState, type ReactNode } from 'react';
import { COORDINATOR, commitExperiment, participantsOf, PARTICIPANTS, type CommitParams, type CommitWorld, type CoordinatorState, type ParticipantState } from '../../sim/commit';
import { LabFrame, SelectField, useLab, useMechanismLab, withLabBoundary, type LabInstance, type LabProps } from '../shared';
import { ExperimentPanel, defaultPoolSize } from '../shared/experiment';
import { LivePicture } from '../shared/LivePicture';
import { MotionScope } from '../shared/motion';
import { useStepState } from '../shared/useStepState';
import { commitLabDef } from './definition';
import { CommitPicture } from './CommitPicture';
import { CommitChart } from './CommitChart';
import { cutLinks, describeCommitAction, flights, netGroups, nodeCards, stepCaption, verdict } from './selectors';
import './commit.css';

const makeWorker = () => new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });

type Lab = LabInstance<CommitWorld, CommitParams>;

/** Step forward until `ready` holds (at most 3,000 events), then act; says so if the moment never comes. */
function runToThen(lab: Lab, ready: (s: CommitWorld) => boolean, action: { type: string; [k: string]: unknown }, none: string): void {
  const st = () => lab.store.getState();
  const wasPlaying = st().playing;
  let guard = 0;
  while (!ready(st().cursor.state) && guard++ < 3000) {
    const before = st().cursor.steps;
    if (guard === 1) lab.reader.stepForward();
    else st().stepForward();
    if (st().cursor.steps === before) break;
  }
  if (!ready(st().cursor.state)) {
    lab.store.setState({ announcement: none });
    return;
  }
  lab.reader.act(action);
  if (wasPlaying && !st().playing) st().play();
}

/** 3PC: the pre-commits have just left C (its pre-commit record is on disk, no decision yet). */
function precommitsOut(s: CommitWorld): boolean {
  const c = s.nodes[COORDINATOR];
  const cs = c.state as CoordinatorState;
  return c.up && cs.phase === 'precommitting' && cs.forcing.length === 0;
}

/** C has every vote and is about to decide (forcing its decision, or pre-commit in 3PC). */
function votesIn(s: CommitWorld): boolean {
  const c = s.nodes[COORDINATOR];
  const cs = c.state as CoordinatorState;
  return c.up && cs.forcing.some((f) => f.rec.kind === 'commit' || f.rec.kind === 'abort' || f.rec.kind === 'precommit');
}

function LabView(props: LabProps) {
  const lab = useMechanismLab(commitLabDef, props);
  // The step state for actions and caption (they change at events); the picture reads the moving cursor.
  const state = useStepState(lab);
  const params = useLab(lab, (s) => s.params);
  const off = !lab.hydrated;
  const [target, setTarget] = useState<string>(COORDINATOR);
  const trace = lab.store.getState().mechanism.trace(state);
  const caption = stepCaption(trace, state);
  const nodes = [COORDINATOR, ...participantsOf(params)];
  const node = nodes.includes(target) ? target : COORDINATOR;
  const up = state.nodes[node]?.up ?? true;
  const doubtful = participantsOf(params).filter((p) => {
    const s = state.nodes[p].state as ParticipantState;
    return s.state === 'prepared' || s.state === 'precommitted';
  });
  const [hNode, setHNode] = useState<string>('P2');
  const heurNode = participantsOf(params).includes(hNode) ? hNode : participantsOf(params)[0];
  const set = (patch: Partial<CommitParams>) => lab.reader.setParams({ ...params, ...patch });

  const picture = (
    <MotionScope ready={lab.hydrated}>
      <LivePicture
        lab={lab}
        render={(live) => {
          const cards = nodeCards(live);
          const v = verdict(live);
          return (
            <div className="commit-picture" data-testid="commit-picture" data-lab-part="picture">
              <CommitPicture
                cards={cards}
                flights={flights(live)}
                cut={cutLinks(live)}
                groups={netGroups(live)}
                title={`${params.protocol === '3pc' ? 'Three' : 'Two'}-phase commit: coordinator C and participants ${participantsOf(params).join(', ')}, each with its log and locks, and the messages in flight`}
              />
              <p className="commit-verdict" data-tone={v.tone ?? 'muted'} data-testid="commit-verdict">
                {v.text}
              </p>
              <p className="commit-legend">
                <span className="commit-key" data-state="durable">on disk</span>
                <span className="commit-key" data-state="forcing">being forced</span>
                <span className="commit-key" data-state="buffered">in memory only</span>
              </p>
            </div>
          );
        }}
      />
    </MotionScope>
  );

  const actions: ReactNode = (
    <>
      <fieldset>
        <legend>Protocol</legend>
        <SelectField<string> label="Protocol" value={params.protocol} options={['2pc', '3pc']} format={(x) => (x === '2pc' ? 'Two-phase (2PC)' : 'Three-phase (3PC)')} disabled={off} onChange={(protocol) => set({ protocol: protocol as CommitParams['protocol'] })} />
        <SelectField<number> label="Participants" value={params.participants} options={[2, 3, 4, 5]} disabled={off} onChange={(participants) => set({ participants, no: params.no.filter((x) => PARTICIPANTS.slice(0, participants).includes(x)) })} />
        <SelectField<string>
          label="Votes NO"
          value={params.no[0] ?? 'nobody'}
          options={['nobody', ...participantsOf(params)]}
          disabled={off}
          onChange={(x) => set({ no: x === 'nobody' ? [] : [x] })}
        />
        {params.protocol === '2pc' && (
          <>
            <SelectField<string> label="Presumption" value={params.presumption} options={['nothing', 'abort']} format={(x) => (x === 'nothing' ? 'presumed nothing' : 'presumed abort')} disabled={off} onChange={(x) => set({ presumption: x as CommitParams['presumption'] })} />
            <SelectField<string> label="When in doubt, ask" value={params.termination} options={['wait', 'cooperative']} format={(x) => (x === 'wait' ? 'the coordinator' : 'everyone (cooperative)')} disabled={off} onChange={(x) => set({ termination: x as CommitParams['termination'] })} />
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>Faults</legend>
        <button type="button" className="lab-btn" disabled={off || !state.nodes[COORDINATOR].up} onClick={() => runToThen(lab, votesIn, { type: 'node/crash', node: COORDINATOR }, 'C never got every vote: nothing to crash into.')}>
          Crash C once the votes are in
        </button>
        {params.protocol === '3pc' && (
          <button
            type="button"
            className="lab-btn"
            disabled={off}
            onClick={() =>
              runToThen(lab, precommitsOut, { type: 'net/partition', groups: [[COORDINATOR, 'P1'], participantsOf(params).slice(1)] }, 'C never sent its pre-commits: nothing to split.')
            }
          >
            Split C, P1 from the rest while pre-commits are in flight
          </button>
        )}
        <SelectField<string> label="Node" value={node} options={nodes} disabled={off} onChange={setTarget} />
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: up ? 'node/crash' : 'node/restart', node })}>
          {up ? `Crash ${node}` : `Restart ${node}`}
        </button>
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'net/partition', groups: [[node], nodes.filter((x) => x !== node)] })}>
          {`Isolate ${node}`}
        </button>
        <button type="button" className="lab-btn" disabled={off} onClick={() => lab.reader.act({ type: 'net/heal' })}>
          Heal the network
        </button>
      </fieldset>
      <fieldset>
        <legend>Operator</legend>
        <SelectField<string> label="Participant" value={heurNode} options={participantsOf(params)} disabled={off} onChange={setHNode} />
        <button type="button" className="lab-btn" disabled={off || !doubtful.includes(heurNode)} onClick={() => lab.reader.act({ type: 'commit/heuristic', node: heurNode, decision: 'abort' })}>
          {`Force ${heurNode} to abort`}
        </button>
        <button type="button" className="lab-btn" disabled={off || !doubtful.includes(heurNode)} onClick={() => lab.reader.act({ type: 'commit/heuristic', node: heurNode, decision: 'commit' })}>
          {`Force ${heurNode} to commit`}
        </button>
      </fieldset>
    </>
  );

  return (
    <LabFrame lab={lab} title="Commit lab: two- and three-phase commit" caption={props.caption} lanes={state.nodeIds} describeAction={describeCommitAction} actions={actions} picture={picture} stepCaption={caption} stepCaptionTestId="commit-caption">
      {props.experiments && (
        <ExperimentPanel
          experiment={commitExperiment}
          makeWorker={typeof Worker === 'undefined' ? null : makeWorker}
          pool={defaultPoolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency)}
          intro="Two tables from the same core. First, the coordinator crashes once in the first 60 ms of the protocol and stays down for each downtime; nothing else fails. Second, random crashes of any node and random partitions. Every run lasts until two seconds after the last fault."
          labels={{ trials: 'Random-fault runs per protocol', downtimeTrials: 'Runs per downtime', downtimes: 'Downtimes (ms)', partition: 'Chance of a partition', participants: 'Participants', blockedMs: 'Blocked above (ms)', seed: 'Seed' }}
          unitName="chunks"
          describe={(out) => {
            const r = out.results.random;
            const two = r.find((x) => x.protocol === '2pc');
            const three = r.find((x) => x.protocol === '3pc');
            return `Done. AC1 violations: 2PC ${two?.violations ?? 0}, 3PC ${three?.violations ?? 0} of ${two?.trials ?? 0} runs each.`;
          }}
          render={(out) => <CommitChart result={out.results} />}
        />
      )}
    </LabFrame>
  );
}

export default withLabBoundary('Commit lab', LabView);
