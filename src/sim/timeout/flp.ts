/**
 * FLP in miniature (Fischer, Lynch & Paterson 1985). Three processes run a deterministic,
 * round-based consensus attempt — Ben-Or's 1983 protocol with the coin flip replaced by a
 * deterministic rule, "switch to the other value you saw" — that is safe (never two different decisions) and, because any one process might
 * have crashed, waits for only n−f = 2 messages (its own plus the first other) per phase.
 *
 * Round r: report x to all; on 2 reports, propose v if both are v, else ⊥. On 2 proposals:
 * two equal non-⊥ proposals ⇒ decide v; one non-⊥ ⇒ adopt it; none ⇒ switch x to the other
 * value (the process saw both). Safety never depends on that rule: if anyone decides v, every
 * process sees at least one v proposal. The rule only makes both outcomes reachable from a
 * mixed start, so the initial configuration is bivalent (FLP Lemma 2).
 *
 * The scheduler decides which pending message arrives next. A fair random scheduler almost
 * always lets the protocol decide within a few rounds. The adversary never drops anything; it
 * only postpones, at every step, the message whose delivery would let a process see two equal
 * values — the step that would make the configuration univalent — and delivers it once it has
 * become harmless. Every message is eventually delivered, nobody crashes, and yet no process
 * ever decides: the configuration stays bivalent forever (FLP Lemma 3). FLP is about this
 * uncertainty of asynchrony, not about a missing vote: every vote here arrives.
 *
 * Why this core does not run on the kernel's `worldMechanism`: FLP is a statement about the
 * scheduler, and here the adversary *is* the scheduler. It picks which pending message arrives
 * next by looking at the whole configuration, so there are no latencies to sample and no timers
 * to fire, only an order of deliveries. It implements `Mechanism` directly (replay, seeking and
 * the widget toolkit work the same) and draws its randomness from the kernel's sfc32 streams
 * (src/sim/core/rng.ts), keeping the generator state inside `FlpState` as plain data.
 */
import type { Mechanism, Sanitized, Scenario, TraceEntry, TraceKind } from '../core/types';
import { createRng, uniform, type RngState } from '../core/rng';
import { appendTrace, emptyTrace, traceView, type TraceBuf } from '../core/trace';

/** A binary value. */
export type Bit = 0 | 1;
/** A proposal: a value or ⊥ (null). */
export type Prop = Bit | null;
/** Process ids. */
export const FLP_PROCS = ['P', 'Q', 'R'] as const;
/** A process id. */
export type ProcId = (typeof FLP_PROCS)[number];

/** One process's local state. */
export interface FlpProc {
  readonly id: ProcId;
  readonly input: Bit;
  readonly x: Bit;
  readonly round: number;
  readonly phase: 1 | 2;
  /** Reports and proposals received per round, in arrival order (own first). */
  readonly reports: Readonly<Record<number, readonly { from: ProcId; v: Bit }[]>>;
  readonly proposals: Readonly<Record<number, readonly { from: ProcId; v: Prop }[]>>;
  readonly proposal: Prop | undefined;
  readonly decided: Bit | null;
}

/** A message between processes. */
export interface FlpMsg {
  readonly id: number;
  readonly from: ProcId;
  readonly to: ProcId;
  readonly kind: 'report' | 'propose' | 'decide';
  readonly round: number;
  readonly v: Prop;
  readonly sentAt: number;
}

/** Who picks the next delivery. */
export type SchedulerMode = 'adversary' | 'fair';

/** Parameters. */
export interface FlpParams {
  readonly inputs: readonly [Bit, Bit, Bit];
  readonly scheduler: SchedulerMode;
  /** Virtual ms between deliveries. */
  readonly gap: number;
}

