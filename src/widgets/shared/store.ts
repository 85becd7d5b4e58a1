/**
 * One zustand vanilla store per lab instance (zustand's "initialize state with props"
 * pattern), holding the run (mechanism, seed, params, action log) and the cursor. Every
 * action either appends to the log or moves the cursor; the simulation state is always the
 * replay of (seed, params, log) up to the cursor, so stepping back and sharing are exact.
 * The cursor moves through the kernel's replay engine (`SeekableRun`, src/sim/core), whose
 * snapshots are only a cache.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { SeekableRun, type Cursor } from '../../sim/core';
import type { AnyMechanism, LogEntry, Scenario, Tagged, Time, TraceEntry } from '../../sim/core';
import type { AnyAction, LabDefinition } from './definition';
/** Re-exported for modules that imported them from here before `definition.ts` existed. */
export type { AnyAction, LabDefinition } from './definition';
import type { SharedMoment } from './urlState';

/** Playback speeds offered by the controls. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;

/** Who is currently driving the lab. */
export type Driver = 'reader' | 'narration';

/**
 * The serialisable part of a lab store plus its actions. `S` and `P` are the core's state and params
 * types (from the lab's `LabDefinition<S, P>`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface LabStoreState<S = any, P = any> {
  readonly mechanism: AnyMechanism;
  readonly scenarioId: string;
  readonly seed: number;
  readonly params: P;
  readonly log: readonly LogEntry<Tagged>[];
  readonly cursor: Cursor<S>;
  readonly playing: boolean;
  readonly speed: number;
  /** Messages about bad input (URL, props) that the lab shows above the picture. */
  readonly problems: readonly string[];
  /** Latest sentence for the polite live region. */
  readonly announcement: string;
  readonly driver: Driver;

  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  /** Process exactly one more event. */
  stepForward(): void;
  /** Go back exactly one event (by replay). */
  stepBack(): void;
  seekTime(t: Time): void;
  /** Record a reader action at the cursor; anything recorded after the cursor is discarded. */
  act(action: Tagged | AnyAction): void;
  /** Back to the start of the current scenario (seed, params and its pre-recorded log). */
  reset(): void;
  setSeed(seed: number): void;
  setParams(raw: unknown): void;
  loadScenario(id: string): void;
  loadMoment(m: SharedMoment, problems?: readonly string[]): void;
  /** Advance playback by `realMs` of wall-clock time (called from requestAnimationFrame). */
  tick(realMs: number): void;
  setProblems(problems: readonly string[]): void;
  setDriver(d: Driver): void;
}

/** A lab store. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LabStore<S = any, P = any> = StoreApi<LabStoreState<S, P>>;

/** Find a scenario (and its mechanism) by id across a lab's mechanisms. */
export function findScenario(
  def: Pick<LabDefinition, 'mechanisms'>,
  id: string | undefined,
): { mech: AnyMechanism; scenario: Scenario<unknown, Tagged> } | undefined {
  for (const mech of def.mechanisms) {
    const scenario = (mech.scenarios as readonly Scenario<unknown, Tagged>[]).find((s) => s.id === id);
    if (scenario) return { mech, scenario };
  }
  return undefined;
}

/** The first scenario of the first mechanism: every lab's fallback. */
export function defaultScenario(def: Pick<LabDefinition, 'mechanisms'>): { mech: AnyMechanism; scenario: Scenario<unknown, Tagged> } {
  const mech = def.mechanisms[0];
  return { mech, scenario: mech.scenarios[0] as Scenario<unknown, Tagged> };
}

/** Resolve a scenario prop; unknown ids fall back to the default with a message. */
export function resolveScenario(def: Pick<LabDefinition, 'mechanisms'>, id: string | undefined) {
  const found = id === undefined ? undefined : findScenario(def, id);
  if (found) return { ...found, problems: [] as string[] };
  const problems = id === undefined ? [] : [`Unknown scenario "${String(id).slice(0, 60)}"; showing "${defaultScenario(def).scenario.id}" instead.`];
  return { ...defaultScenario(def), problems };
}

/** How often (real ms) playback may update the live region. */
export const ANNOUNCE_EVERY_MS = 3000;
/** Trace kinds worth announcing during playback (not every send and delivery). */
const NOTABLE = new Set(['note', 'action', 'partition', 'heal', 'crash', 'restart', 'timer']);

