/**
 * One coordination style's picture: each saga as a track of six step boxes (compensatable, the
 * pivot, retriable), coloured by status, with the compensation front moving right to left under
 * the track while the saga unwinds; beside it each service's own data, and the orchestrator's saga
 * log or the broker's event trail.
 */
import { memo, useRef } from 'react';
import { scaleBand } from 'd3-scale';
import { useSvgWidth } from '../shared/useSvgWidth';
import { ChangePulse } from '../shared/motion';
import type { SagaTrack, ServiceBlock, StepBox } from './selectors';

/** Props: selector output for one world. */
export interface SagaPanelProps {
  readonly mode: 'orchestration' | 'choreography';
  readonly driven: boolean;
  readonly tracks: readonly SagaTrack[];
  readonly services: readonly ServiceBlock[];
  readonly coordination: { readonly title: string; readonly lines: readonly string[]; readonly total: number };
  readonly headUp: boolean;
}

const GLYPH: Record<StepBox['status'], string> = {
  pending: '',
  running: '…',
  done: '✓',
  failed: '✕ failed',
  compensating: '↺ …',
  compensated: '↺ undone',
};
const KIND: Record<StepBox['kind'], string> = { compensatable: 'compensatable', pivot: 'PIVOT', retriable: 'retriable' };
const SHORT: Record<StepBox['kind'], string> = { compensatable: 'comp.', pivot: 'PIVOT', retriable: 'retry' };

/** One saga's track: name, step boxes, the compensation front, the step kinds, and a gap so the
 * kinds ("comp.", "PIVOT") stay clear of the next saga's name (they touched at 86). */
const ROW_H = 94;

/** Step names that fit a box about 40 px wide. */
const TINY: Record<string, string> = { reserve: 'reserve', authorise: 'auth', book: 'book', confirm: 'confirm', capture: 'capture', allocate: 'alloc' };

/**
 * A step's box. Its status changing (running, done, failed, compensated…) swells it once, and a step
 * back that undoes the change swells it again into the earlier status; memoised on the status.
 */
const StepBody = memo(function StepBody({ x, y, w, status }: { x: number; y: number; w: number; status: string }) {
  return (
    <ChangePulse changeKey={status} scale={1.08}>
      <rect x={x} y={y} width={w} height={44} rx={6} />
    </ChangePulse>
  );
});

function Track({ t, w, y }: { t: SagaTrack; w: number; y: number }) {
  const x = scaleBand<string>()
    .domain(t.steps.map((s) => s.name))
    .range([4, w - 4])
    .paddingInner(0.12);
  const bw = x.bandwidth();
  const narrow = bw < 70;
  const front = t.front;
  let frontPath: { d: string; dot: [number, number] } | null = null;
  if (front) {
    const to = (x(front.step) ?? 0) + bw / 2;
    const idx = t.steps.findIndex((s) => s.name === front.step);
    // The compensation front travels from the step after the one being compensated.
    const fromStep = t.steps[Math.min(t.steps.length - 1, idx + 1)];
    const from = (x(fromStep.name) ?? 0) + bw / 2;
    const yy = y + 58;
    const px = from + (to - from) * front.progress;
    frontPath = { d: `M${from},${yy} L${to},${yy}`, dot: [px, yy] };
  }
  return (
    <g className="saga-track" data-saga={t.saga} data-status={t.status}>
      <text x={4} y={y - 4} className="saga-track-name">
        {t.saga}: {t.label}
      </text>
      {t.steps.map((s) => {
        const bx = x(s.name) ?? 0;
        return (
          <g key={s.name} className="saga-step" data-step={s.name} data-status={s.status} data-kind={s.kind} data-dup={s.runs > 1 || s.undos > 1 ? 'true' : undefined}>
            <StepBody x={bx} y={y} w={bw} status={s.status} />
            <text x={bx + bw / 2} y={y + 17} textAnchor="middle" className="saga-step-name" data-narrow={narrow ? 'true' : undefined}>
              {narrow ? TINY[s.name] : s.name}
            </text>
            <text x={bx + bw / 2} y={y + 34} textAnchor="middle" className="saga-step-glyph">
              {narrow ? GLYPH[s.status].split(' ')[0] : GLYPH[s.status]}
              {s.runs > 1 ? ` ×${s.runs}` : ''}
            </text>
            <text x={bx + bw / 2} y={y + 72} textAnchor="middle" className="saga-step-kind">
              {narrow ? SHORT[s.kind] : KIND[s.kind]}
            </text>
          </g>
        );
      })}
      {frontPath && (
        <g className="saga-front">
          <path d={frontPath.d} />
          <circle cx={frontPath.dot[0]} cy={frontPath.dot[1]} r={5} />
        </g>
      )}
    </g>
  );
}

/** One mode's panel. */
export function SagaPanel({ mode, driven, tracks, services, coordination, headUp }: SagaPanelProps) {
  const ref = useRef<HTMLDivElement>(null);
  const w = useSvgWidth(ref, 420, 280, 720);
  const h = 14 + tracks.length * ROW_H;
  const title = mode === 'orchestration' ? 'Orchestration' : 'Choreography';
  return (
    <section className="saga-panel" data-mode={mode} data-driven={driven ? 'true' : undefined} aria-label={`${title}${driven ? ' (the run you drive)' : ' (the same run, coordinated the other way)'}`}>
      <h4 className="saga-panel-title">
        {title}
        <span className="saga-panel-sub">{mode === 'orchestration' ? ` · O drives${headUp ? '' : ' · O is DOWN'}` : ' · events on broker B'}{driven ? '' : ' · mirror'}</span>
      </h4>
      <div ref={ref} className="saga-track-wrap">
        <svg viewBox={`0 0 ${w} ${h}`} width="100%" className="saga-svg" role="img" aria-label={`${title}: ${tracks.map((t) => `${t.saga} ${t.status}; ${t.steps.map((s) => `${s.name} ${s.status}`).join(', ')}`).join('. ')}`}>
          {tracks.map((t, i) => (
            <Track key={t.saga} t={t} w={w} y={18 + i * ROW_H} />
          ))}
        </svg>
      </div>
      <div className="saga-services">
        {services.map((b) => (
          <section key={b.node} className="saga-service" data-node={b.node} data-up={b.up ? 'true' : 'false'} aria-label={`${b.title}, ${title.toLowerCase()}`}>
            <h5>
              {b.title}
              {b.up ? '' : ' (down)'}
            </h5>
            <ul>
              {b.lines.length === 0 ? (
                <li className="saga-empty">nothing yet</li>
              ) : (
                b.lines.map((l, i) => (
                  <li key={i} data-tone={l.tone}>
                    {l.text}
                  </li>
                ))
              )}
            </ul>
          </section>
        ))}
      </div>
      <section className="saga-coord" aria-label={coordination.title}>
        <h5>{coordination.title}</h5>
        <ol start={Math.max(1, coordination.total - coordination.lines.length + 1)}>
          {coordination.lines.length === 0 ? <li className="saga-empty">empty</li> : coordination.lines.map((l, i) => <li key={i}>{l}</li>)}
        </ol>
      </section>
    </section>
  );
}
