/**
 * The four safety properties of Raft (Figure 3), checked live. Shows whether each holds so far
 * and offers a jump to the first violation anywhere in the run.
 */
import type { Violation } from '../../sim/raft';
import type { RaftState } from '../../sim/raft';
import { invariantStatus } from './selectors';

/** Props for the invariant panel. */
export interface InvariantPanelProps {
  /** State at the cursor: what has been violated so far. */
  state: RaftState;
  /** First violation in the whole run (past or future), if any. */
  firstInRun: Violation | null;
  onJump(v: Violation): void;
  interactive: boolean;
}

/** Invariant checklist with "jump to first violation". */
export function InvariantPanel({ state, firstInRun, onJump, interactive }: InvariantPanelProps) {
  const rows = invariantStatus(state);
  return (
    <div className="raft-invariants" data-lab-part="checks">
      <h4 className="lab-results-title">Safety properties (checked after every event)</h4>
      <ul>
        {rows.map((r) => (
          <li key={r.id} data-tone={r.first ? 'bad' : 'ok'} data-invariant={r.id}>
            <span aria-hidden="true">{r.first ? '✗ ' : '✓ '}</span>
            <strong>{r.name}</strong>
            {r.first ? `: violated at t=${Math.round(r.first.t)} ms. ${r.first.message}` : `: holds (${r.meaning}).`}
          </li>
        ))}
      </ul>
      {firstInRun ? (
        <button type="button" className="lab-btn" disabled={!interactive} onClick={() => onJump(firstInRun)}>
          {`Jump to first violation (t=${Math.round(firstInRun.t)} ms)`}
        </button>
      ) : (
        <p className="raft-note">No violation anywhere in this run.</p>
      )}
    </div>
  );
}