/** Full state. */
export interface FlpState {
  readonly params: FlpParams;
  readonly scheduler: SchedulerMode;
  readonly now: number;
  readonly nextAt: number;
  /** The scheduler's random stream (sfc32 state, plain data). */
  readonly rng: RngState;
  readonly nextMsg: number;
  readonly procs: Readonly<Record<ProcId, FlpProc>>;
  /** Messages sent and not yet delivered, in send order. */
  readonly pending: readonly FlpMsg[];
  /** Messages the adversary postponed because delivering them would have let someone decide. */
  readonly postponed: number;
  /** Shared append-only trace (kernel `TraceBuf`): copying an array per event made a run quadratic in its steps. */
  readonly trace: TraceBuf;
}

/** Reader actions. */
export type FlpAction = { readonly type: 'flp/deliver'; readonly msg: number } | { readonly type: 'flp/scheduler'; readonly mode: SchedulerMode };

/** Deliveries after which a waiting message is delivered next (bounded fairness). */
export const MAX_WAIT = 24;

const DEFAULTS: FlpParams = { inputs: [0, 1, 1], scheduler: 'adversary', gap: 120 };

function note(s: FlpState, kind: TraceKind, label: string, extra: Partial<Omit<TraceEntry, 'seq' | 't' | 'kind' | 'label'>> = {}): FlpState {
  return { ...s, trace: appendTrace(s.trace, { seq: s.trace.len, t: s.now, kind, label, ...extra }) };
}

const show = (v: Prop) => (v === null ? '⊥' : String(v));

function broadcast(s: FlpState, from: ProcId, kind: FlpMsg['kind'], round: number, v: Prop): FlpState {
  let st = s;
  for (const to of FLP_PROCS) {
    if (to === from) continue;
    const m: FlpMsg = { id: st.nextMsg, from, to, kind, round, v, sentAt: st.now };
    st = { ...st, nextMsg: m.id + 1, pending: [...st.pending, m] };
    st = note(st, 'send', `${from}→${to} ${kind} r${round} ${show(v)}`, { node: from, from, to, msgId: m.id });
  }
  return st;
}

function setProc(s: FlpState, p: FlpProc): FlpState {
  return { ...s, procs: { ...s.procs, [p.id]: p } };
}

/** The entries of a per-round record for rounds `r` and later. */
function fromRound<T>(rec: Readonly<Record<number, T>>, r: number): Record<number, T> {
  const out: Record<number, T> = {};
  for (const k in rec) if (Number(k) >= r) out[k] = rec[k];
  return out;
}

/** Run a process's local steps as far as the messages it holds allow. */
function progress(s: FlpState, id: ProcId): FlpState {
  let st = s;
  for (;;) {
    const p = st.procs[id];
    if (p.decided !== null) return st;
    if (p.phase === 1) {
      const got = p.reports[p.round] ?? [];
      if (got.length < 2) return st;
      const prop: Prop = got[0].v === got[1].v ? got[0].v : null;
      const proposals = { ...p.proposals, [p.round]: [{ from: id, v: prop }, ...(p.proposals[p.round] ?? [])] };
      st = setProc(st, { ...p, phase: 2, proposal: prop, proposals });
      st = note(st, 'note', `${id} saw ${got[0].v},${got[1].v} in round ${p.round}: proposes ${show(prop)}`, { node: id, data: { proposal: prop } });
      st = broadcast(st, id, 'propose', p.round, prop);
      continue;
    }
    const got = p.proposals[p.round] ?? [];
    if (got.length < 2) return st;
    const vals = got.slice(0, 2).map((g) => g.v).filter((v): v is Bit => v !== null);
    if (vals.length === 2 && vals[0] === vals[1]) {
      st = setProc(st, { ...p, x: vals[0], decided: vals[0] });
      st = note(st, 'note', `${id} DECIDES ${vals[0]} in round ${p.round}`, { node: id, data: { decided: vals[0] } });
      return broadcast(st, id, 'decide', p.round, vals[0]);
    }
    const x: Bit = vals.length ? vals[0] : ((1 - p.x) as Bit);
    const round = p.round + 1;
    // Earlier rounds are never read again (their messages are no-ops), so they are dropped: keeping them made every round cost O(rounds).
    const reports = { ...fromRound(p.reports, round), [round]: [{ from: id, v: x }, ...(p.reports[round] ?? [])] };
    st = setProc(st, { ...p, x, round, phase: 1, proposal: undefined, reports, proposals: fromRound(p.proposals, round) });
    st = note(st, 'note', `${id} ${vals.length ? `adopts ${x}` : `saw only ⊥, switches to ${x}`}; starts round ${round}`, { node: id });
    st = broadcast(st, id, 'report', round, x);
  }
}

