/**
 * A greedy label placer for lab pictures: each label tries a few positions around its anchor and
 * takes the first whose box meets no obstacle (a node's name, an earlier label) and stays inside
 * the picture; a label with no free position is left out (its glyph keeps its accessible name and
 * tooltip, so nothing is lost, only not drawn twice over something else). Pure, so it is tested
 * directly and its output is a function of the data alone.
 */

/** An axis-aligned box in the picture's coordinates. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A label to place: its anchor, its size and where around the anchor it may go. */
export interface LabelRequest<K> {
  readonly key: K;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Offsets of the box's top-left corner from the anchor, tried in order. */
  readonly candidates?: readonly (readonly [number, number])[];
}

/** Two boxes overlap (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Default candidates: right, left, above, below the anchor, with a small gap. */
export function aroundAnchor(w: number, h: number, gap = 6): (readonly [number, number])[] {
  return [
    [gap, -h / 2],
    [-w - gap, -h / 2],
    [-w / 2, -h - gap],
    [-w / 2, gap],
    [gap, -h - gap],
    [gap, gap],
    [-w - gap, -h - gap],
    [-w - gap, gap],
  ];
}

/**
 * Place labels in order (earlier requests win), avoiding `obstacles`, each other and the outside
 * of `bounds`. Returns the top-left corner of every label that found a free spot.
 */
export function placeLabels<K>(requests: readonly LabelRequest<K>[], obstacles: readonly Box[], bounds?: Box): Map<K, Box> {
  const placed: Box[] = [];
  const out = new Map<K, Box>();
  for (const r of requests) {
    for (const [dx, dy] of r.candidates ?? aroundAnchor(r.w, r.h)) {
      const box = { x: r.x + dx, y: r.y + dy, w: r.w, h: r.h };
      if (bounds && (box.x < bounds.x || box.y < bounds.y || box.x + box.w > bounds.x + bounds.w || box.y + box.h > bounds.y + bounds.h)) continue;
      if (obstacles.some((o) => overlaps(o, box)) || placed.some((p) => overlaps(p, box))) continue;
      placed.push(box);
      out.set(r.key, box);
      break;
    }
  }
  return out;
}
