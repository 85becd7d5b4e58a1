/**
 * The time scrubber under every lab: a native range input (keyboard and screen-reader support for free)
 * over an SVG strip that marks every logged action.
 */
import { scaleLinear } from 'd3-scale';
import type { LogEntry, Tagged } from '../../sim/core';

/** Props for the time scrubber. */
export interface TimeScrubberProps {
  /** Current virtual time (ms). */
  now: number;
  /** End of the timeline (ms). */
  end: number;
  log: readonly LogEntry<Tagged>[];
  /** Suggested stop of the scenario, drawn as a tick. */
  until?: number;
  disabled?: boolean;
  onSeek(t: number): void;
  /** Label for one marker, e.g. "partition A,B | C". */
  describe?(action: Tagged): string;
}

/** The run's time as a scrubbable range, with a marker for every logged action. */
export function TimeScrubber({ now, end, log, until, disabled, onSeek, describe }: TimeScrubberProps) {
  const x = scaleLinear().domain([0, Math.max(1, end)]).range([0, 100]).clamp(true);
  const step = Math.max(1, Math.round(end / 200));
  return (
    <div className="lab-timeline">
      <svg className="lab-timeline-marks" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
        <rect x={0} y={4} width={100} height={2} className="lab-timeline-track" />
        <rect x={0} y={4} width={x(now)} height={2} className="lab-timeline-done" />
        {until !== undefined && <rect x={x(until) - 0.2} y={0} width={0.4} height={10} className="lab-timeline-until" />}
        {log.map((e, i) => (
          <rect key={i} x={x(e.at) - 0.6} y={1} width={1.2} height={8} className="lab-timeline-marker">
            <title>{`t=${Math.round(e.at)} ms: ${describe ? describe(e.action) : e.action.type}`}</title>
          </rect>
        ))}
      </svg>
      <input
        type="range"
        className="lab-timeline-range"
        min={0}
        max={Math.ceil(end)}
        step={step}
        value={Math.min(Math.round(now), Math.ceil(end))}
        disabled={disabled}
        aria-label="Virtual time"
        aria-valuetext={`${Math.round(now)} ms of ${Math.round(end)} ms; ${log.length} actions recorded`}
        onChange={(e) => onSeek(Number(e.currentTarget.value))}
      />
    </div>
  );
}
