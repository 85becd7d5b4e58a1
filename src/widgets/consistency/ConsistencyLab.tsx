/**
 * ConsistencyLab (Chapter 3): build or generate a history of reads, writes and compare-and-set
 * by several clients, and see which consistency models it satisfies — with a witness order
 * when it does and a minimal violating set when it does not.
 */
import { useEffect, useMemo, useState } from 'react';
import type { GeneratorSettings, ReplicationMode } from '../../sim/consistency';
import { historyOf } from '../../sim/consistency';
import type { HistoryAction, OpFields } from '../../sim/consistency';
import type { Level } from '../../sim/consistency';
import { LabFrame, SelectField, timelineEnd, useLab, useMechanismLab, labComponent, type LabProps } from '../shared';
import { consistencyLabDef } from './definition';
import { consistencyCaption } from './caption';
import { HistoryDiagram } from './HistoryDiagram';
import { OpEditor } from './OpEditor';
import { clientLanes, describeHistoryAction, freshValue, verdicts, violationFor } from './selectors';
import { VerdictPanel } from './VerdictPanel';
import './consistency.css';

const MODE_TEXT: Record<ReplicationMode, string> = {
  leader: 'leader serves everything',
  'local-reads': 'reads at own replica',
  'any-replica': 'reads at any replica',
};

function Lab(props: LabProps) {
  const lab = useMechanismLab(consistencyLabDef, props);
  const state = useLab(lab, (s) => s.cursor.state);
  const end = useLab(lab, (s) => timelineEnd(consistencyLabDef, s));
  const scenarioId = useLab(lab, (s) => s.scenarioId);
  const off = !lab.hydrated;
  const [selected, setSelected] = useState<number | null>(null);
  const [gen, setGen] = useState<GeneratorSettings>({ mode: 'any-replica', clients: 3, opsPerClient: 4, lag: 60, timeoutRate: 0, seed: 1 });
  const history = useMemo(() => historyOf(state), [state.ops, state.init]); // eslint-disable-line react-hooks/exhaustive-deps
  const verdict = useMemo(() => verdicts(history), [history]);
  const firstFailing = verdict.levels.find((l) => l.holds === false)?.level;
  const [shown, setShown] = useState<Level>(firstFailing ?? 'linearizable');
  // A new scenario or a new verdict: show the strongest model's story (its violation, if any).
  useEffect(() => setShown(verdict.levels.find((l) => l.holds === false)?.level ?? 'linearizable'), [verdict]);
  useEffect(() => setSelected(null), [scenarioId]);
  const violation = useMemo(() => violationFor(history, verdict, shown), [history, verdict, shown]);
  const shownLevel = verdict.levels.find((l) => l.level === shown)!;
  const order = useMemo(() => new Map((shownLevel.holds === true ? (shownLevel.order ?? []) : []).map((id, i) => [id, i + 1])), [shownLevel]);
  const lanes = clientLanes(state.ops);
  const selectedOp = state.ops.find((o) => o.id === selected) ?? null;
  const act = (a: HistoryAction) => lab.reader.act(a);
  const lastEnd = state.ops.reduce((m, o) => Math.max(m, o.ret ?? o.call), 0);
  const add = (kind: 'write' | 'read') => {
    const call = lastEnd + 10;
    const op: OpFields = kind === 'write' ? { client: 'c1', kind: 'write', value: freshValue(state.ops), output: null, call, ret: call + 20 } : { client: 'c2', kind: 'read', value: null, output: state.init, call, ret: call + 20 };
    act({ type: 'op/add', op });
    setSelected(state.nextId);
  };
  const setG = (patch: Partial<GeneratorSettings>) => setGen({ ...gen, ...patch });

  const actions = (
    <>
      <fieldset>
        <legend>Build</legend>
        <button type="button" className="lab-btn" disabled={off || state.ops.length >= 40} onClick={() => add('write')}>
          Add write
        </button>
        <button type="button" className="lab-btn" disabled={off || state.ops.length >= 40} onClick={() => add('read')}>
          Add read
        </button>
        <button type="button" className="lab-btn" disabled={off || state.ops.length === 0} onClick={() => act({ type: 'history/clear' })}>
          Clear
        </button>
      </fieldset>
      <OpEditor op={selectedOp} idPrefix={lab.id} disabled={off} onApply={(id, changes) => act({ type: 'op/update', id, changes })} onDelete={(id) => { act({ type: 'op/delete', id }); setSelected(null); }} />
      <fieldset>
        <legend>Generate from a replicated register</legend>
        <SelectField label="Replication" value={gen.mode} options={Object.keys(MODE_TEXT) as ReplicationMode[]} format={(m) => MODE_TEXT[m]} disabled={off} onChange={(mode) => setG({ mode })} />
        <SelectField label="Lag (ms)" value={gen.lag} options={[5, 20, 60, 150]} disabled={off} onChange={(lag) => setG({ lag })} />
        <SelectField label="Clients" value={gen.clients} options={[2, 3, 4, 5]} disabled={off} onChange={(clients) => setG({ clients })} />
        <SelectField label="Timeouts" value={gen.timeoutRate} options={[0, 0.15]} format={(r) => (r === 0 ? 'none' : 'some')} disabled={off} onChange={(timeoutRate) => setG({ timeoutRate })} />
        <button type="button" className="lab-btn" disabled={off} onClick={() => { act({ type: 'history/generate', settings: gen }); setSelected(null); setG({ seed: gen.seed + 1 }); }}>
          {`Generate (seed ${gen.seed})`}
        </button>
      </fieldset>
    </>
  );

  return (
    <LabFrame
      lab={lab}
      title="Consistency lab: which model does this history satisfy?"
      caption={props.caption}
      lanes={lanes}
      spaceTime={false}
      describeAction={describeHistoryAction}
      actions={actions}
      stepCaption={consistencyCaption(state, lab.store.getState().mechanism.trace(state))}
      picture={
        <HistoryDiagram
          ops={state.ops}
          lanes={lanes}
          end={Math.max(end, lastEnd + 20)}
          now={state.now}
          selected={selected}
          order={order}
          violating={new Set(violation ?? [])}
          disabled={off}
          onSelect={setSelected}
          onMove={(id, call, ret) => act({ type: 'op/update', id, changes: { call, ret } })}
          onDelete={(id) => { act({ type: 'op/delete', id }); setSelected(null); }}
        />
      }
    >
      <VerdictPanel history={history} verdict={verdict} shown={shown} violation={violation} disabled={off} onShow={setShown} />
    </LabFrame>
  );
}

/** The ConsistencyLab MDX component. */
const ConsistencyLab = labComponent('Consistency lab', Lab);
export default ConsistencyLab;
