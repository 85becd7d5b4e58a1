/**
 * The frame around every lab: title, caption, scenario picker and description, bad-input
 * messages, the lab's picture and actions, the shared views, the controls, a polite live
 * region and keyboard shortcuts scoped to the focused lab. (A failing lab is contained by its slot's
 * error boundary in src/widgets/registry.tsx.)
 */
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { NodeId, Scenario, Tagged } from '../../sim/core';
import { Controls } from './Controls';
import { EventTable } from './EventTable';
import { labPart } from './labParts';
import { SpaceTimeDiagram } from './SpaceTimeDiagram';
import { StepCaption, useLiveSentence } from './StepCaption';
import { cursorTime, findScenario, nextSpeed, timelineEnd } from './store';
import { useLab, type LabInstance } from './useMechanismLab';
import { describeChanges, describeLog, runChanges } from './yourRun';
import './lab.css';

/** Props for the frame. */
export interface LabFrameProps {
  lab: LabInstance;
  title: string;
  caption?: string;
  /** The lab's main picture (usually a ClusterView). */
  picture: ReactNode;
  /**
   * The step caption: one sentence saying what the latest step did and why (from the lab's pure
   * `caption.ts` selector; see `stepCaption.ts`). Shown under the picture, and spoken by the live
   * region when the run moves, in place of the raw trace labels.
   */
  stepCaption?: string;
  /** The caption's `data-testid` (default `step-caption`); labs whose specs predate the shared caption keep their own id. */
  stepCaptionTestId?: string;
  /** The lab's own action buttons and settings, in the collapsible control rail. */
  actions?: ReactNode;
  /** Processes drawn in the space-time diagram, top to bottom. */
  lanes: readonly NodeId[];
  /** Anything extra under the views (results, verdicts). */
  children?: ReactNode;
  /**
   * Draw the shared space-time diagram (default true). Pass false when the lab's own picture
   * already is a space-time diagram (ClockLab, ConsistencyLab), so the reader does not see the
   * same run twice; the event table (the text alternative) stays.
   */
  spaceTime?: boolean;
  /**
   * The lab's own diagram over time (per-second charts, say), drawn below the controls in the
   * diagram's place, before the event log; implies no shared space-time diagram. Keeping it out of
   * `picture` keeps the picture, its step caption and the controls on one 800 px screen.
   */
  diagram?: ReactNode;
  describeAction?(a: Tagged): string;
}

const SHORTCUTS: [string, string][] = [
  ['Space or K', 'play / pause'],
  ['← / →', 'step back / forward one event'],
  ['Home', 'go to the start'],
  ['< / > (or - / +)', 'slower / faster, ¼× to 100×'],
  ['?', 'show or hide this help'],
];

function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) || el.isContentEditable;
}

