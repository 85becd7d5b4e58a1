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
import type { AnyMechanism, LogEntry, Scenario, Tagged, Time } from '../../sim/core';
import { createAnnouncer } from './announce';
import type { AnyAction, LabDefinition } from './definition';
import { timeScaleOf } from './pace';
/** Re-exported for modules that imported them from here before `definition.ts` existed. */
export type { AnyAction, LabDefinition } from './definition';
import type { SharedMoment } from './urlState';

/**
 * Playback speeds offered by the controls. 1× shows one typical step (a network hop) in ¾ s
 * (`shared/pace.ts`); 10×–100× are for readers who know the story and want the outcome.
 */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 10, 30, 100] as const;

/** The speed one notch faster (`dir` 1) or slower (-1) than `speed` in `SPEEDS`, stopping at either end. */
export function nextSpeed(speed: number, dir: 1 | -1): number {
  const i = SPEEDS.findIndex((s) => s >= speed);
  const at = i < 0 ? SPEEDS.length - 1 : SPEEDS[i] === speed ? i : dir > 0 ? i - 1 : i;
  return SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, at + dir))];
}

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
  /** Latest sentence for the polite live region (derived from each change by announce.ts). */
  readonly announcement: string;
  /**
   * Not null when the announcement reports a move through the run: LabFrame then speaks this lead
   * followed by the lab's step caption instead (`Announced` in announce.ts).
   */
  readonly announcementLead: string | null;
  /** How many times a scenario or shared moment has been loaded into this store (a reload is not an edit). */
  readonly loaded: number;
  readonly driver: Driver;
  /** While a shared link's moment is replayed in slices: steps done and the target; null otherwise. */
  readonly restoring: { readonly done: number; readonly total: number } | null;

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
  /**
   * Load a link's run at its start and replay towards its moment in slices (`continueRestore`), so
   * that no long task freezes the page however far the link points.
   */
  beginMoment(m: SharedMoment, problems?: readonly string[]): void;
  /** Replay towards the pending moment for about `budgetMs` of wall-clock time; true once it is reached (or none is pending). */
  continueRestore(budgetMs: number): boolean;
  /** Give up on the pending moment and show the scenario from its start instead. */
  cancelRestore(): void;
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

/**
 * Latest virtual time a run of this lab may reach: four times the longest of the lab's duration and its
 * scenarios' own stops and actions. Open-ended playback stops here, and a link may point no further
 * (`linkLimits`), so every moment a reader can reach can also be shared. Without it a never-quiet world
 * (Raft's heartbeats) played on forever: the soak saw its heap grow by ~4.7 MB a minute at 8x.
 */
export function runTimeLimit<S, P>(def: Pick<LabDefinition<S, P>, 'mechanisms' | 'duration'>, mechId: string, params: P): Time {
  const mech = def.mechanisms.find((m) => m.id === mechId);
  const own = (mech?.scenarios ?? []).flatMap((sc) => [sc.until ?? 0, ...sc.log.map((e) => e.at)]);
  return 4 * Math.max(1, def.duration(mechId, params), ...own);
}

