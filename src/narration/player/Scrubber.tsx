/** The narration bar's seek slider, with segment boundaries and cue markers drawn behind it. */
import type { CompiledNarration } from '../types.ts';
import { formatClock } from './url.ts';

/** The seek slider with segment boundaries and cue markers drawn behind it. */
export function Scrubber({ timeline, position, segmentTitle, onSeek }: { timeline: CompiledNarration; position: number; segmentTitle: string; onSeek: (t: number) => void }) {
  const pct = (t: number) => `${(100 * t) / Math.max(1, timeline.duration)}%`;
  return (
    <div className="narration-scrubber">
      <div className="narration-markers" aria-hidden="true">
        {timeline.segments.slice(1).map((s) => (
          <span key={s.id} className="narration-seg-mark" style={{ left: pct(s.start) }} title={s.title} />
        ))}
        {timeline.cues.map((c, i) => (
          <span key={i} className={`narration-cue-mark narration-cue-${c.kind}`} style={{ left: pct(c.time) }} title={c.label} />
        ))}
      </div>
      <input
        type="range"
        min={0}
        max={timeline.duration}
        step={0.1}
        value={position}
        onChange={(e) => onSeek(Number(e.currentTarget.value))}
        aria-label="Narration position"
        aria-valuetext={`${formatClock(position)} of ${formatClock(timeline.duration)}, ${segmentTitle}`}
        data-testid="narration-seek"
      />
    </div>
  );
}
