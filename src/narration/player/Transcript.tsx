/** The narration transcript: the whole script, grouped by segment and paragraph; each sentence seeks. */
import { memo, useEffect, useRef } from 'react';
import type { CompiledNarration } from '../types.ts';
import { formatClock } from './url.ts';

/** The full script, grouped by segment and paragraph; each sentence seeks when activated. */
export const Transcript = memo(function Transcript({ timeline, current, onSeek, onClose }: { timeline: CompiledNarration; current: number; onSeek: (t: number) => void; onClose: () => void }) {
  const currentRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    currentRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);
  const bySegment = timeline.segments.map((seg, si) => {
    const sentences = timeline.sentences.map((s, i) => ({ s, i })).filter(({ s }) => s.segment === si);
    const paragraphs = new Map<number, { s: (typeof sentences)[number]['s']; i: number }[]>();
    for (const x of sentences) paragraphs.set(x.s.paragraph, [...(paragraphs.get(x.s.paragraph) ?? []), x]);
    return { seg, paragraphs: [...paragraphs.values()] };
  });
  const base = import.meta.env.BASE_URL ?? '/';
  return (
    <section id="narration-transcript" className="narration-transcript" aria-label="Narration transcript">
      <div className="narration-transcript-head">
        <span>Transcript</span>
        <a href={`${base}narration/${timeline.chapter}.vtt`} download>
          Captions file (WebVTT)
        </a>
        <button type="button" className="narration-btn narration-text-btn" onClick={onClose}>
          Close transcript
        </button>
      </div>
      {bySegment.map(({ seg, paragraphs }) => (
        <div key={seg.id} className="narration-transcript-seg">
          <p className="narration-seg-title">
            <button type="button" className="narration-sentence" onClick={() => onSeek(seg.start)}>
              {formatClock(seg.start)} · {seg.title}
            </button>
          </p>
          {paragraphs.map((p) => (
            <p key={p[0].i}>
              {p.map(({ s, i }) => (
                <button
                  key={i}
                  ref={i === current ? currentRef : undefined}
                  type="button"
                  className="narration-sentence"
                  aria-current={i === current ? 'true' : undefined}
                  onClick={() => onSeek(s.start)}
                >
                  {s.text}
                </button>
              ))}
            </p>
          ))}
        </div>
      ))}
    </section>
  );
});
