/**
 * The checker's answer for every model, strongest first: holds, fails or undecided, why, and
 * a button to overlay the witness (when it holds) or the minimal violating set (when it fails).
 */
import type { Classification } from '../../sim/consistency';
import type { Level } from '../../sim/consistency';
import type { History } from '../../sim/consistency';
import { LEVEL_NAMES, orderText } from './selectors';

/** Props for the panel. */
export interface VerdictPanelProps {
  history: History;
  verdict: Classification;
  shown: Level;
  violation: readonly number[] | null;
  disabled: boolean;
  onShow(level: Level): void;
}

/** The panel. */
export function VerdictPanel({ history, verdict, shown, violation, disabled, onShow }: VerdictPanelProps) {
  const strongest = verdict.strongest;
  const current = verdict.levels.find((l) => l.level === shown)!;
  return (
    <div className="cons-verdict">
      <h4 className="lab-results-title">
        {history.ops.length === 0 ? 'Empty history' : strongest === 'none' ? 'Not even eventually consistent' : `Strongest model: ${LEVEL_NAMES[strongest]}`}
      </h4>
      <div className="lab-table-wrap" role="region" aria-label="Verdict for each consistency model" tabIndex={0}>
        <table className="lab-table cons-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Holds?</th>
              <th scope="col">Show</th>
            </tr>
          </thead>
          <tbody>
            {verdict.levels.map((l) => (
              <tr key={l.level} data-tone={l.holds === true ? 'ok' : l.holds === false ? 'bad' : 'warn'}>
                <th scope="row">{LEVEL_NAMES[l.level]}</th>
                <td>{l.holds === true ? 'yes' : l.holds === false ? 'no' : 'undecided'}</td>
                <td>
                  <button type="button" className="lab-btn" aria-pressed={shown === l.level} disabled={disabled} onClick={() => onShow(l.level)}>
                    {l.holds === true ? 'witness' : l.holds === false ? 'violation' : 'details'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="cons-detail">
        <p>
          <strong>{`${LEVEL_NAMES[shown]}: ${current.holds === true ? 'yes' : current.holds === false ? 'no' : 'undecided'}. `}</strong>
          {current.reason}.
        </p>
        {current.holds === true && current.order && <p className="cons-order-text">{`One order that works: ${orderText(history, current.order)}`}</p>}
        {current.holds === true && current.views && (
          <ul className="lab-result-list" tabIndex={0} aria-label="What each client sees">
            {[...current.views].map(([client, ids]) => (
              <li key={client}>{`${client} sees: ${orderText(history, ids)}`}</li>
            ))}
          </ul>
        )}
        {current.holds === false && violation && (
          <p className="cons-violation-text">{`Minimal violating set (${violation.length} operations; remove any one and the rest satisfies the model): ${orderText(history, [...violation].sort((a, b) => a - b))}`}</p>
        )}
      </div>
    </div>
  );
}
