/**
 * The commit picture: the coordinator C on top, the participants in a row below, each with its log
 * beside it (solid chips are on disk, dashed ones only in memory, striped ones being forced), a
 * lock timer on every participant holding locks, and the messages in flight placed by simulation
 * time. An in-doubt participant is drawn in the warning colour with "IN DOUBT" and its timer; a
 * crashed node is crossed out. A message's label goes beside its dot where it covers nothing;
 * one with no free place is left off (the dot stays, with the words as its tooltip).
 */
import { memo, useRef } from 'react';
import { scaleLinear } from 'd3-scale';
import { aroundAnchor, placeLabels, type Box } from '../shared/labelPlacer';
import { useSvgWidth } from '../shared/useSvgWidth';
import { ChangePulse, Presence, SlideIn } from '../shared/motion';
import type { FlightView, LogChip, NodeCard } from './selectors';

/** Props: the selectors' output. */
export interface CommitPictureProps {
  readonly cards: readonly NodeCard[];
  readonly flights: readonly FlightView[];
  readonly cut: readonly string[];
  readonly groups: readonly (readonly string[])[] | null;
  readonly title: string;
}

const CARD_H = 64;
const CHIP_H = 17;
const GAP_Y = 108;


function Lock({ x, y, tone }: { x: number; y: number; tone: string }) {
  return (
    <g className="commit-lock" data-tone={tone} transform={`translate(${x},${y})`} aria-hidden="true">
      <path d="M2.5,6 V4 a3.5,3.5 0 0 1 7,0 V6" fill="none" strokeWidth="1.6" />
      <rect x="0.5" y="6" width="11" height="8" rx="1.5" />
    </g>
  );
}

/**
 * A log's records as chips, newest last. A record that is written slides down into place, and one
 * that a step back removes slides out (shared/motion). Memoised on the chips' content: the cards
 * are rebuilt every frame (lock times grow), but a log changes only at events.
 */
const Chips = memo(
  function Chips({ log, x, y, w, narrow }: { log: readonly LogChip[]; x: number; y: number; w: number; narrow: boolean }) {
    if (log.length === 0)
      return (
        <text x={x + 2} y={y + 12} className="commit-log-empty">
          log empty
        </text>
      );
    return (
      <g>
        <Presence>
          {log.map((c, i) => (
            <SlideIn as="g" from="up" key={`${c.kind}-${i}`}>
              <g className="commit-chip" data-state={c.state} data-kind={c.kind} transform={`translate(${x},${y + i * (CHIP_H + 3)})`}>
                <rect width={w} height={CHIP_H} rx={3} />
                <text x={6} y={12.5}>
                  {narrow || w < 90 ? c.short : c.label}
                  {/* The dashed outline already says "in memory"; the words fit only on wide chips. */}
                  {c.state === 'buffered' && !narrow && w >= 110 ? ' (memory)' : c.state === 'forcing' ? ' …' : ''}
                </text>
              </g>
            </SlideIn>
          ))}
        </Presence>
      </g>
    );
  },
  (a, b) =>
    a.x === b.x &&
    a.y === b.y &&
    a.w === b.w &&
    a.narrow === b.narrow &&
    a.log.length === b.log.length &&
    a.log.every((c, i) => c.kind === b.log[i].kind && c.state === b.log[i].state && c.label === b.log[i].label && c.short === b.log[i].short),
);

/**
 * A node's card. Its state changing (voted YES, committed, in doubt, down…) swells it once; memoised
 * so the motion group is not re-rendered every frame.
 */
const CardBody = memo(function CardBody({ x, y, w, changeKey }: { x: number; y: number; w: number; changeKey: string }) {
  return (
    <ChangePulse changeKey={changeKey} scale={1.04}>
      <rect x={x} y={y} width={w} height={CARD_H} rx={8} className="commit-card" />
    </ChangePulse>
  );
});