/** Short sentence listing trace entries for the live region. */
export function describeEntries(entries: readonly TraceEntry[]): string {
  if (entries.length === 0) return '';
  const shown = entries.slice(-3).map((e) => `t=${Math.round(e.t)} ms: ${e.label}`);
  const more = entries.length > 3 ? ` (and ${entries.length - 3} earlier events)` : '';
  return shown.join('. ') + more + '.';
}

/** Virtual time of a cursor. */
export function cursorTime(s: Pick<LabStoreState, 'mechanism' | 'cursor'>): Time {
  return s.mechanism.now(s.cursor.state);
}

/** Length of the timeline: the default duration, stretched to cover the log, the scenario's stop and the cursor. */
export function timelineEnd<S, P>(def: LabDefinition<S, P>, s: Pick<LabStoreState<S, P>, 'mechanism' | 'cursor' | 'params' | 'log' | 'scenarioId'>): Time {
  const last = s.log.length ? s.log[s.log.length - 1].at : 0;
  const until = findScenario(def, s.scenarioId)?.scenario.until ?? 0;
  return Math.max(def.duration(s.mechanism.id, s.params), last, until, cursorTime(s));
}

/** Create the store for one lab instance, starting at t=0 of `scenarioId` (or the default). */
export function createLabStore<S, P>(def: LabDefinition<S, P>, scenarioId?: string): LabStore<S, P> {
  const first = resolveScenario(def, scenarioId);
  // The replay engine for the current (mechanism, seed, params); `act` changes its log in place.
  let run: SeekableRun<P, S, Tagged>;
  const runFor = (mech: AnyMechanism, seed: number, params: P, log: readonly LogEntry<Tagged>[]) =>
    (run = new SeekableRun<P, S, Tagged>(mech, { mechanism: mech.id, seed, params, log }));

  // Playback announcement bookkeeping (real time since the last summary, trace length announced).
  let sinceAnnounce = 0;
  let announcedUpTo = 0;

  return createStore<LabStoreState<S, P>>()((set, get) => {
    const trace = (c: Cursor<S>) => get().mechanism.trace(c.state);
    /** Move to `next`, announcing what happened between the old and new cursor. */
    const moveTo = (next: Cursor<S>, announce: 'events' | 'position' | 'none', extra: Partial<LabStoreState<S, P>> = {}) => {
      const prev = get().cursor;
      let announcement = get().announcement;
      if (announce === 'events') {
        const before = next.steps >= prev.steps ? trace(prev).length : 0;
        const fresh = trace(next).slice(before);
        announcement = fresh.length ? describeEntries(fresh) : `Nothing more happens; t=${Math.round(get().mechanism.now(next.state))} ms.`;
      } else if (announce === 'position') {
        announcement = `At t=${Math.round(get().mechanism.now(next.state))} ms, after ${next.steps} events.`;
      }
      set({ cursor: next, announcement, ...extra });
    };
    const start = (mech: AnyMechanism, scenario: Scenario<unknown, Tagged>, problems: readonly string[]) => {
      const params = mech.sanitizeParams(scenario.params).value as P;
      const r = runFor(mech, scenario.seed, params, scenario.log);
      return {
        mechanism: mech,
        scenarioId: scenario.id,
        seed: scenario.seed,
        params,
        log: r.log,
        cursor: r.start,
        playing: false,
        problems,
        announcement: `Loaded scenario: ${scenario.title}.`,
      };
    };

    return {
      ...start(first.mech, first.scenario, first.problems),
      speed: 1,
      driver: 'reader',

      play: () => {
        const s = get();
        announcedUpTo = trace(s.cursor).length;
        sinceAnnounce = 0;
        if (run.nextTime(s.cursor) === Infinity && cursorTime(s) >= timelineEnd(def, s)) {
          set({ announcement: 'Nothing left to play; reset or step back first.' });
          return;
        }
        set({ playing: true, announcement: 'Playing.' });
      },
      pause: () => {
        if (!get().playing) return;
        set({ playing: false, announcement: `Paused at t=${Math.round(cursorTime(get()))} ms.` });
      },
      togglePlay: () => (get().playing ? get().pause() : get().play()),
      setSpeed: (speed) => {
        const clamped = SPEEDS.reduce((a, b) => (Math.abs(b - speed) < Math.abs(a - speed) ? b : a), 1);
        set({ speed: clamped, announcement: `Speed ${clamped}×.` });
      },
      stepForward: () => {
        const s = get();
        moveTo(run.stepForward(s.cursor), 'events', { playing: false });
      },
      stepBack: () => {
        const s = get();
        if (s.cursor.steps === 0) {
          moveTo(run.start, 'none', { playing: false, announcement: 'Already at the start.' });
          return;
        }
        const back = run.stepBack(s.cursor);
        const undone = trace(s.cursor).slice(trace(back).length);
        moveTo(back, 'none', {
          playing: false,
          announcement: `Stepped back to t=${Math.round(s.mechanism.now(back.state))} ms${undone.length ? `, undoing: ${undone.map((e) => e.label).join('; ')}` : ''}.`,
        });
      },
      seekTime: (t) => {
        const s = get();
        const target = Math.max(0, Math.min(Number.isFinite(t) ? t : 0, timelineEnd(def, s) * 4));
        const c = target >= cursorTime(s) ? run.advance(s.cursor, target) : run.cursorAtTime(target);
        moveTo(c, 'position');
      },
      act: (action) => {
        const s = get();
        const parsed = s.mechanism.parseAction(action);
        if (!parsed) {
          set({ announcement: `That action is not valid here.` });
          return;
        }
        // Settle everything due at the cursor first, so replay applies the action at the same point.
        const t = cursorTime(s);
        const here = run.advance(s.cursor, t);
        run.setLog([...run.log.slice(0, here.logIdx), { at: t, action: parsed }]);
        set({ log: run.log });
        moveTo(run.stepForward(here), 'events');
      },
      reset: () => {
        const found = findScenario(def, get().scenarioId) ?? defaultScenario(def);
        set({ ...start(found.mech, found.scenario, []), announcement: `Reset to the start of: ${found.scenario.title}.` });
      },
      setSeed: (seed) => {
        const s = get();
        const clean = Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff ? seed : null;
        if (clean === null) {
          set({ problems: ['A seed must be a whole number between 0 and 4294967295.'] });
          return;
        }
        set({ seed: clean, problems: [] });
        const c = runFor(s.mechanism, clean, s.params, s.log).cursorAtTime(cursorTime(s));
        moveTo(c, 'none', { announcement: `Seed ${clean}; replayed to t=${Math.round(cursorTime(s))} ms.` });
      },
      setParams: (raw) => {
        const s = get();
        const { value, problems } = s.mechanism.sanitizeParams(raw);
        set({ params: value, problems });
        const c = runFor(s.mechanism, s.seed, value, s.log).cursorAtTime(cursorTime(s));
        moveTo(c, 'none', { announcement: `Settings changed; replayed to t=${Math.round(cursorTime(s))} ms.` });
      },
      loadScenario: (id) => {
        const r = resolveScenario(def, id);
        set(start(r.mech, r.scenario, r.problems));
      },
      loadMoment: (m, problems = []) => {
        const mech = def.mechanisms.find((x) => x.id === m.mechanism);
        if (!mech) return;
        const known = findScenario(def, m.scenario);
        const r = runFor(mech, m.seed, m.params as P, m.log);
        set({
          mechanism: mech,
          scenarioId: known ? m.scenario : (mech.scenarios[0] as Scenario).id,
          seed: m.seed,
          params: m.params as P,
          log: r.log,
          playing: false,
          problems: [...problems],
        });
        const c = r.cursorAtStep(m.steps, m.t);
        moveTo(c, 'position');
      },
      tick: (realMs) => {
        const s = get();
        if (!s.playing) return;
        const now = cursorTime(s);
        const end = timelineEnd(def, s);
        let target = now + Math.max(0, realMs) * s.speed * def.timeScale;
        let stop = false;
        const until = findScenario(def, s.scenarioId)?.scenario.until;
        if (until !== undefined && now < until && target >= until) {
          target = until;
          stop = true;
        }
        if (target >= end) {
          target = end;
          stop = true;
        }
        const c = run.advance(s.cursor, target);
        if (stop) {
          sinceAnnounce = 0;
          moveTo(c, 'none', { playing: false, announcement: `Paused at t=${Math.round(target)} ms. ${describeEntries(trace(c).slice(-1))}` });
          return;
        }
        // While playing, summarise at most every few seconds so screen readers are not flooded.
        sinceAnnounce += realMs;
        if (sinceAnnounce >= ANNOUNCE_EVERY_MS) {
          sinceAnnounce = 0;
          const all = trace(c);
          const fresh = all.slice(announcedUpTo > all.length ? 0 : announcedUpTo).filter((e) => NOTABLE.has(e.kind));
          announcedUpTo = all.length;
          if (fresh.length) {
            set({ cursor: c, announcement: describeEntries(fresh) });
            return;
          }
        }
        set({ cursor: c });
      },
      setProblems: (problems) => set({ problems }),
      setDriver: (driver) => set({ driver }),
    };
  });
}