/** Would delivering `m` change anything? (Old-round messages and messages to decided processes are no-ops.) */
export function isNoop(s: FlpState, m: FlpMsg): boolean {
  const p = s.procs[m.to];
  if (p.decided !== null) return true;
  if (m.kind === 'decide') return false;
  if (m.round < p.round) return true;
  if (m.round > p.round) return false;
  return m.kind === 'report' ? p.phase === 2 || (p.reports[p.round] ?? []).length >= 2 : (p.proposals[p.round] ?? []).length >= 2;
}

/** Deliver message `id` now. */
export function deliver(s: FlpState, id: number): FlpState {
  const m = s.pending.find((x) => x.id === id);
  if (!m) return s;
  let st: FlpState = { ...s, pending: s.pending.filter((x) => x.id !== id) };
  const noop = isNoop(st, m);
  st = note(st, 'deliver', `${m.to} receives ${m.kind} r${m.round} ${show(m.v)} from ${m.from}${noop ? ' (too late to matter)' : ''}`, {
    node: m.to, from: m.from, to: m.to, msgId: m.id,
  });
  if (noop) return st;
  const p = st.procs[m.to];
  if (m.kind === 'decide') {
    st = setProc(st, { ...p, x: m.v as Bit, decided: m.v as Bit });
    return note(st, 'note', `${m.to} DECIDES ${show(m.v)} (told by ${m.from})`, { node: m.to, data: { decided: m.v } });
  }
  if (m.kind === 'report') {
    st = setProc(st, { ...p, reports: { ...p.reports, [m.round]: [...(p.reports[m.round] ?? []), { from: m.from, v: m.v as Bit }] } });
  } else {
    st = setProc(st, { ...p, proposals: { ...p.proposals, [m.round]: [...(p.proposals[m.round] ?? []), { from: m.from, v: m.v }] } });
  }
  return progress(st, m.to);
}

/** Does delivering `m` let some process see two equal values, now or in the local steps it triggers? */
export function isCritical(s: FlpState, m: FlpMsg): boolean {
  // Speculate on a private trace, so the run's shared trace array never holds a branch it did not take.
  const after = deliver({ ...s, trace: emptyTrace() }, m.id);
  return traceView(after.trace).some((e) => {
    const d = e.data as { proposal?: Prop; decided?: Bit } | undefined;
    return d !== undefined && ((d.proposal !== undefined && d.proposal !== null) || d.decided !== undefined);
  });
}

/** Is `m` for the round and phase its recipient is in now (not early, not stale)? */
export function isCurrent(s: FlpState, m: FlpMsg): boolean {
  const p = s.procs[m.to];
  if (m.kind === 'decide' || m.round !== p.round) return false;
  return m.kind === 'report' ? p.phase === 1 : p.phase === 2;
}

/**
 * The adversary's choice: behave like the fair random scheduler, except (1) a message that would
 * let its recipient see two equal values is postponed, and (2) a message that arrives early (for
 * a later round or phase) is held until its recipient gets there, so it cannot set up a decision
 * behind the adversary's back. Held messages are delivered once harmless, so every message is
 * eventually delivered. Only if nothing else is possible does it let a critical message through.
 */
