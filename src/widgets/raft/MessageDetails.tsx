/**
 * Details on demand for one message in flight: what it carries, between whom, when it was sent and
 * when it will arrive, and a button to drop it. Shown when the reader clicks (or presses Enter on) a
 * message glyph in the cluster picture; replaces the always-open list of messages.
 */
import type { FlightView } from './selectors';

/** Props for the details card. */
export interface MessageDetailsProps {
  /** The picked message, or null when it has arrived (or was never there). */
  flight: FlightView | null;
  /** Id of the picked message, for the "has arrived" line. */
  id: number;
  interactive: boolean;
  onDrop(msgId: number): void;
  onClose(): void;
}

/** The card under the cluster picture. */
export function MessageDetails({ flight, id, interactive, onDrop, onClose }: MessageDetailsProps) {
  return (
    <div className="raft-msg-details" role="group" aria-label={`Message ${id}`}>
      {flight ? (
        <p>
          <strong>{`#${flight.id} ${flight.from} → ${flight.to}`}</strong>
          {` ${flight.label}. Sent at ${Math.round(flight.sentAt)} ms, arrives at ${Math.round(flight.deliverAt)} ms`}
          {flight.doomed ? ` (it will not: ${flight.doomed}).` : '.'}
        </p>
      ) : (
        <p>{`Message #${id} is no longer in flight (delivered or dropped).`}</p>
      )}
      <div className="raft-msg-actions">
        {flight && (
          <button type="button" className="lab-btn" disabled={!interactive || flight.doomed !== null} onClick={() => onDrop(flight.id)}>
            {`Drop #${flight.id}`}
          </button>
        )}
        <button type="button" className="lab-btn" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
