/**
 * ClockLab (Chapter 2): nodes with skewed, drifting physical clocks exchange messages and
 * replicate writes; every event carries wall-clock, Lamport, vector and hybrid logical stamps.
 * The reader injects NTP steps and slews, a bad NTP server or a leap second, watches last-writer-
 * wins lose a write to skew, and picks two events to see what each clock can tell about them.
 */
import { useEffect, useMemo, useState } from 'react';
import { clockEvents, clockNodeIds, clockWrites } from '../../sim/clocks';
import { findClockScenario } from '../../sim/clocks';
import type { ClockCommand } from '../../sim/clocks';
import { LabFrame, ResultList, SelectField, timelineEnd, useLab, useMechanismLab, labComponent, type LabProps } from '../shared';
import { clockLabDef } from './definition';
import { clockCaption } from './caption';
import { ClockDiagram } from './ClockDiagram';
import { ComparePanel, compareSentence } from './ComparePanel';
import { describeClockAction, nodeRows, STAMP_LABELS, writeRows, type StampMode } from './selectors';
import './clocks.css';

/** The clock whose stamps each scenario shows first. */
const DEFAULT_MODE: Record<string, StampMode> = {
  'lww-loses-write': 'physical',
  'lamport-cannot-see-concurrency': 'lamport',
  'vector-detects-conflict': 'vector',
  'hlc-tracks-physical-time': 'hlc',
  'ntp-steps-backwards': 'physical',
};

