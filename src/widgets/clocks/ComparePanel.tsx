/**
 * "Which came first?" for two picked events: the true causal relation and what each clock can
 * say about it, with the reason. The table is the text version of the comparison.
 */
import { compareEvents, type ClockVerdict, type Relation } from '../../sim/clocks';
import { clockEvents } from '../../sim/clocks';
import type { ClockState } from '../../sim/clocks';
import { describeEvent } from './selectors';

/** Props for the panel. */
export interface ComparePanelProps {
  state: ClockState;
  a: number | null;
  b: number | null;
  disabled: boolean;
  onChange(slot: 0 | 1, id: number | null): void;
}

const REL: Record<Relation | 'cannot-tell', string> = {
  before: 'a happened before b',
  after: 'b happened before a',
  concurrent: 'concurrent',
  same: 'the same event',
  'cannot-tell': 'cannot tell',
};

/** One-line summary of a comparison, for the live region. */
export function compareSentence(state: ClockState, a: number, b: number): string {
  const c = compareEvents(clockEvents(state), a, b);
  const wrong = (['physical', 'lamport', 'vector', 'hlc'] as const).filter((k) => !c[k].correct);
  return `e${a} vs e${b}: truly ${REL[c.truth]}. Vector clocks say ${REL[c.vector.says]}; Lamport: ${REL[c.lamport.says]}; HLC: ${REL[c.hlc.says]}; wall clock: ${REL[c.physical.says]}${wrong.length ? ` (wrong: ${wrong.join(', ')})` : ''}.`;
}

function Row({ name, v }: { name: string; v: ClockVerdict }) {
  const tone = !v.correct ? 'bad' : v.says === 'cannot-tell' ? 'warn' : 'ok';
  return (
    <tr data-tone={tone}>
      <th scope="row">{name}</th>
      <td>
        {REL[v.says]}
        {!v.correct && <strong className="clock-wrong"> — wrong</strong>}
      </td>
      <td className="clock-why">{v.explain}</td>
    </tr>
  );
}

/** The comparison picker and verdict table. */
export function ComparePanel({ state, a, b, disabled, onChange }: ComparePanelProps) {
  const ev = clockEvents(state);
  const picker = (slot: 0 | 1, value: number | null) => (
    <label className="lab-field clock-picker">
      <span>{slot === 0 ? 'Event a' : 'Event b'}</span>
      <select value={value ?? ''} disabled={disabled || ev.length === 0} onChange={(e) => onChange(slot, e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}>
        <option value="">{ev.length === 0 ? 'no events yet' : 'pick an event'}</option>
        {ev.map((e) => (
          <option key={e.id} value={e.id}>
            {describeEvent(e, state).split(' — ')[0]}
          </option>
        ))}
      </select>
    </label>
  );
  const ready = a !== null && b !== null && a < ev.length && b < ev.length;
  const c = ready ? compareEvents(ev, a, b) : null;
  return (
    <div className="clock-compare">
      <h4 className="lab-results-title">Which came first?</h4>
      <div className="clock-pickers">
        {picker(0, a)}
        {picker(1, b)}
      </div>
      {!c ? (
        <p className="lab-description">Pick two events — click them in the diagram, or choose them here — to see what each clock can tell about their order.</p>
      ) : (
        <div className="lab-table-wrap" role="region" aria-label="Comparison by each clock" tabIndex={0}>
          <table className="lab-table clock-table">
            <caption>
              {`e${a} and e${b}: in truth, ${REL[c.truth]} (from the messages actually sent).`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Clock</th>
                <th scope="col">Says</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              <Row name="Wall clock" v={c.physical} />
              <Row name="Lamport" v={c.lamport} />
              <Row name="Vector" v={c.vector} />
              <Row name="HLC" v={c.hlc} />
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
