/**
 * Where the cluster picture's words go, so that none covers another and no message dot covers a
 * word: each server's lines sit under it (kept inside the picture), each client's lines take the
 * first free spot around the client (below, above, outwards, inwards) from the shared label placer,
 * and a message travels only along the part of its link that is clear of every word and node.
 * Pure: boxes come from the text's length and the largest font the stylesheet gives these labels
 * (phones, lab.css), so the layout is a function of the model alone and is unit-tested.
 */
import { overlaps, placeLabels, type Box, type LabelRequest } from './labelPlacer';

/** The cluster picture's width in viewBox units. */
export const CLUSTER_W = 360;
/** Baseline-to-baseline distance of a node's lines (12-unit font on phones, ~14 units tall). */
export const LINE_PITCH = 14.5;
/** Width of one character of a node line at its largest size (12 units), rounded up. */
const CHAR_W = 6.7;
/** Width of one character of a badge or the "crashed" mark (11.5 units). */
const BADGE_CHAR_W = 6.3;
/** A text line's box around its baseline: ascent above, descent below (12-unit font). */
const ASCENT = 11.5;
const DESCENT = 3;
/** Half-sizes of a server's circle and a client's box (with their stroke). */
const SERVER_R = 20;
const CLIENT_HW = 16;
const CLIENT_HH = 13;
/** Radius of a message dot, with its outline. */
export const DOT_R = 7;

/** A node where the picture draws it. */
export interface PlacedNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly up: boolean;
  readonly attachedTo?: string;
  readonly badge?: string;
  readonly lines?: readonly string[];
}

/** One node's words: centre x and baselines of its lines, and where its badge and crash mark go. */
export interface NodeLabels {
  readonly linesX: number;
  readonly lineYs: readonly number[];
  readonly badgeY: number;
  readonly crashedY: number;
}

/** Everything the picture draws as words, and the picture's vertical extent. */
export interface ClusterLabels {
  readonly nodes: ReadonlyMap<string, NodeLabels>;
  /** Boxes a message dot must not cover: node shapes and every word. */
  readonly obstacles: readonly Box[];
  /** The nodes' shapes alone (with their names inside), the least a dot must stay off. */
  readonly shapes: readonly Box[];
  readonly top: number;
  readonly bottom: number;
}

// Digits and symbols run wider than the average character ("v0" measures 14.9 units at 12), so a
// little slack on top of the per-character width.
const lineWidth = (s: string, charW = CHAR_W) => [...s].length * charW + 4;
const clampX = (cx: number, w: number) => Math.max(w / 2 + 2, Math.min(CLUSTER_W - w / 2 - 2, cx));
/** Candidates shifted sideways just enough to keep a `w`-wide box anchored at `x` inside the picture. */
const inside = (x: number, w: number, cs: readonly (readonly [number, number])[]): (readonly [number, number])[] =>
  cs.map(([dx, dy]) => [Math.max(2, Math.min(CLUSTER_W - 2 - w, x + dx)) - x, dy] as const);

/**
 * Lay out the words around placed nodes. Servers first (under the server where there is room), then
 * clients in order, each taking the first free candidate; a client with no free spot keeps its
 * lines below it (the spec e2e/label-collisions.spec.ts would then fail loudly).
 */