function Lab(props: LabProps) {
  const lab = useMechanismLab(clockLabDef, props);
  const state = useLab(lab, (s) => s.cursor.state);
  const scenarioId = useLab(lab, (s) => s.scenarioId);
  const end = useLab(lab, (s) => timelineEnd(clockLabDef, s));
  const scenario = findClockScenario(scenarioId);
  const [mode, setMode] = useState<StampMode>(DEFAULT_MODE[scenarioId] ?? 'lamport');
  const [pick, setPick] = useState<[number | null, number | null]>(scenario ? [...scenario.compare] : [null, null]);
  const [said, setSaid] = useState('');
  const [actor, setActor] = useState('A');
  const [target, setTarget] = useState('B');
  const [serverError, setServerError] = useState('0');
  const [offset, setOffset] = useState('0');
  const [drift, setDrift] = useState('0');
  const off = !lab.hydrated;
  const nodes = clockNodeIds(state);
  const events = clockEvents(state);

  // A new scenario brings its own pair of events and its natural clock.
  useEffect(() => {
    const sc = findClockScenario(scenarioId);
    setPick(sc ? [...sc.compare] : [null, null]);
    setMode(DEFAULT_MODE[scenarioId] ?? 'lamport');
  }, [scenarioId]);

  const a = pick[0] !== null && pick[0] < events.length ? pick[0] : null;
  const b = pick[1] !== null && pick[1] < events.length ? pick[1] : null;
  const choose = (slot: 0 | 1, id: number | null) => {
    const next: [number | null, number | null] = slot === 0 ? [id, pick[1]] : [pick[0], id];
    setPick(next);
    if (next[0] !== null && next[1] !== null && next[0] < events.length && next[1] < events.length) setSaid(compareSentence(state, next[0], next[1]));
  };
  // Clicking events fills a, then b, then starts over at a.
  const onPick = (id: number) => {
    if (a === null) choose(0, id);
    else if (b === null) choose(1, id);
    else setPick([id, null]);
  };

  const act = (x: ClockCommand) => lab.reader.act(x);
  const nextValue = String(clockWrites(state).length + 1);
  const rows = useMemo(() => nodeRows(state), [state]);
  const writes = useMemo(() => writeRows(state), [state]);
  const num = (t: string) => (t.trim() === '' || !Number.isFinite(Number(t)) ? null : Number(t));

  const actions = (
    <>
      <fieldset>
        <legend>Events</legend>
        <SelectField label="At node" value={actor} options={nodes} disabled={off} onChange={setActor} />
        <button type="button" className="lab-btn" disabled={off} onClick={() => act({ type: 'local', node: actor })}>
          Local event
        </button>
        <button type="button" className="lab-btn" disabled={off} onClick={() => act({ type: 'write', node: actor, value: nextValue })}>
          {`Write x = ${nextValue}`}
        </button>
        <SelectField label="to" value={target} options={nodes} disabled={off} onChange={setTarget} />
        <button type="button" className="lab-btn" disabled={off || target === actor} onClick={() => act({ type: 'send', from: actor, to: target })}>
          Send message
        </button>
      </fieldset>
      <fieldset>
        <legend>{`${actor}’s physical clock`}</legend>
        <label className="lab-field">
          <span>NTP server error (ms)</span>
          <input className="clock-num" inputMode="numeric" value={serverError} disabled={off} onChange={(e) => setServerError(e.currentTarget.value)} aria-describedby={`${lab.id}-ntp-hint`} />
        </label>
        <span id={`${lab.id}-ntp-hint`} className="clock-hint">0 is a good server; anything else is a bad one.</span>
        <button type="button" className="lab-btn" disabled={off || num(serverError) === null} onClick={() => act({ type: 'ntp/sync', node: actor, mode: 'step', serverErrorMs: num(serverError) ?? 0 })}>
          NTP step
        </button>
        <button type="button" className="lab-btn" disabled={off || num(serverError) === null} onClick={() => act({ type: 'ntp/sync', node: actor, mode: 'slew', serverErrorMs: num(serverError) ?? 0 })}>
          NTP slew
        </button>
        <button type="button" className="lab-btn" disabled={off} onClick={() => act({ type: 'leap', node: actor })}>
          Leap second
        </button>
        <label className="lab-field">
          <span>Offset (ms)</span>
          <input className="clock-num" inputMode="numeric" value={offset} disabled={off} onChange={(e) => setOffset(e.currentTarget.value)} />
        </label>
        <label className="lab-field">
          <span>Drift (ppm)</span>
          <input className="clock-num" inputMode="numeric" value={drift} disabled={off} onChange={(e) => setDrift(e.currentTarget.value)} />
        </label>
        <button type="button" className="lab-btn" disabled={off || num(offset) === null || num(drift) === null} onClick={() => act({ type: 'clock/set', node: actor, offsetMs: num(offset) ?? 0, driftPpm: num(drift) ?? 0 })}>
          Set clock
        </button>
      </fieldset>
      <fieldset>
        <legend>Stamps in the diagram</legend>
        {(Object.keys(STAMP_LABELS) as StampMode[]).map((m) => (
          <button key={m} type="button" className="lab-btn" aria-pressed={mode === m} disabled={off} onClick={() => setMode(m)}>
            {STAMP_LABELS[m]}
          </button>
        ))}
      </fieldset>
    </>
  );

  return (
    <LabFrame
      lab={lab}
      title="Clock lab: physical, Lamport, vector and hybrid clocks"
      caption={props.caption}
      lanes={nodes}
      spaceTime={false}
      describeAction={describeClockAction}
      actions={actions}
      stepCaption={clockCaption(state, lab.store.getState().mechanism.trace(state))}
      picture={<ClockDiagram state={state} mode={mode} end={end} selected={[a, b]} disabled={off} onPick={onPick} />}
    >
      <ComparePanel state={state} a={a} b={b} disabled={off} onChange={choose} />
      <div className="lab-results">
        <h4 className="lab-results-title">{`Clocks now (true time ${Math.round(state.world.now)} ms)`}</h4>
        <div className="lab-table-wrap" role="region" aria-label="Each node's clocks now" tabIndex={0}>
          <table className="lab-table">
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Wall clock</th>
                <th scope="col">Error</th>
                <th scope="col">Drift</th>
                <th scope="col">Lamport</th>
                <th scope="col">Vector</th>
                <th scope="col">HLC</th>
                <th scope="col">x (LWW)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.id}</th>
                  <td>{r.reads}</td>
                  <td>{`${r.error >= 0 ? '+' : ''}${r.error} ms${r.slewing ? ' (slewing)' : ''}`}</td>
                  <td>{`${r.driftPpm} ppm`}</td>
                  <td>{r.lamport}</td>
                  <td>{r.vector}</td>
                  <td>{r.hlc}</td>
                  <td>{r.stored}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ResultList title="Writes to x, resolved last-writer-wins by wall-clock timestamp" rows={writes} empty="No writes yet." />
      </div>
      <p className="lab-live" aria-live="polite" aria-atomic="true">
        {said}
      </p>
    </LabFrame>
  );
}

/** The ClockLab MDX component. */
const ClockLab = labComponent('Clock lab', Lab);
export default ClockLab;
