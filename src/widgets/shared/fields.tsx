/**
 * Small form and result pieces every lab repeats: a labelled select over a list of values, and a
 * titled list of toned results with an "empty" line. Shared so labs look and behave alike (same
 * label markup for axe and e2e `getByLabel`, same tone colours) and fixes land once.
 */
import type { ReactNode } from 'react';

/** Props for a labelled select. */
export interface SelectFieldProps<T extends string | number> {
  label: string;
  value: T;
  /** The choices, in order. */
  options: readonly T[];
  /** Text shown for a value (defaults to the value itself). */
  format?(v: T): string;
  disabled?: boolean;
  /** Called with the chosen option (NoInfer: T comes from value and options, not from the handler). */
  onChange(v: NoInfer<T>): void;
  className?: string;
}

/** A `<label class="lab-field">` around a select; `onChange` gets the chosen value with its type. */
export function SelectField<T extends string | number>({ label, value, options, format, disabled, onChange, className }: SelectFieldProps<T>) {
  return (
    <label className={className ? `lab-field ${className}` : 'lab-field'}>
      <span>{label}</span>
      <select
        value={String(value)}
        disabled={disabled}
        onChange={(e) => {
          const chosen = options.find((o) => String(o) === e.currentTarget.value);
          if (chosen !== undefined) onChange(chosen);
        }}
      >
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {format ? format(o) : String(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Preset values plus the current one (so a scenario's own value stays selectable), sorted. */
export function withCurrent(presets: readonly number[], current: number): number[] {
  return [...new Set([...presets, current])].sort((a, b) => a - b);
}

/** One line of a result list; the tone colours it (`ok`, `warn`, `bad`). */
export interface ResultRow {
  readonly id: string | number;
  readonly text: ReactNode;
  readonly tone?: string;
}

/** A titled list of results (newest first or in the lab's order), or a line saying there are none. */
export function ResultList({ title, rows, empty }: { title: string; rows: readonly ResultRow[]; empty: string }) {
  return (
    <>
      <h4 className="lab-results-title">{title}</h4>
      {rows.length === 0 ? (
        <p className="lab-description">{empty}</p>
      ) : (
        <ul className="lab-result-list" tabIndex={0} aria-label={title} /* focusable: it scrolls once long */>
          {rows.map((r) => (
            <li key={r.id} data-tone={r.tone}>
              {r.text}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