/** Create the store for one lab instance, starting at t=0 of `scenarioId` (or the default). */
export function createLabStore<S, P>(def: LabDefinition<S, P>, scenarioId?: string): LabStore<S, P> {
  const first = resolveScenario(def, scenarioId);
  // The replay engine for the current (mechanism, seed, params); `act` changes its log in place.
  let run: SeekableRun<P, S, Tagged>;
  // A link's moment still being replayed in slices (`beginMoment`); any new run drops it.
  let pending: { steps: number; t: Time; cursor: Cursor<S> } | null = null;
  const runFor = (mech: AnyMechanism, seed: number, params: P, log: readonly LogEntry<Tagged>[]) => {
    pending = null;
    return (run = new SeekableRun<P, S, Tagged>(mech, { mechanism: mech.id, seed, params, log }));
  };

  const store = createStore<LabStoreState<S, P>>()((set, get) => {
    /** The whole run replaced by a scenario's start. */
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
        restoring: null,
      };
    };

    return {
      ...start(first.mech, first.scenario, first.problems),
      announcement: `Loaded scenario: ${first.scenario.title}.`,
      announcementLead: null,
      loaded: 0,
      speed: 1,
      driver: 'reader',

      play: () => {
        const s = get();
        if (run.nextTime(s.cursor) === Infinity && cursorTime(s) >= timelineEnd(def, s)) {
          set({ announcement: 'Nothing left to play; reset or step back first.', announcementLead: null });
          return;
        }
        set({ playing: true });
      },
      pause: () => {
        if (get().playing) set({ playing: false });
      },
      togglePlay: () => (get().playing ? get().pause() : get().play()),
      setSpeed: (speed) => {
        set({ speed: SPEEDS.reduce((a, b) => (Math.abs(b - speed) < Math.abs(a - speed) ? b : a), 1) });
      },
      stepForward: () => {
        const s = get();
        const next = run.stepForward(s.cursor);
        if (next === s.cursor) set({ playing: false, announcement: `Nothing more happens; t=${Math.round(cursorTime(s))} ms.`, announcementLead: null });
        else set({ cursor: next, playing: false });
      },
      stepBack: () => {
        const s = get();
        if (s.cursor.steps === 0) set({ cursor: run.start, playing: false, announcement: 'Already at the start.', announcementLead: null });
        else set({ cursor: run.stepBack(s.cursor), playing: false });
      },
      seekTime: (t) => {
        const s = get();
        const target = Math.max(0, Math.min(Number.isFinite(t) ? t : 0, timelineEnd(def, s) * 4));
        set({ cursor: target >= cursorTime(s) ? run.advance(s.cursor, target) : run.cursorAtTime(target) });
      },
      act: (action) => {
        const s = get();
        const parsed = s.mechanism.parseAction(action);
        if (!parsed) {
          set({ announcement: `That action is not valid here.`, announcementLead: null });
          return;
        }
        // Settle everything due at the cursor first, so replay applies the action at the same point.
        const t = cursorTime(s);
        const here = run.advance(s.cursor, t);
        run.setLog([...run.log.slice(0, here.logIdx), { at: t, action: parsed }]);
        set({ log: run.log, cursor: run.stepForward(here) });
      },
      reset: () => {
        const found = findScenario(def, get().scenarioId) ?? defaultScenario(def);
        set({ ...start(found.mech, found.scenario, []), loaded: get().loaded + 1 });
      },
      setSeed: (seed) => {
        const s = get();
        const clean = Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff ? seed : null;
        if (clean === null) {
          set({ problems: ['A seed must be a whole number between 0 and 4294967295.'] });
          return;
        }
        set({ seed: clean, problems: [], cursor: runFor(s.mechanism, clean, s.params, s.log).cursorAtTime(cursorTime(s)) });
      },
      setParams: (raw) => {
        const s = get();
        const { value, problems } = s.mechanism.sanitizeParams(raw);
        set({ params: value, problems, cursor: runFor(s.mechanism, s.seed, value, s.log).cursorAtTime(cursorTime(s)) });
      },
      loadScenario: (id) => {
        const r = resolveScenario(def, id);
        set({ ...start(r.mech, r.scenario, r.problems), loaded: get().loaded + 1 });
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
          cursor: r.cursorAtStep(m.steps, m.t),
          playing: false,
          problems: [...problems],
          loaded: get().loaded + 1,
          restoring: null,
        });
      },
      beginMoment: (m, problems = []) => {
        get().loadMoment({ ...m, steps: 0, t: 0 }, problems);
        if (get().mechanism.id !== m.mechanism) return;
        pending = { steps: Math.max(0, Math.floor(m.steps)), t: m.t, cursor: get().cursor };
        set({ restoring: { done: 0, total: pending.steps } });
        get().continueRestore(0);
      },
      continueRestore: (budgetMs) => {
        const p = pending;
        if (!p) return true;
        const deadline = performance.now() + Math.max(0, budgetMs);
        // One step at a time from where the last slice stopped, looking at the clock after every step: a
        // step's cost is whatever one action costs (a ServiceLab fan-out burst samples 40,000 latencies),
        // so a fixed number of steps per slice is not a bound. url-fuzz seed 20261205 #713: 120 bursts
        // froze the page for over 10 s when a slice was 128 steps. Every slice takes at least one step.
        let c = p.cursor;
        for (;;) {
          // Past the link's time: its step count was inconsistent, so its time decides (also bounded).
          const late = run.nextTime(c) > p.t;
          const next = c.steps >= p.steps || late ? c : run.stepForward(c);
          if (next === c) {
            pending = null;
            const now = run.mech.now(c.state);
            const at = late ? run.advance(c, p.t) : p.t > now && p.t <= run.nextTime(c) ? { ...c, state: run.mech.advanceTo(c.state, p.t) } : c;
            set({ cursor: at, restoring: null });
            return true;
          }
          c = next;
          // Finishing costs no step, so a slice that has taken the link's last step also lands it: a short
          // link is restored within beginMoment, with no "Replaying" flash.
          if (performance.now() >= deadline && c.steps < p.steps) break;
        }
        p.cursor = c;
        set({ restoring: { done: c.steps, total: p.steps } });
        return false;
      },
      cancelRestore: () => {
        if (!pending) return;
        const found = findScenario(def, get().scenarioId) ?? defaultScenario(def);
        set({
          ...start(found.mech, found.scenario, ['Stopped replaying the shared run; showing the scenario from its start.']),
          loaded: get().loaded + 1,
        });
      },
      tick: (realMs) => {
        const s = get();
        if (!s.playing) return;
        const now = cursorTime(s);
        const end = timelineEnd(def, s);
        let target = now + Math.max(0, realMs) * s.speed * timeScaleOf(def, s.mechanism.id);
        let stop = false;
        const until = findScenario(def, s.scenarioId)?.scenario.until;
        if (until !== undefined && now < until && target >= until) {
          target = until;
          stop = true;
        }
        if (target >= end) {
          // Open-ended sandbox (issue 12): past the timeline's end the run goes on while anything is
          // pending (a message on the wire, a timer), so a crash at the end still plays out; it
          // stops once the world is quiet, or when the reader pauses, or at the run's time limit.
          const atEnd = run.advance(s.cursor, end);
          if (Number.isFinite(s.mechanism.peek(atEnd.state))) {
            const limit = runTimeLimit(def, s.mechanism.id, s.params);
            if (target >= limit) {
              set({ cursor: run.advance(atEnd, Math.max(end, limit)), playing: false, announcement: `Stopped at t=${Math.round(Math.max(end, limit))} ms, the end of this lab's sandbox; reset or step back to go on.` });
              return;
            }
            set({ cursor: run.advance(atEnd, target), ...(stop ? { playing: false } : {}) });
            return;
          }
          target = end;
          stop = true;
        }
        set({ cursor: run.advance(s.cursor, target), ...(stop ? { playing: false } : {}) });
      },
      setProblems: (problems) => set({ problems }),
      setDriver: (driver) => set({ driver }),
    };
  });

  // The live region: what changed, said once per change (an action that set its own sentence keeps it).
  const announce = createAnnouncer(def);
  store.subscribe((next, prev) => {
    if (next.announcement !== prev.announcement) return;
    const said = announce(prev, next);
    if (said !== null) store.setState({ announcement: said.text, announcementLead: said.lead });
  });
  return store;
}