/** The shared frame; put it at the root of every lab component. */
export function LabFrame({ lab, title, caption, picture, stepCaption, stepCaptionTestId, actions, lanes, children, describeAction, spaceTime = true, diagram }: LabFrameProps) {
  const { def, reader } = lab;
  const headingId = useId();
  const railId = useId();
  const [help, setHelp] = useState(false);
  const [railOpen, setRailOpen] = useState(true);
  const scenarioId = useLab(lab, (s) => s.scenarioId);
  const problems = useLab(lab, (s) => s.problems);
  const restoring = useLab(lab, (s) => s.restoring);
  const announcement = useLab(lab, (s) => s.announcement);
  const lead = useLab(lab, (s) => s.announcementLead);
  const live = useLiveSentence(announcement, lead, stepCaption);
  const driver = useLab(lab, (s) => s.driver);
  const scenario = findScenario(def, scenarioId)?.scenario;
  // Once the reader has changed the run (settings, seed or actions), the scenario's description is
  // stale: say "your run" instead (a string, so the selector's value is stable).
  // While narration drives, a cue that sets the lab up with its own commands is the narration's run:
  // say so (and what it did) instead of the scenario's description, which the narration contradicts.
  const yourRun = useLab(lab, (s) => {
    const c = runChanges(s, def);
    if (!c) return null;
    return s.driver === 'reader' ? describeChanges(c) : describeChanges(c, 'narration', c.actions ? describeLog(s.log, describeAction ?? ((a) => a.type)) : '');
  });
  const readerRun = driver === 'reader' ? yourRun : null;
  const scenarios = def.mechanisms.flatMap((m) => m.scenarios as readonly Scenario[]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (!lab.hydrated || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Escape' && help) {
      setHelp(false);
      return;
    }
    if (isTyping(e.target)) return;
    const onButton = e.target instanceof HTMLElement && e.target.tagName === 'BUTTON';
    if ((e.key === ' ' && !onButton) || e.key === 'k') reader.togglePlay();
    else if (e.key === 'ArrowRight') reader.stepForward();
    else if (e.key === 'ArrowLeft') reader.stepBack();
    else if (e.key === 'Home') reader.seekTime(0);
    else if (e.key === '>' || e.key === '+' || e.key === '=') reader.setSpeed(nextSpeed(lab.store.getState().speed, 1));
    else if (e.key === '<' || e.key === '-') reader.setSpeed(nextSpeed(lab.store.getState().speed, -1));
    else if (e.key === '?') setHelp((h) => !h);
    else return;
    e.preventDefault();
  };

  return (
    <section
      id={lab.id}
      ref={(el) => {
        lab.rootRef.current = el;
      }}
      className="lab"
      aria-labelledby={headingId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      data-lab={def.widget}
      data-hydrated={lab.hydrated ? 'true' : 'false'}
    >
      <header className="lab-header" {...labPart('header')}>
        <h3 id={headingId} className="lab-title">
          {title}
        </h3>
        {caption && <p className="lab-caption">{caption}</p>}
        {driver === 'narration' && <p className="lab-driver">Narration is driving this lab; use any control to take over.</p>}
      </header>
      {restoring && (
        <div className="lab-problems lab-restoring" role="status" data-restoring="true">
          <p>
            <label>
              {`Replaying the shared run (step ${restoring.done.toLocaleString('en')} of ${restoring.total.toLocaleString('en')}) `}
              <progress max={restoring.total} value={restoring.done} />
            </label>{' '}
            <button type="button" className="lab-btn" onClick={() => lab.store.getState().cancelRestore()}>
              Cancel and show the scenario
            </button>
          </p>
        </div>
      )}
      {problems.length > 0 && (
        <div className="lab-problems" role="status">
          {problems.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      )}
      <>
        <div className="lab-scenario" {...labPart('scenario')}>
          <label className="lab-field">
            <span>Scenario</span>
            <select value={readerRun ? '' : scenarioId} disabled={!lab.hydrated} onChange={(e) => e.currentTarget.value && reader.loadScenario(e.currentTarget.value)}>
              {readerRun && <option value="">Your run</option>}
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </label>
          {yourRun ? (
            <p className="lab-description" data-your-run={readerRun ? 'true' : 'narration'}>
              {yourRun}
            </p>
          ) : (
            scenario && <p className="lab-description">{scenario.description}</p>
          )}
        </div>
        <div className="lab-body">
          <div className="lab-picture" {...labPart('picture')}>
            {picture}
            {stepCaption !== undefined && <StepCaption text={stepCaption} testId={stepCaptionTestId} />}
          </div>
          {actions && (
            <div id={railId} className="lab-actions" data-open={railOpen ? 'true' : 'false'} {...labPart('actions')}>
              <button
                type="button"
                className="lab-rail-toggle"
                aria-expanded={railOpen}
                aria-controls={railId}
                disabled={!lab.hydrated}
                onClick={() => setRailOpen((o) => !o)}
              >
                {railOpen ? 'Hide controls' : 'Show controls'}
              </button>
              {actions}
            </div>
          )}
        </div>
        <div {...labPart('controls')}>
          <Controls lab={lab} describeAction={describeAction} helpOpen={help} onToggleHelp={() => setHelp((h) => !h)} />
        </div>
        {help && (
          <div className="lab-help">
            <p>Shortcuts work while focus is inside this lab:</p>
            <dl>
              {SHORTCUTS.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </div>
        )}
        <SharedViews lab={lab} lanes={lanes} title={title} spaceTime={spaceTime && diagram === undefined} diagram={diagram} />
        {children && <div {...labPart('results')}>{children}</div>}
      </>
      <p className="lab-live" aria-live="polite" aria-atomic="true">
        {lab.hydrated ? live : ''}
      </p>
    </section>
  );
}

/** Space-time diagram (unless the lab draws its own) and event table, read from the store. */
function SharedViews({ lab, lanes, title, spaceTime, diagram }: { lab: LabInstance; lanes: readonly NodeId[]; title: string; spaceTime: boolean; diagram?: ReactNode }) {
  const state = useLab(lab, (s) => s.cursor.state);
  const mech = useLab(lab, (s) => s.mechanism);
  const now = useLab(lab, cursorTime);
  const end = useLab(lab, (s) => timelineEnd(lab.def, s));
  const trace = mech.trace(state);
  return (
    <div className="lab-views">
      {diagram !== undefined ? (
        <div {...labPart('diagram')}>{diagram}</div>
      ) : (
        spaceTime && (
          <div {...labPart('diagram')}>
            <SpaceTimeDiagram trace={trace} lanes={lanes} now={now} end={end} title={`${title}: space-time diagram`} />
          </div>
        )
      )}
      <details className="lab-details" {...labPart('events')}>
        <summary>Event log (text version of the pictures)</summary>
        <EventTable trace={trace} />
      </details>
    </div>
  );
}

/**
 * A lab's exported component, named for React's developer tools. Errors are contained once, by the
 * lab's slot in `src/widgets/registry.tsx` (the book's one `ErrorBoundary`, outside the lazy load, so
 * a chunk that fails to load is contained too), not here.
 */
export function labComponent<P extends object>(title: string, Inner: (p: P) => ReactNode) {
  const Lab = (p: P) => Inner(p);
  Lab.displayName = title;
  return Lab;
}

/** @deprecated The old name of `labComponent`, from when it added a second error boundary; use `labComponent`. */
export const withLabBoundary = labComponent;