export function clusterLabels(nodes: readonly PlacedNode[], lineLimit = 3): ClusterLabels {
  const out = new Map<string, NodeLabels>();
  const fixed: Box[] = [];
  const shapes: Box[] = [];
  const lines = (n: PlacedNode) => (n.lines ?? []).slice(0, lineLimit);
  for (const n of nodes) {
    const client = n.attachedTo !== undefined;
    const hw = client ? CLIENT_HW : SERVER_R;
    const hh = client ? CLIENT_HH : SERVER_R;
    shapes.push({ x: n.x - hw, y: n.y - hh, w: 2 * hw, h: 2 * hh });
    fixed.push(shapes[shapes.length - 1]);
    // Above the shape: the crash mark, then the badge above it when both are shown.
    const crashedY = n.y - hh - DESCENT - 1;
    const badgeY = n.up ? crashedY : crashedY - LINE_PITCH;
    if (!n.up) fixed.push({ x: n.x - lineWidth('crashed', BADGE_CHAR_W) / 2, y: crashedY - ASCENT, w: lineWidth('crashed', BADGE_CHAR_W), h: ASCENT + DESCENT });
    if (n.badge) fixed.push({ x: n.x - lineWidth(n.badge, BADGE_CHAR_W) / 2, y: badgeY - ASCENT, w: lineWidth(n.badge, BADGE_CHAR_W), h: ASCENT + DESCENT });
    out.set(n.id, { linesX: n.x, lineYs: [], badgeY, crashedY });
  }
  // Servers' lines go under the server, shifted sideways if a client or the picture's edge is in
  // the way, and above it only as a last resort.
  const bounds = { x: 0, y: -1000, w: CLUSTER_W, h: 3000 };
  const serverRequests: LabelRequest<string>[] = [];
  for (const n of nodes) {
    const ls = lines(n);
    if (n.attachedTo !== undefined || ls.length === 0) continue;
    const w = Math.max(...ls.map((l) => lineWidth(l)));
    const h = (ls.length - 1) * LINE_PITCH + ASCENT + DESCENT;
    const below = SERVER_R + 2;
    const shifts = [0, -0.25, 0.25, -0.5, 0.5, -0.75, 0.75].map((f) => f * w);
    const edge = clampX(n.x, w) - n.x;
    serverRequests.push({
      key: n.id,
      x: n.x,
      y: n.y,
      w,
      h,
      candidates: [
        [edge - w / 2, below],
        ...shifts.map((d) => [edge + d - w / 2, below] as const),
        ...shifts.map((d) => [edge + d - w / 2, below + LINE_PITCH] as const),
        [edge - w / 2, -SERVER_R - 2 - h - (n.badge ? LINE_PITCH : 0) - (n.up ? 0 : LINE_PITCH)],
      ],
    });
  }
  const serverPlaced = placeLabels(serverRequests, fixed, bounds);
  for (const r of serverRequests) {
    const n = nodes.find((m) => m.id === r.key)!;
    const ls = lines(n);
    const box = serverPlaced.get(r.key) ?? { x: clampX(r.x, r.w) - r.w / 2, y: r.y + SERVER_R + 2, w: r.w, h: r.h };
    fixed.push(box);
    out.set(n.id, { ...out.get(n.id)!, linesX: box.x + box.w / 2, lineYs: ls.map((_, i) => box.y + ASCENT + i * LINE_PITCH) });
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const requests: LabelRequest<string>[] = [];
  for (const n of nodes) {
    const ls = lines(n);
    if (n.attachedTo === undefined || ls.length === 0) continue;
    const w = Math.max(...ls.map((l) => lineWidth(l)));
    const h = (ls.length - 1) * LINE_PITCH + ASCENT + DESCENT;
    const server = byId.get(n.attachedTo);
    const outwards = server && server.x > n.x ? -1 : 1;
    const side = (dir: number): readonly [number, number] => (dir > 0 ? [CLIENT_HW + 4, -h / 2] : [-CLIENT_HW - 4 - w, -h / 2]);
    const below: readonly [number, number] = [-w / 2, CLIENT_HH + 2];
    const above: readonly [number, number] = [-w / 2, -CLIENT_HH - 2 - h];
    const serverBelow = server !== undefined && server.y > n.y;
    requests.push({
      key: n.id,
      x: n.x,
      y: n.y,
      w,
      h,
      candidates: inside(n.x, w, [
        // A client drawn above its server writes above itself first, so its words stay off the server.
        ...(serverBelow ? [above, below] : [below, above]),
        side(outwards),
        side(-outwards),
        [below[0] + (outwards * w) / 2, below[1]],
        [above[0] + (outwards * w) / 2, above[1]],
        // Then further out, a line at a time, away from the server.
        ...[1, 2, 3].map((k): readonly [number, number] => (serverBelow ? [above[0], above[1] - k * LINE_PITCH] : [below[0], below[1] + k * LINE_PITCH])),
      ]),
    });
  }
  const placed = placeLabels(requests, fixed, bounds);
  const boxes = [...fixed];
  for (const r of requests) {
    const n = byId.get(r.key)!;
    const ls = lines(n);
    const box = placed.get(r.key) ?? { x: clampX(r.x, r.w) - r.w / 2, y: r.y + CLIENT_HH + 2, w: r.w, h: r.h };
    boxes.push(box);
    const first = box.y + ASCENT;
    out.set(r.key, { ...out.get(r.key)!, linesX: box.x + box.w / 2, lineYs: ls.map((_, i) => first + i * LINE_PITCH) });
  }
  const top = Math.min(...boxes.map((b) => b.y)) - 4;
  const bottom = Math.max(...boxes.map((b) => b.y + b.h)) + 4;
  return { nodes: out, obstacles: boxes, shapes, top, bottom };
}

/**
 * The stretch of the link a→b (as fractions of its length) along which a message dot covers no
 * node and no word; a dot travels only there, so it never sits on a name. When words cover the
 * whole link (a client drawn close to its server), the stretch clear of the nodes' shapes alone
 * (`shapes`), and failing that the link's middle.
 */
export function clearStretch(a: { x: number; y: number }, b: { x: number; y: number }, obstacles: readonly Box[], shapes: readonly Box[] = [], samples = 60): [number, number] {
  return stretchOff(a, b, obstacles, samples) ?? stretchOff(a, b, shapes, samples) ?? [0.5, 0.5];
}

function stretchOff(a: { x: number; y: number }, b: { x: number; y: number }, obstacles: readonly Box[], samples: number): [number, number] | null {
  const free = (p: number) => {
    const x = a.x + (b.x - a.x) * p;
    const y = a.y + (b.y - a.y) * p;
    const dot = { x: x - DOT_R, y: y - DOT_R, w: 2 * DOT_R, h: 2 * DOT_R };
    return !obstacles.some((o) => overlaps(o, dot));
  };
  let lo = -1;
  let hi = -1;
  for (let i = 0; i <= samples; i++) if (free(i / samples)) { lo = i / samples; break; }
  for (let i = samples; i >= 0; i--) if (free(i / samples)) { hi = i / samples; break; }
  return lo < 0 || hi < lo ? null : [lo, hi];
}
