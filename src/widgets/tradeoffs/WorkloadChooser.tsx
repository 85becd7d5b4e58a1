/**
 * Chapter 10's "choose your workload" table: native selects for five workload traits filter a table of
 * replication and storage strategies. It renders the full table on the server (all traits "any"), so the
 * page reads without JavaScript; the selects then narrow it, and a polite live region says how many match.
 */
import { useId, useMemo, useState } from 'react';
import {
  explainEmpty,
  filterStrategies,
  LABELS,
  parseWorkload,
  STRATEGIES,
  TRAITS,
  traitSummary,
  type Workload,
} from './strategies';
import './WorkloadChooser.css';

/** Props: optional preset traits (validated; invalid values are reported and replaced by "any"). */
export interface WorkloadChooserProps {
  consistency?: string;
  writeVolume?: string;
  geography?: string;
  access?: string;
  loss?: string;
  caption?: string;
}

/** The sentence the live region announces for a result. */
export function matchAnnouncement(count: number, total: number): string {
  if (count === 0) return 'No strategies match.';
  if (count === total) return `All ${total} strategies match.`;
  return `${count} of ${total} ${count === 1 ? 'strategy matches' : 'strategies match'}.`;
}

function Chooser(props: WorkloadChooserProps) {
  const parsed = useMemo(() => parseWorkload({ ...props }), [props]);
  const [workload, setWorkload] = useState<Workload>(parsed.workload);
  const idBase = useId();
  const rows = filterStrategies(workload);
  const announcement = matchAnnouncement(rows.length, STRATEGIES.length);

  function setTrait(key: string, value: string) {
    setWorkload((w) => {
      const next: Record<string, string | undefined> = { ...w, [key]: value === 'any' ? undefined : value };
      return next as Workload;
    });
  }

  return (
    <figure className="wc" aria-labelledby={`${idBase}-title`}>
      <figcaption id={`${idBase}-title`} className="wc-title">
        {props.caption ?? 'Choose your workload: pick the traits that matter and see which strategies fit.'}
      </figcaption>
      {parsed.errors.length > 0 && (
        <ul className="wc-errors" role="alert">
          {parsed.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      <form className="wc-controls" onSubmit={(e) => e.preventDefault()}>
        {TRAITS.map((trait) => {
          const selectId = `${idBase}-${trait.key}`;
          const current = (workload as Record<string, string | undefined>)[trait.key] ?? 'any';
          return (
            <div className="wc-control" key={trait.key}>
              <label htmlFor={selectId}>{trait.label}</label>
              <select id={selectId} value={current} onChange={(e) => setTrait(trait.key, e.target.value)}>
                <option value="any">Any</option>
                {trait.values.map((v) => (
                  <option key={v} value={v}>
                    {LABELS[v] ?? v}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
        <button type="button" className="wc-reset" onClick={() => setWorkload({})}>
          Reset
        </button>
      </form>
      <p className="wc-status" role="status" aria-live="polite">
        {announcement}
      </p>
      {rows.length === 0 ? (
        <p className="wc-empty">{explainEmpty(workload)}</p>
      ) : (
        <table className="wc-table">
          <thead>
            <tr>
              <th scope="col">Strategy</th>
              <th scope="col">Gives you</th>
              <th scope="col">Costs you</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id} data-strategy={s.id}>
                <th scope="row" data-label="Strategy">
                  <span className="wc-name">{s.name}</span>
                  <span className="wc-examples">{s.examples}</span>
                  <span className="wc-traits">{traitSummary(s)}</span>
                </th>
                <td data-label="Gives you">{s.gives}</td>
                <td data-label="Costs you">{s.costs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}

/** The workload chooser (its registry slot contains a failure, with the book's one ErrorBoundary). */
export default function WorkloadChooser(props: WorkloadChooserProps) {
  return <Chooser {...props} />;
}
