/**
 * Message glyphs with labels: a dot for each message on the wire (its position comes from
 * simulation time, computed by the lab) and its short label (type, term or key) placed by the label
 * placer so that it never covers a node's name, another glyph or another label. A label with no
 * free spot is left out; the glyph keeps the full text as its tooltip and accessible name.
 */
import { placeLabels, type Box } from './labelPlacer';
import type { Tone } from './viewModel';

/** One message to draw. */
export interface Glyph {
  readonly key: string | number;
  readonly x: number;
  readonly y: number;
  /** Full text (tooltip, accessible name), e.g. "AppendEntries(term 2, 1 entry), S1 → S3". */
  readonly label: string;
  /** What is drawn beside the dot, e.g. "AE t2". */
  readonly short: string;
  readonly tone?: Tone;
}

/** Approximate size of the glyph labels' text (10 px sans-serif). */
export const GLYPH_LABEL = { charW: 5.6, h: 11, r: 5 } as const;

/** Where each glyph's label goes: clear of `obstacles` (node names), of every glyph and of each other, inside `bounds`. Pure. */
export function placeGlyphLabels(glyphs: readonly Glyph[], obstacles: readonly Box[], bounds?: Box): Map<Glyph['key'], Box> {
  const r = GLYPH_LABEL.r + 1;
  const dots = glyphs.map((g) => ({ x: g.x - r, y: g.y - r, w: 2 * r, h: 2 * r }));
  return placeLabels(
    glyphs.map((g) => ({ key: g.key, x: g.x, y: g.y, w: g.short.length * GLYPH_LABEL.charW + 2, h: GLYPH_LABEL.h })),
    [...obstacles, ...dots],
    bounds,
  );
}

/** Props for the glyph layer. */
export interface MessageGlyphsProps {
  glyphs: readonly Glyph[];
  /** Boxes the labels must not cover: every node's name (and anything else the picture writes). */
  obstacles: readonly Box[];
  bounds?: Box;
}

/** An SVG layer of message glyphs and their placed labels; draw it after the nodes. */
export function MessageGlyphs({ glyphs, obstacles, bounds }: MessageGlyphsProps) {
  const placed = placeGlyphLabels(glyphs, obstacles, bounds);
  return (
    <g className="lab-glyphs">
      {glyphs.map((g) => (
        <g key={g.key} className="lab-glyph" data-tone={g.tone} transform={`translate(${g.x.toFixed(1)},${g.y.toFixed(1)})`}>
          <circle r={GLYPH_LABEL.r} />
          <title>{g.label}</title>
        </g>
      ))}
      <g aria-hidden="true">
        {glyphs.map((g) => {
          const box = placed.get(g.key);
          return box ? (
            <text key={g.key} className="lab-glyph-label" x={box.x + 1} y={box.y + GLYPH_LABEL.h - 2}>
              {g.short}
            </text>
          ) : null;
        })}
      </g>
    </g>
  );
}