/** The SVG picture. */
export function CommitPicture({ cards, flights, cut, groups, title }: CommitPictureProps) {
  const ref = useRef<HTMLDivElement>(null);
  const w = useSvgWidth(ref, 640, 300, 900);
  const narrow = w < 520;
  const parts = cards.filter((c) => !c.coordinator);
  const coord = cards.find((c) => c.coordinator)!;
  const n = parts.length;
  const colW = (w - 8) / n;
  const pW = Math.min(150, colW - 8);
  // d3 scale: participant index → centre x.
  const px = scaleLinear().domain([0, Math.max(1, n - 1)]).range(n === 1 ? [w / 2, w / 2] : [4 + colW / 2, w - 4 - colW / 2]);
  const cW = Math.min(170, w * 0.42);
  const cX = (w - cW) / 2;
  const cY = 8;
  const rowY = cY + CARD_H + GAP_Y;
  const maxChips = Math.max(1, ...parts.map((p) => p.log.length));
  const h = rowY + CARD_H + 10 + maxChips * (CHIP_H + 3) + 6;
  const centre = (id: string): { x: number; top: number; bottom: number } => {
    if (id === coord.id) return { x: w / 2, top: cY, bottom: cY + CARD_H };
    const i = parts.findIndex((p) => p.id === id);
    return { x: px(i), top: rowY, bottom: rowY + CARD_H };
  };
  // Message positions: C↔P along the straight link, P↔P along an arc above the row.
  const dots = flights.map((f) => {
    const a = centre(f.from);
    const b = centre(f.to);
    if (f.from === coord.id || f.to === coord.id) {
      const ay = f.from === coord.id ? a.bottom : a.top;
      const by = f.to === coord.id ? b.bottom : b.top;
      return { f, x: a.x + (b.x - a.x) * f.progress, y: ay + (by - ay) * f.progress };
    }
    const t = f.progress;
    const cy = rowY - 46;
    return { f, x: (1 - t) * (1 - t) * a.x + 2 * t * (1 - t) * ((a.x + b.x) / 2) + t * t * b.x, y: (1 - t) * (1 - t) * rowY + 2 * t * (1 - t) * cy + t * t * rowY };
  });
  // A cut link's ✕ sits beside the link's middle, outwards, not on it: a message crossing the cut
  // would otherwise pass over it.
  const cutMark = (id: string): { x: number; y: number } => {
    const dx = centre(id).x - w / 2;
    const dy = rowY - (cY + CARD_H);
    const len = Math.hypot(dx, dy) || 1;
    const [nx, ny] = dx >= 0 ? [dy / len, -dx / len] : [-dy / len, dx / len];
    return { x: (w / 2 + centre(id).x) / 2 + nx * 14, y: (cY + CARD_H + rowY) / 2 + ny * 14 };
  };
  // Each message's label goes beside its dot, wherever it covers no dot, no cut mark, no card and
  // no earlier label (shared/labelPlacer). Centred on the dot, as it used to be, a label hid the
  // dots of the other messages on the same links and the links' cut marks. A label with no free
  // place is left off; its dot keeps the words in a tooltip.
  const obstacles: Box[] = [
    ...dots.map((d) => ({ x: d.x - 5, y: d.y - 5, w: 10, h: 10 })),
    ...cut.map((id) => ({ x: cutMark(id).x - 7, y: cutMark(id).y - 8, w: 14, h: 15 })),
    { x: cX, y: cY, w: cW, h: CARD_H },
    ...parts.map((p) => ({ x: centre(p.id).x - pW / 2, y: rowY, w: pW, h: CARD_H })),
  ];
  const labelBoxes = placeLabels(
    dots.map(({ f, x, y }) => {
      const bw = (f.label + (f.doomed ? ' ✕' : '')).length * 6.3 + 12;
      return { key: f.id, x, y, w: bw, h: 17, candidates: aroundAnchor(bw, 17, 7) };
    }),
    obstacles,
    { x: 0, y: 0, w, h: rowY },
  );
  const msgs = dots.map((d) => ({ ...d, box: labelBoxes.get(d.f.id) }));
  const cChipX = cX + cW + 8;
  const cChipW = Math.max(0, Math.min(120, w - cChipX - 4));
  return (
    <div ref={ref} className="commit-picture-svg-wrap">
      <p className="commit-groups" data-testid="commit-groups">
        {groups ? `Network split: ${groups.map((g) => g.join(', ')).join('  |  ')}` : ' '}
      </p>
      <svg viewBox={`0 0 ${w} ${h}`} width="100%" role="img" aria-label={title} className="commit-svg">
        {parts.map((p) => {
          const b = centre(p.id);
          const isCutLink = cut.includes(p.id);
          return (
            <line
              key={`l-${p.id}`}
              x1={w / 2}
              y1={cY + CARD_H}
              x2={b.x}
              y2={rowY}
              className="commit-link"
              data-cut={isCutLink ? 'true' : undefined}
            />
          );
        })}
        {cut.map((id) => {
          const { x: mx, y: my } = cutMark(id);
          return (
            <text key={`x-${id}`} x={mx} y={my + 5} textAnchor="middle" className="commit-cut-mark">
              ✕
            </text>
          );
        })}
        {[coord, ...parts].map((c) => {
          const box = c.coordinator ? { x: cX, y: cY, w: cW } : { x: centre(c.id).x - pW / 2, y: rowY, w: pW };
          const tone = c.tone ?? 'none';
          return (
            <g key={c.id} className="commit-node" data-node={c.id} data-tone={tone} data-indoubt={c.inDoubt ? 'true' : undefined} data-up={c.up ? 'true' : 'false'}>
              <CardBody x={box.x} y={box.y} w={box.w} changeKey={`${c.status}|${tone}|${c.up}`} />
              <text x={box.x + 8} y={box.y + 19} className="commit-node-name">
                {c.id}
                {c.coordinator && !narrow ? ' coordinator' : ''}
              </text>
              {c.inDoubt && (
                <text x={box.x + box.w - 6} y={box.y + 19} textAnchor="end" className="commit-doubt">
                  {/* The badge shares the card's top line with the node's name: shorten it before they touch. */}
                  {box.w < 70 ? '?' : box.w < 120 ? 'DOUBT' : 'IN DOUBT'}
                </text>
              )}
              <text x={box.x + 8} y={box.y + 37} className="commit-node-status">
                {box.w < 100 ? c.status.split(',')[0].replace(' (operator)', '').replace('voted YES', 'YES').replace('pre-committed', 'pre') : c.status}
              </text>
              {!c.coordinator && (c.locked || c.lockMs > 0) && (
                <g>
                  <Lock x={box.x + 8} y={box.y + 44} tone={c.locked ? (c.inDoubt ? 'warn' : 'held') : 'free'} />
                  <text x={box.x + 24} y={box.y + 56} className="commit-lock-text" data-locked={c.locked ? 'true' : 'false'}>
                    {c.locked || box.w < 100 ? `${c.lockMs} ms` : `held ${c.lockMs} ms`}
                  </text>
                </g>
              )}
              {!c.up && <path d={`M${box.x + 6},${box.y + 6} L${box.x + box.w - 6},${box.y + CARD_H - 6} M${box.x + box.w - 6},${box.y + 6} L${box.x + 6},${box.y + CARD_H - 6}`} className="commit-down-cross" />}
              {c.damage && (
                <text x={box.x + box.w - 6} y={box.y + 56} textAnchor="end" className="commit-damage">
                  ⚠
                </text>
              )}
              {c.coordinator ? (
                cChipW >= 44 && <Chips log={c.log} x={cChipX} y={cY} w={cChipW} narrow={narrow} />
              ) : (
                <Chips log={c.log} x={box.x} y={rowY + CARD_H + 8} w={pW} narrow={narrow} />
              )}
            </g>
          );
        })}
        {/* Dots first, then labels, so no dot is drawn over another message's label. */}
        {msgs.map(({ f, x, y }) => (
          <circle key={`d-${f.id}`} cx={x} cy={y} r={4} className="commit-msg-dot" data-tone={f.tone ?? 'none'}>
            <title>{f.label}</title>
          </circle>
        ))}
        {msgs.map(({ f, box }) =>
          box ? (
            <g key={f.id} className="commit-msg" data-tone={f.tone ?? 'none'} data-doomed={f.doomed ? 'true' : undefined}>
              <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={8} />
              <text x={box.x + box.w / 2} y={box.y + 12.5} textAnchor="middle">
                {f.label}
                {f.doomed ? ' ✕' : ''}
              </text>
            </g>
          ) : null,
        )}
      </svg>
    </div>
  );
}