export function adversaryPick(s: FlpState, u: number, u2: number): { id: number; postponed: FlpMsg | null } | null {
  if (!s.pending.length) return null;
  const candidate = s.pending[Math.floor(u * s.pending.length)];
  const ok = (m: FlpMsg) => isNoop(s, m) || (isCurrent(s, m) && !isCritical(s, m));
  if (ok(candidate)) return { id: candidate.id, postponed: null };
  const pool = s.pending.filter(ok);
  const fallback = pool.length ? pool : s.pending.filter((m) => !isCritical(s, m));
  if (!fallback.length) return { id: candidate.id, postponed: null };
  const id = fallback[Math.floor(u2 * fallback.length)].id;
  return { id, postponed: isCritical(s, candidate) ? candidate : null };
}

function init(seed: number, params: FlpParams): FlpState {
  const procs = Object.fromEntries(
    FLP_PROCS.map((id, i) => {
      const v = params.inputs[i];
      const p: FlpProc = { id, input: v, x: v, round: 1, phase: 1, reports: { 1: [{ from: id, v }] }, proposals: {}, proposal: undefined, decided: null };
      return [id, p];
    }),
  ) as Record<ProcId, FlpProc>;
  let st: FlpState = {
    params, scheduler: params.scheduler, now: 0, nextAt: params.gap, rng: createRng(seed, 'flp/scheduler'), nextMsg: 1, procs, pending: [], postponed: 0, trace: emptyTrace(),
  };
  for (const id of FLP_PROCS) st = broadcast(st, id, 'report', 1, procs[id].x);
  return st;
}

function next(s: FlpState): FlpState {
  if (!s.pending.length) return s;
  let st: FlpState = { ...s, now: Math.max(s.now, s.nextAt) };
  const [u, r1] = uniform(st.rng);
  const [u2, r2] = uniform(r1);
  st = { ...st, rng: r2 };
  let id = st.pending[Math.floor(u * st.pending.length)].id;
  // Bounded fairness: a message that has waited MAX_WAIT deliveries goes next, unless the
  // adversary still considers it critical (it turns harmless once its recipient moves on).
  const overdue = st.pending.find(
    (m) => st.now - m.sentAt >= MAX_WAIT * st.params.gap && (st.scheduler === 'fair' || isNoop(st, m) || !isCritical(st, m)),
  );
  if (overdue) id = overdue.id;
  else if (st.scheduler === 'adversary') {
    const pick = adversaryPick(st, u, u2)!;
    id = pick.id;
    const m = pick.postponed;
    if (m) {
      st = { ...st, postponed: st.postponed + 1 };
      st = note(st, 'note', `adversary postpones ${m.from}→${m.to} ${m.kind} r${m.round} ${show(m.v)}: it would let ${m.to} see two equal values`, {
        node: m.to,
        data: { postponed: m.id },
      });
    }
  }
  st = deliver(st, id);
  return { ...st, nextAt: st.now + st.params.gap };
}

function apply(s: FlpState, a: FlpAction): FlpState {
  if (a.type === 'flp/scheduler') return note({ ...s, scheduler: a.mode }, 'action', `scheduler: ${a.mode === 'adversary' ? 'adversary' : 'fair (random)'}`);
  const m = s.pending.find((x) => x.id === a.msg);
  if (!m) return note(s, 'note', `message #${a.msg} is not pending`);
  const st = note(s, 'action', `reader delivers ${m.from}→${m.to} ${m.kind} r${m.round} ${show(m.v)} now`, { node: m.to });
  return { ...deliver(st, a.msg), nextAt: s.now + s.params.gap };
}

