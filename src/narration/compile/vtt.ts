/** WebVTT captions for a compiled timeline (W3C WebVTT, one cue per sentence). */
import type { CompiledNarration } from '../types.ts';

/** `hh:mm:ss.mmm` as WebVTT requires. */
export function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Text must not contain "-->" or a blank line; '&' and '<' are escaped as WebVTT requires. */
function escapeCue(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Render the chapter's sentences as a WebVTT file, with segment titles as NOTE blocks. */
export function toWebVTT(timeline: CompiledNarration): string {
  const out: string[] = [`WEBVTT - ${escapeCue(timeline.title)} (narration)`, ''];
  let seg = -1;
  timeline.sentences.forEach((s, i) => {
    if (s.segment !== seg) {
      seg = s.segment;
      out.push(`NOTE ${timeline.segments[seg].title.replace(/-->/g, '→')}`, '');
    }
    out.push(`s${i + 1}`, `${vttTime(s.start)} --> ${vttTime(s.end)}`, escapeCue(s.text), '');
  });
  return out.join('\n');
}
