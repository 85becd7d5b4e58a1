/**
 * A check-your-understanding question. Native radio buttons in a fieldset give keyboard use and
 * screen-reader semantics for free. Correctness and feedback are never rendered into the HTML until
 * the reader answers, so the page source does not give the answer away.
 */
import { useMemo, useState } from 'react';
import { exerciseOrder } from './exerciseOrder';

/** One answer option with the explanation shown when it is chosen. */
export interface ExerciseOption {
  readonly text: string;
  readonly correct?: boolean;
  readonly feedback: string;
}

/** Props of an exercise. */
export interface ExerciseProps {
  readonly id: string;
  readonly question: string;
  readonly options: readonly ExerciseOption[];
  /** Place among the chapter's exercises, set by the remark plugin (remark-book.ts); decides the option order. */
  readonly ordinal?: string | number;
}

/** The exercise widget. */
export function Exercise({ id, question, options, ordinal = 0 }: ExerciseProps) {
  // Shown in a deterministic shuffled order (the same on the server and in the browser); state keeps
  // the option's index as written.
  const order = useMemo(() => exerciseOrder(id, Number(ordinal), options), [id, ordinal, options]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [checked, setChecked] = useState<number | null>(null);
  const result = checked === null ? null : options[checked];
  return (
    <form
      className="exercise"
      id={id}
      data-exercise={id}
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen !== null) setChecked(chosen);
      }}
    >
      <fieldset>
        <legend>
          <span className="callout-kicker">Check your understanding</span>
          <span className="exercise-question">{question}</span>
        </legend>
        {order.map((i, pos) => ({ o: options[i], i, pos })).map(({ o, i, pos }) => (
          <label key={i} className="exercise-option" data-verdict={checked === i ? (o.correct ? 'right' : 'wrong') : undefined}>
            <input
              type="radio"
              name={id}
              // The shown position, not the written index: authors often write the right answer first.
              value={pos}
              checked={chosen === i}
              onChange={() => {
                setChosen(i);
              }}
            />
            <span>{o.text}</span>
          </label>
        ))}
        <div className="exercise-actions">
          <button type="submit" disabled={chosen === null}>
            Check answer
          </button>
        </div>
        <div className="exercise-feedback" aria-live="polite">
          {result && (
            <p className={result.correct ? 'feedback-right' : 'feedback-wrong'}>
              <strong>{result.correct ? 'Correct.' : 'Not quite.'}</strong> {result.feedback}
            </p>
          )}
        </div>
      </fieldset>
    </form>
  );
}