function sanitize(raw: unknown): Sanitized<FlpParams> {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  let inputs = DEFAULTS.inputs;
  if (r.inputs !== undefined) {
    if (Array.isArray(r.inputs) && r.inputs.length === 3 && r.inputs.every((v) => v === 0 || v === 1)) inputs = r.inputs as unknown as [Bit, Bit, Bit];
    else problems.push('Inputs must be three 0/1 values; using 0,1,1.');
  }
  let scheduler = DEFAULTS.scheduler;
  if (r.scheduler !== undefined) {
    if (r.scheduler === 'adversary' || r.scheduler === 'fair') scheduler = r.scheduler;
    else problems.push('Scheduler must be adversary or fair; using adversary.');
  }
  let gap = DEFAULTS.gap;
  if (r.gap !== undefined) {
    if (typeof r.gap === 'number' && Number.isFinite(r.gap)) gap = Math.min(1000, Math.max(10, r.gap));
    if (gap !== r.gap) problems.push('Gap must be 10–1000 ms; clamped.');
  }
  return { value: { inputs, scheduler, gap }, problems };
}

function parse(raw: unknown): FlpAction | null {
  if (!raw || typeof raw !== 'object') return null;
  const a = raw as Record<string, unknown>;
  if (a.type === 'flp/deliver' && typeof a.msg === 'number' && Number.isInteger(a.msg) && a.msg > 0 && a.msg < 1e7) return { type: 'flp/deliver', msg: a.msg };
  if (a.type === 'flp/scheduler' && (a.mode === 'adversary' || a.mode === 'fair')) return { type: 'flp/scheduler', mode: a.mode };
  return null;
}

/** What sampling continuations of a configuration found. */
export interface ValenceSample {
  /** Decision values reached by some sampled fair continuation. */
  readonly reachable: readonly Bit[];
  /** Continuations tried. */
  readonly tried: number;
}

/**
 * Which decisions are still reachable from `s`? Runs `tries` fair random continuations for up
 * to `depth` deliveries each. Finding both 0 and 1 proves the configuration bivalent (each is a
 * witness schedule); finding only one is evidence, not proof, of univalence.
 */
export function sampleValence(s: FlpState, tries = 32, depth = 120): ValenceSample {
  const decided = FLP_PROCS.map((id) => s.procs[id].decided).find((d) => d !== null);
  if (decided !== undefined && decided !== null) return { reachable: [decided], tried: 0 };
  const found = new Set<Bit>();
  for (let i = 0; i < tries && found.size < 2; i++) {
    let st: FlpState = { ...s, scheduler: 'fair', rng: createRng(i + 1, 'flp/valence'), trace: emptyTrace() };
    for (let k = 0; k < depth && st.pending.length; k++) {
      st = next(st);
      const d = FLP_PROCS.map((id) => st.procs[id].decided).find((x) => x !== null);
      if (d !== undefined && d !== null) {
        found.add(d);
        break;
      }
    }
  }
  return { reachable: [...found].sort(), tried: tries };
}

/** The FLP scenario. */
export const flpScenarios: readonly Scenario<FlpParams, FlpAction>[] = [
  {
    id: 'flp-adversary',
    title: 'FLP: an adversary keeps consensus undecided forever',
    description:
      'P starts with 0, Q and R with 1. Each process waits for two reports because the third might have crashed. Both decisions are still possible (the configuration is bivalent). The adversarial scheduler delivers every message eventually, but always postpones the one that would let a process see two equal values, so the configuration stays bivalent and nobody decides, ever. Switch to the fair scheduler, or deliver the postponed message yourself, and watch a decision happen.',
    // Any seed keeps the adversary undecided (see flp.test.ts); 11 is one where the fair
    // scheduler, switched on at 1.5 s (narration) or 3 s (e2e), decides within the timeline.
    seed: 11,
    params: DEFAULTS,
    log: [],
    until: 6000,
  },
];

/** The FLP mechanism. */
export const flpMechanism: Mechanism<FlpParams, FlpState, FlpAction> = {
  id: 'flp',
  defaults: DEFAULTS,
  sanitizeParams: sanitize,
  parseAction: parse,
  init,
  apply,
  peek: (s) => (s.pending.length ? s.nextAt : Infinity),
  next,
  advanceTo: (s, t) => (t > s.now ? { ...s, now: t } : s),
  now: (s) => s.now,
  trace: (s) => traceView(s.trace),
  scenarios: flpScenarios,
};
