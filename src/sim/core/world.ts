/**
 * The generic message-passing world: turns any `Protocol` into a `Mechanism`.
 *
 * It is a discrete-event simulation of an asynchronous system (Lamport 1978 §2;
 * Lynch ch. 8): nodes with volatile and durable state, a network that delays,
 * loses, duplicates, reorders and partitions messages, named timers, and a
 * trace of everything that happened.
 *
 * Purity: every exported operation copies what it changes ("open" a working
 * copy, mutate only that, "close" it into a new state), so inputs are never
 * mutated. A batch (`runUntil`) opens once and processes many events, which
 * keeps per-event cost independent of run length.
 *
 * Invariant kept after every operation: the queue's top is never a stale timer
 * (cancelled, replaced, or belonging to a crashed incarnation), so `peek`
 * reports the next event that will actually do something.
 */
import type { LogEntry, Mechanism, NodeId, Sanitized, Scenario, Tagged, Time, TraceEntry, TraceKind } from './types';
import type { Ctx, CtxRandom, Protocol } from './protocol';
import { describeWorldAction, isWorldAction, parseWorldAction, type WorldAction } from './actions';
import { heapify, heapPop, heapPush, type Queued } from './queue';
import { initNet, isCut, linkKey, linkParams, partitionCuts, sanitizeLink, type NetState } from './network';
import { sampleMut, type Dist } from './dist';
import {
  cloneRng,
  createRng,
  exponentialMut,
  intMut,
  logNormalMut,
  nextFloatMut,
  paretoMut,
  type MutRng,
  type RngState,
} from './rng';
import { emptyTrace, TraceWriter, traceView, type TraceBuf } from './trace';

/** A pending event: a message delivery or a timer expiry. */
export interface QEvent<M> extends Queued {
  readonly kind: 'deliver' | 'timer';
  /** Receiver (delivery) or owner (timer). */
  readonly node: NodeId;
  readonly from: NodeId;
  readonly msgId: number;
  readonly msg: M | undefined;
  /** Timer name. */
  readonly name: string;
  /** If set, the message will be dropped on arrival for this reason. */
  readonly drop: string | null;
  /** Virtual time the message was sent or the timer set. */
  readonly sent: Time;
  /** True for the extra copy of a duplicated message. */
  readonly dup: boolean;
  /** linkKey(from, node), computed once at send time. */
  readonly key: string;
  /**
   * The message's trace label (`protocol.describe(msg)`), computed once at send when the run keeps
   * a trace, so its delivery reuses it; '' otherwise (and for timers).
   */
  readonly desc: string;
}

/** A pending timer as seen by its node. */
export interface TimerRec {
  /** Seq of the queue event that will fire it. */
  readonly id: number;
  readonly at: Time;
  readonly setAt: Time;
}

/** One node in the world. */
export interface NodeRec<NS> {
  readonly id: NodeId;
  readonly up: boolean;
  /** Current state; while down, the durable part kept by `onCrash`. */
  readonly state: NS;
  /** Increases at every crash. */
  readonly incarnation: number;
  /** Pending timers by name; a fired or cancelled timer reads as undefined. */
  readonly timers: Readonly<Record<string, TimerRec | undefined>>;
}

/** The whole simulation state: plain data, never mutated once returned. */
export interface WorldState<P, NS, M> {
  readonly mechanism: string;
  readonly seed: number;
  readonly params: P;
  readonly now: Time;
  /** Next queue sequence number (ties at equal times resolve in this order). */
  readonly seq: number;
  /** Next message id. */
  readonly msgSeq: number;
  readonly queue: readonly QEvent<M>[];
  readonly nodeIds: readonly NodeId[];
  readonly nodes: Readonly<Record<NodeId, NodeRec<NS>>>;
  readonly net: NetState;
  /**
   * The random streams' states, each created on first use from (seed, stream name), at the position
   * the protocol's stream registry gives that name (`streamSlot`; a hole until first used). An array
   * rather than a record keyed by name: a record of ~30 computed keys fell into V8's dictionary mode,
   * and copying it on every step was the largest line of the single-step profile. Positions are
   * assigned per protocol and process, so compare streams between states of one process only.
   */
  readonly rng: readonly (RngState | undefined)[];
  readonly trace: TraceBuf;
  /** False for experiment runs that need no trace (faster, less memory). */
  readonly traceOn: boolean;
  /** Internal events processed so far. */
  readonly events: number;
}

/** Options for building a world mechanism. */
export interface WorldOptions {
  /** Record a trace (default true). Experiments may turn it off. */
  readonly trace?: boolean;
}

/** The action type of a world running protocol commands C. */
export type WorldOrCommand<C extends Tagged> = WorldAction | C;

/** Where an observed step happened: the clock and the trace length after it. */
export interface StepAt {
  readonly t: Time;
  readonly seq: number;
}

/**
 * Called by `runUntil` after each event that changed its node's state (an event runs one node's
 * handler, so it changes at most that node): the node's state before and after, every node's state
 * after the step (in `nodeIds` order, built on demand), and where it happened. For ghost state that
 * watches every step, such as Raft's safety monitor: it then runs in the batch instead of forcing one
 * working copy per event.
 */
export type StepObserver<NS> = (before: NS, after: NS, states: () => readonly NS[], at: StepAt) => void;

/** A mechanism built from a protocol, with world-specific helpers. */
export interface WorldMechanism<P, NS, M, C extends Tagged> extends Mechanism<P, WorldState<P, NS, M>, WorldOrCommand<C>> {
  readonly protocol: Protocol<P, NS, M, C>;
  /**
   * Process every event due at or before `t` (up to `maxEvents`) and set the clock to `t`; `observe`,
   * if given, sees every step that changed a node (exactly the steps `next` would take one by one).
   */
  runUntil(state: WorldState<P, NS, M>, t: Time, maxEvents?: number, observe?: StepObserver<NS>): WorldState<P, NS, M>;
  /** `Mechanism.stepMany`, with the step observer of `runUntil`. */
  stepMany(state: WorldState<P, NS, M>, t: Time, maxSteps: number, observe?: StepObserver<NS>): { readonly state: WorldState<P, NS, M>; readonly steps: number };
}

const DEFAULT_MAX_EVENTS = 50_000_000;

// Stream names are built once per link and reused (string building per message is measurable).
const streamNames = new Map<string, string>();
function streamName(key: string): string {
  let n = streamNames.get(key);
  if (n === undefined) {
    n = `link:${key}`;
    if (streamNames.size < 10_000) streamNames.set(key, n);
  }
  return n;
}

const nodeStreams = new Map<string, string>();
function nodeStream(id: NodeId): string {
  let n = nodeStreams.get(id);
  if (n === undefined) {
    n = `node:${id}`;
    if (nodeStreams.size < 10_000) nodeStreams.set(id, n);
  }
  return n;
}

// Stream name → position in `WorldState.rng`, one registry per protocol (shared by its runs, so a
// new run adds no entries once the names are known, and positions stay small and dense).
const streamSlots = new WeakMap<object, Map<string, number>>();
function slotsOf(proto: object): Map<string, number> {
  let m = streamSlots.get(proto);
  if (m === undefined) {
    m = new Map();
    streamSlots.set(proto, m);
  }
  return m;
}

/**
 * A value memoised per (a, b) in a two-level map, built by `make(a, b)` on first use (a module-level
 * function, so the hot path allocates no closure). Each level holds at
 * most 1,000 keys, so a protocol that invents names per operation cannot grow it without bound
 * (past that, values are built each time).
 */
function memo2<V>(cache: Map<string, Map<string, V>>, a: string, b: string, make: (a: string, b: string) => V): V {
  let m = cache.get(a);
  if (m === undefined) {
    m = new Map();
    if (cache.size < 1000) cache.set(a, m);
  }
  let v = m.get(b);
  if (v === undefined) {
    v = make(a, b);
    if (m.size < 1000) m.set(b, v);
  }
  return v;
}

// Trace labels and payloads of timer entries, per (node, timer name): the same for every firing, and
// building them per event was a large share of the trace-on allocation. Payloads are frozen: shared.
const timerLabels = new Map<NodeId, Map<string, { label: string; data: { readonly name: string } }>>();
const makeTimerLabel = (node: NodeId, name: string) => ({ label: `${node}: ${name} timer`, data: Object.freeze({ name }) });
function timerLabel(node: NodeId, name: string): { label: string; data: { readonly name: string } } {
  return memo2(timerLabels, node, name, makeTimerLabel);
}

/** What `send` needs about a directed link, found with one two-level lookup per message. */
interface LinkInfo {
  /** linkKey(from, to). */
  readonly key: string;
  /** Name of the link's random stream. */
  readonly stream: string;
  /** The stream's position in `WorldState.rng` (from the protocol's registry, see `slotsOf`). */
  readonly slot: number;
}
// Cached per protocol and (from, to): building the key and the stream name per message, and looking
// each up in its own map, was several string-keyed lookups per send in the kernel profile.
const linkCaches = new WeakMap<object, Map<NodeId, Map<NodeId, LinkInfo>>>();
function linkCacheOf(proto: object): Map<NodeId, Map<NodeId, LinkInfo>> {
  let m = linkCaches.get(proto);
  if (m === undefined) {
    m = new Map();
    linkCaches.set(proto, m);
  }
  return m;
}
/** Position of stream `name` in a protocol's registry, registering it on first use. */
function slotIn(slots: Map<string, number>, name: string): number {
  let i = slots.get(name);
  if (i === undefined) {
    i = slots.size;
    slots.set(name, i);
  }
  return i;
}

/** True if a record has at least one own key (without building the key list). */
function anyKey(r: Readonly<Record<string, unknown>>): boolean {
  for (const _ in r) return true;
  return false;
}

/**
 * A fresh copy of a node's timers without fired or cancelled ones (and without `except`).
 * Copying only live entries keeps the map small even when a protocol uses a new timer name per
 * operation (e.g. one timeout per client request).
 */
function liveTimers(t: Readonly<Record<string, TimerRec | undefined>>, except: string): Record<string, TimerRec | undefined> {
  const out: Record<string, TimerRec | undefined> = {};
  for (const k in t) {
    const v = t[k];
    if (v !== undefined && k !== except) out[k] = v;
  }
  return out;
}

/** Mutable working copy of a state; never escapes this module. */
class Work<P, NS, M, C extends Tagged> {
  now: Time;
  seq: number;
  msgSeq: number;
  queue: QEvent<M>[];
  nodes: Record<NodeId, NodeRec<NS>>;
  net: NetState;
  private netOwned = false;
  private fifoOwned = false;
  rng: (RngState | undefined)[];
  private readonly slots: Map<string, number>;
  private readonly links: Map<NodeId, Map<NodeId, LinkInfo>>;
  private lastFrom: NodeId | null = null;
  private lastFromRow: Map<NodeId, LinkInfo> | undefined = undefined;
  /** Flags by stream position: cloned into this copy already (so it may be advanced in place). */
  private owned: boolean[] = [];
  /** Whether the network has any cut link or per-link override: most runs have neither, and then a
   * delivery or send skips those string-keyed lookups. Recomputed whenever the net changes. */
  private anyCut: boolean;
  private anyLinks: boolean;
  trace: TraceWriter | null;
  events: number;
  // Handler scratch: the node running and its timers (copied on first change).
  cur: NodeId = '';
  curTimers: Record<string, TimerRec | undefined> | null = null;
  curBase: Readonly<Record<string, TimerRec | undefined>> = {};
  readonly ctx: Ctx<M, P>;

  constructor(
    readonly s: WorldState<P, NS, M>,
    readonly proto: Protocol<P, NS, M, C>,
  ) {
    this.now = s.now;
    this.seq = s.seq;
    this.msgSeq = s.msgSeq;
    this.queue = s.queue.slice();
    this.nodes = { ...s.nodes };
    this.net = s.net;
    this.anyCut = anyKey(s.net.cut);
    this.anyLinks = anyKey(s.net.links);
    this.rng = s.rng.slice();
    this.slots = slotsOf(proto);
    this.links = linkCacheOf(proto);
    this.trace = s.traceOn ? new TraceWriter(s.trace) : null;
    this.events = s.events;
    this.ctx = new WorldCtx(this);
  }

  close(): WorldState<P, NS, M> {
    const s = this.s;
    return {
      mechanism: s.mechanism,
      seed: s.seed,
      params: s.params,
      now: this.now,
      seq: this.seq,
      msgSeq: this.msgSeq,
      queue: this.queue,
      nodeIds: s.nodeIds,
      nodes: this.nodes,
      net: this.net,
      rng: this.rng,
      trace: this.trace ? this.trace.done() : s.trace,
      traceOn: s.traceOn,
      events: this.events,
    };
  }

  /** A stream this working copy owns and may advance in place. */
  stream(name: string): MutRng {
    return this.streamAt(slotIn(this.slots, name), name);
  }

  /** Stream `name`, already known to sit at position `i`. */
  streamAt(i: number, name: string): MutRng {
    if (this.owned[i] !== true) {
      const r = this.rng[i];
      const fresh = r ? cloneRng(r) : cloneRng(createRng(this.s.seed, name));
      this.rng[i] = fresh;
      this.owned[i] = true;
      return fresh;
    }
    return this.rng[i] as MutRng;
  }

  mutNet(): { -readonly [K in keyof NetState]: NetState[K] } {
    if (!this.netOwned) {
      this.net = { ...this.net };
      this.netOwned = true;
    }
    return this.net as { -readonly [K in keyof NetState]: NetState[K] };
  }

  /** After an action changed the net: refresh the fast-path flags. */
  netChanged(): void {
    this.anyCut = anyKey(this.net.cut);
    this.anyLinks = anyKey(this.net.links);
  }

  record(kind: TraceKind, label: string, extra?: Partial<TraceEntry>): void {
    const tw = this.trace;
    if (!tw) return;
    tw.push({ seq: tw.length, t: this.now, kind, label, ...extra });
  }

  // The last message described (a broadcast sends one message object to every peer).
  private lastMsg: M | undefined = undefined;
  private lastDesc = '';

  /** The protocol's description of `msg` (a broadcast's one message object is described once). */
  private descOf(msg: M): string {
    if (msg === this.lastMsg && msg !== undefined) return this.lastDesc;
    const desc = this.proto.describe(msg);
    this.lastMsg = msg;
    this.lastDesc = desc;
    return desc;
  }

  /** Hot-path trace entry for messages (no spread, no label unless tracing); `known` is the message's description if already made. */
  recordMsg(kind: TraceKind, node: NodeId, from: NodeId, to: NodeId, msgId: number, msg: M, suffix: string, data: unknown, known = ''): void {
    const tw = this.trace;
    if (!tw) return;
    const desc = known || this.descOf(msg);
    const label = suffix ? `${desc} ${suffix}` : desc;
    tw.push({ seq: tw.length, t: this.now, kind, node, from, to, msgId, label, data });
  }

  // ---- handlers ----

  /** Run a handler for `node` with ctx bound to it, then store its result and timer changes. */
  runHandler(node: NodeId, fn: (ctx: Ctx<M, P>) => NS): void {
    const rec = this.nodes[node];
    const prevCur = this.cur;
    const prevTimers = this.curTimers;
    const prevBase = this.curBase;
    this.cur = node;
    this.curTimers = null;
    this.curBase = rec ? rec.timers : {};
    const next = fn(this.ctx);
    const latest = this.nodes[node];
    const timers = this.curTimers ?? latest?.timers ?? {};
    const base = latest ?? rec;
    this.nodes[node] = { id: base.id, up: base.up, state: next, incarnation: base.incarnation, timers };
    this.cur = prevCur;
    this.curTimers = prevTimers;
    this.curBase = prevBase;
  }

  timersMut(): Record<string, TimerRec | undefined> {
    if (!this.curTimers) this.curTimers = liveTimers(this.curBase, '');
    return this.curTimers;
  }

  /** The cached facts about link from → to (see `LinkInfo`). */
  private linkInfo(from: NodeId, to: NodeId): LinkInfo {
    // A broadcast sends from one node to all the others: keep the sender's row between sends.
    let m = from === this.lastFrom ? this.lastFromRow : this.links.get(from);
    if (m === undefined) {
      m = new Map();
      if (this.links.size < 1000) this.links.set(from, m);
    }
    this.lastFrom = from;
    this.lastFromRow = m;
    let v = m.get(to);
    if (v === undefined) {
      const key = linkKey(from, to);
      const stream = streamName(key);
      v = { key, stream, slot: slotIn(this.slots, stream) };
      if (m.size < 1000) m.set(to, v);
    }
    return v;
  }

  send(from: NodeId, to: NodeId, msg: M): void {
    const id = this.msgSeq++;
    if (!this.nodes[to]) {
      this.recordMsg('drop', from, from, to, id, msg, `dropped (no node ${to})`, { reason: 'unknown node' });
      return;
    }
    const li = this.linkInfo(from, to);
    const key = li.key;
    const link = this.anyLinks ? (this.net.links[key] ?? this.net.defaults) : this.net.defaults;
    const r = this.streamAt(li.slot, li.stream);
    // Fixed draw order (latency, loss, duplicate) keeps runs reproducible.
    let at = this.now + Math.max(0, sampleMut(link.latency, r));
    const lost = link.loss > 0 && nextFloatMut(r) < link.loss;
    const dup = link.dup > 0 && nextFloatMut(r) < link.dup;
    let at2 = dup ? this.now + Math.max(0, sampleMut(link.latency, r)) : 0;
    if (link.fifo) {
      const last = this.net.fifoLast[key] ?? -Infinity;
      if (at < last) at = last;
      if (dup && at2 < at) at2 = at;
      const net = this.mutNet();
      if (!this.fifoOwned) {
        net.fifoLast = { ...net.fifoLast };
        this.fifoOwned = true;
      }
      (net.fifoLast as Record<string, Time>)[key] = dup ? at2 : at;
    }
    const drop = this.anyCut && this.net.cut[key] === true ? 'partition' : lost ? 'loss' : null;
    const desc = this.trace ? this.descOf(msg) : '';
    this.recordMsg('send', from, from, to, id, msg, '', msg, desc);
    heapPush(this.queue, { t: at, seq: this.seq++, kind: 'deliver', node: to, from, msgId: id, msg, name: '', drop, sent: this.now, dup: false, key, desc });
    if (dup && drop === null) {
      this.recordMsg('duplicate', from, from, to, id, msg, 'duplicated', undefined, desc);
      heapPush(this.queue, { t: at2, seq: this.seq++, kind: 'deliver', node: to, from, msgId: id, msg, name: '', drop: null, sent: this.now, dup: true, key, desc });
    }
  }

  // ---- events ----

  /** True if a queued timer no longer matches its node's live timer (cancelled, replaced or crashed). */
  private stale(e: QEvent<M>): boolean {
    if (e.kind !== 'timer') return false;
    const rec = this.nodes[e.node];
    return !rec || !rec.up || rec.timers[e.name]?.id !== e.seq;
  }

  /** Pop stale timers off the top so that peek is exact. */
  purge(): void {
    const q = this.queue;
    while (q.length > 0 && this.stale(q[0])) heapPop(q);
  }

  /** Every node's state now, in nodeIds order (for observers). */
  states(): NS[] {
    return this.s.nodeIds.map((id) => this.nodes[id].state);
  }

  /** Process the next event, then tell `observe` if it changed its node; the queue top must be live (see purge). */
  processObserved(observe: StepObserver<NS>): void {
    const node = (this.queue[0] as QEvent<M>).node;
    const before = this.nodes[node].state;
    this.processNext();
    const after = this.nodes[node].state;
    if (after !== before) observe(before, after, () => this.states(), { t: this.now, seq: this.trace ? this.trace.length : this.s.trace.len });
  }

  /** Process the next event; the queue top must be live (see purge). */
  processNext(): void {
    const e = heapPop(this.queue) as QEvent<M>;
    if (e.t > this.now) this.now = e.t;
    this.events++;
    if (e.kind === 'timer') this.fireTimer(e.node, e.name);
    else {
      const rec = this.nodes[e.node];
      const reason = e.drop ?? (this.anyCut && this.net.cut[e.key] === true ? 'partition' : !rec.up ? 'node down' : null);
      if (reason) {
        this.recordMsg('drop', e.node, e.from, e.node, e.msgId, e.msg as M, `dropped (${reason})`, { reason }, e.desc);
      } else {
        this.recordMsg('deliver', e.node, e.from, e.node, e.msgId, e.msg as M, '', e.msg, e.desc);
        this.deliver(e.node, e.msg as M, e.from);
      }
    }
    this.purge();
  }

  /**
   * Run a node's onMessage: `runHandler` without the closure (this runs on every delivery, and
   * allocating a closure per event showed in the kernel profile).
   */
  private deliver(node: NodeId, msg: M, from: NodeId): void {
    const rec = this.nodes[node];
    const prevCur = this.cur;
    const prevTimers = this.curTimers;
    const prevBase = this.curBase;
    this.cur = node;
    this.curTimers = null;
    this.curBase = rec.timers;
    const next = this.proto.onMessage(rec.state, msg, from, this.ctx);
    const latest = this.nodes[node];
    this.nodes[node] = { id: latest.id, up: latest.up, state: next, incarnation: latest.incarnation, timers: this.curTimers ?? latest.timers };
    this.cur = prevCur;
    this.curTimers = prevTimers;
    this.curBase = prevBase;
  }

  /**
   * A timer fired: drop it from the node's timers, trace it and run onTimer. The copy of the timers
   * without this one is the handler's own, so timers it sets go straight into it (one copy and one
   * node record per firing instead of two of each).
   */
  private fireTimer(node: NodeId, name: string): void {
    const rec = this.nodes[node];
    const timers = liveTimers(rec.timers, name);
    if (this.trace) {
      const tw = this.trace;
      const tl = timerLabel(node, name);
      tw.push({ seq: tw.length, t: this.now, kind: 'timer', label: tl.label, node, data: tl.data });
    }
    const on = this.proto.onTimer;
    if (!on) {
      this.nodes[node] = { id: rec.id, up: rec.up, state: rec.state, incarnation: rec.incarnation, timers };
      return;
    }
    const prevCur = this.cur;
    const prevTimers = this.curTimers;
    const prevBase = this.curBase;
    this.cur = node;
    this.curTimers = timers;
    this.curBase = timers;
    const next = on(rec.state, name, this.ctx);
    this.nodes[node] = { id: rec.id, up: rec.up, state: next, incarnation: rec.incarnation, timers: this.curTimers ?? timers };
    this.cur = prevCur;
    this.curTimers = prevTimers;
    this.curBase = prevBase;
  }

  // ---- external actions ----

  applyAction(a: WorldOrCommand<C>): void {
    if (isWorldAction(a)) this.applyWorld(a);
    else this.applyCommand(a as C);
    this.purge();
  }

  private note(label: string, data?: unknown): void {
    this.record('note', label, { data });
  }

  private known(n: NodeId): boolean {
    if (this.nodes[n]) return true;
    this.note(`ignored: no node ${n}`);
    return false;
  }

  /** Tell every up node which nodes it can now send to (only for protocols that ask, see `onNetChange`). */
  private notifyNet(): void {
    const on = this.proto.onNetChange;
    if (!on) return;
    const ids = this.s.nodeIds;
    for (const id of ids) {
      if (!this.nodes[id].up) continue;
      const reachable = ids.filter((n) => n === id || this.net.cut[linkKey(id, n)] !== true);
      this.runHandler(id, (ctx) => on(this.nodes[id].state, reachable, ctx));
    }
  }

  private applyWorld(a: WorldAction): void {
    this.applyWorldOnly(a);
    this.netChanged();
    if (a.type === 'net/partition' || a.type === 'net/heal' || a.type === 'net/cut' || a.type === 'net/restore') this.notifyNet();
  }

  private applyWorldOnly(a: WorldAction): void {
    const label = this.proto.describeWorldAction?.(a) ?? describeWorldAction(a);
    switch (a.type) {
      case 'net/partition': {
        const groups = a.groups.map((g) => g.filter((n) => this.nodes[n]));
        this.mutNet().cut = partitionCuts(this.s.nodeIds, groups);
        this.record('partition', label, { data: { groups } });
        return;
      }
      case 'net/heal':
        this.mutNet().cut = {};
        this.record('heal', label);
        return;
      case 'net/cut':
      case 'net/restore': {
        if (!this.known(a.from) || !this.known(a.to)) return;
        const net = this.mutNet();
        const cut = { ...net.cut };
        if (a.type === 'net/cut') cut[linkKey(a.from, a.to)] = true;
        else delete cut[linkKey(a.from, a.to)];
        net.cut = cut;
        this.record(a.type === 'net/cut' ? 'partition' : 'heal', label, { from: a.from, to: a.to });
        return;
      }
      case 'net/link': {
        if (!this.known(a.from) || !this.known(a.to)) return;
        const net = this.mutNet();
        const links = { ...net.links };
        const problems: string[] = [];
        const pairs: [NodeId, NodeId][] = a.both ? [[a.from, a.to], [a.to, a.from]] : [[a.from, a.to]];
        for (const [f, t] of pairs) {
          const sl = sanitizeLink(a, linkParams(this.net, f, t), `link ${f}→${t}`);
          problems.push(...sl.problems);
          links[linkKey(f, t)] = sl.value;
        }
        net.links = links;
        this.record('action', label, { from: a.from, to: a.to, data: problems.length ? { problems } : undefined });
        return;
      }
      case 'net/drop': {
        const victim = this.queue.find((e) => e.kind === 'deliver' && e.msgId === a.msgId);
        if (victim === undefined) {
          this.note(`no message #${a.msgId} in flight`);
          return;
        }
        this.queue = this.queue.filter((e) => !(e.kind === 'deliver' && e.msgId === a.msgId));
        heapify(this.queue);
        // Sender and receiver too, so a step caption can say whose message the reader dropped.
        this.record('drop', `message #${a.msgId} dropped by the reader`, { msgId: a.msgId, node: victim.node, from: victim.from, to: victim.node, data: { reason: 'dropped' } });
        return;
      }
      case 'node/crash': {
        if (!this.known(a.node)) return;
        const rec = this.nodes[a.node];
        if (!rec.up) {
          this.note(`${a.node} is already down`);
          return;
        }
        const durable = this.proto.onCrash ? this.proto.onCrash(rec.state) : rec.state;
        this.nodes[a.node] = { ...rec, up: false, state: durable, incarnation: rec.incarnation + 1, timers: {} };
        this.record('crash', label, { node: a.node });
        return;
      }
      case 'node/restart': {
        if (!this.known(a.node)) return;
        const rec = this.nodes[a.node];
        if (rec.up) {
          this.note(`${a.node} is already up`);
          return;
        }
        this.nodes[a.node] = { ...rec, up: true };
        this.record('restart', label, { node: a.node });
        const on = this.proto.onRestart;
        if (on) this.runHandler(a.node, (ctx) => on(this.nodes[a.node].state, ctx));
        return;
      }
    }
  }

  private applyCommand(c: C): void {
    const target = this.proto.commandTarget(c, this.s.params);
    const label = this.proto.describeCommand ? this.proto.describeCommand(c) : c.type;
    if (target === null || !this.nodes[target]) {
      this.note(`ignored: ${label}`, c);
      return;
    }
    const rec = this.nodes[target];
    if (!rec.up) {
      this.record('drop', `${label} not accepted (${target} is down)`, { node: target, data: { reason: 'node down', command: c } });
      return;
    }
    this.record('action', label, { node: target, data: c });
    const on = this.proto.onCommand;
    if (on) this.runHandler(target, (ctx) => on(this.nodes[target].state, c, ctx));
  }
}

/**
 * The `ctx` handed to handlers. A class with prototype methods rather than an
 * object of closures: one is made per working copy, and with single-step
 * `next()` calls closure creation showed up in profiles.
 */
class WorldCtx<P, NS, M, C extends Tagged> implements Ctx<M, P>, CtxRandom {
  readonly random: CtxRandom = this;
  readonly nodes: readonly NodeId[];
  readonly params: P;
  constructor(private readonly w: Work<P, NS, M, C>) {
    this.nodes = w.s.nodeIds;
    this.params = w.s.params;
  }
  get self(): NodeId {
    return this.w.cur;
  }
  get now(): Time {
    return this.w.now;
  }
  send(to: NodeId, msg: M): void {
    this.w.send(this.w.cur, to, msg);
  }
  broadcast(msg: M): void {
    const w = this.w;
    for (const n of this.nodes) if (n !== w.cur) w.send(w.cur, n, msg);
  }
  setTimer(name: string, delay: number): void {
    const w = this.w;
    const d = Number.isFinite(delay) && delay > 0 ? delay : 0;
    const id = w.seq++;
    w.timersMut()[name] = { id, at: w.now + d, setAt: w.now };
    heapPush(w.queue, { t: w.now + d, seq: id, kind: 'timer', node: w.cur, from: w.cur, msgId: -1, msg: undefined, name, drop: null, sent: w.now, dup: false, key: '', desc: '' });
  }
  cancelTimer(name: string): void {
    const w = this.w;
    if ((w.curTimers ?? w.curBase)[name]) w.timersMut()[name] = undefined;
  }
  timerAt(name: string): Time | undefined {
    const w = this.w;
    return (w.curTimers ?? w.curBase)[name]?.at;
  }
  note(label: string, data?: unknown): void {
    this.w.record('note', label, { node: this.w.cur, data });
  }
  // The running node's stream, kept while the same node draws again (armElection draws twice per
  // handler); safe because a working copy's owned stream object never changes once cloned.
  private rngNode: NodeId | null = null;
  private rngOfNode: MutRng | null = null;
  private rnd(): MutRng {
    const w = this.w;
    if (this.rngNode === w.cur && this.rngOfNode !== null) return this.rngOfNode;
    const r = w.stream(nodeStream(w.cur));
    this.rngNode = w.cur;
    this.rngOfNode = r;
    return r;
  }
  float(): number {
    return nextFloatMut(this.rnd());
  }
  int(lo: number, hi: number): number {
    return intMut(this.rnd(), lo, hi);
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * nextFloatMut(this.rnd());
  }
  exponential(mean: number): number {
    return exponentialMut(this.rnd(), mean);
  }
  logNormal(mu: number, sigma: number): number {
    return logNormalMut(this.rnd(), mu, sigma);
  }
  pareto(xm: number, alpha: number): number {
    return paretoMut(this.rnd(), xm, alpha);
  }
  sample(d: Dist): number {
    return sampleMut(d, this.rnd());
  }
}

/** Turn a protocol into a mechanism that the replay, timeline and widget toolkit can drive. */
export function worldMechanism<P, NS, M, C extends Tagged>(
  proto: Protocol<P, NS, M, C>,
  opts: WorldOptions = {},
): WorldMechanism<P, NS, M, C> {
  const traceOn = opts.trace ?? true;

  function init(seed: number, params: P): WorldState<P, NS, M> {
    const topo = proto.topology(params);
    const nodes: Record<NodeId, NodeRec<NS>> = {};
    for (const id of topo.nodes) nodes[id] = { id, up: true, state: undefined as NS, incarnation: 0, timers: {} };
    const s0: WorldState<P, NS, M> = {
      mechanism: proto.id,
      seed: seed >>> 0,
      params,
      now: 0,
      seq: 0,
      msgSeq: 0,
      queue: [],
      nodeIds: [...topo.nodes],
      nodes,
      net: initNet(topo.net),
      rng: [],
      trace: emptyTrace(),
      traceOn,
      events: 0,
    };
    const w = new Work(s0, proto);
    for (const id of topo.nodes) w.runHandler(id, (ctx) => proto.initNode(id, ctx));
    w.purge();
    return w.close();
  }

  function runUntil(state: WorldState<P, NS, M>, t: Time, maxEvents = DEFAULT_MAX_EVENTS, observe?: StepObserver<NS>): WorldState<P, NS, M> {
    const q = state.queue;
    if ((q.length === 0 || q[0].t > t) && t <= state.now) return state;
    const w = new Work(state, proto);
    let n = 0;
    while (w.queue.length > 0 && w.queue[0].t <= t && n < maxEvents) {
      if (observe) w.processObserved(observe);
      else w.processNext();
      n++;
    }
    if (n < maxEvents && t > w.now && Number.isFinite(t)) w.now = t;
    return w.close();
  }

  function stepMany(state: WorldState<P, NS, M>, t: Time, maxSteps: number, observe?: StepObserver<NS>) {
    const q = state.queue;
    if (maxSteps < 1 || q.length === 0 || !(q[0].t <= t)) return { state, steps: 0 };
    const w = new Work(state, proto);
    let n = 0;
    while (n < maxSteps && w.queue.length > 0 && w.queue[0].t <= t) {
      if (observe) w.processObserved(observe);
      else w.processNext();
      n++;
    }
    return { state: w.close(), steps: n };
  }

  return {
    id: proto.id,
    defaults: proto.defaults,
    protocol: proto,
    stepMany,
    scenarios: proto.scenarios,
    sanitizeParams: (raw: unknown): Sanitized<P> => proto.sanitizeParams(raw),
    parseAction: (raw: unknown) => parseWorldAction(raw) ?? proto.parseCommand(raw),
    init,
    apply(state, action) {
      const w = new Work(state, proto);
      w.applyAction(action);
      return w.close();
    },
    peek: (state) => (state.queue.length > 0 ? state.queue[0].t : Infinity),
    next(state) {
      if (state.queue.length === 0) return state;
      const w = new Work(state, proto);
      w.processNext();
      return w.close();
    },
    advanceTo: (state, t) => runUntil(state, t),
    runUntil,
    now: (state) => state.now,
    trace: (state) => traceView(state.trace),
  };
}

/** A message in flight, for cluster views (position = (now - sent) / (arrive - sent)). */
export interface InFlight<M> {
  readonly msgId: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sent: Time;
  readonly arrive: Time;
  readonly msg: M;
  /** Set when the message will not arrive (loss, partition). */
  readonly doomed: string | null;
  readonly dup: boolean;
}

/** Messages currently in flight, oldest first. */
export function inFlight<P, NS, M>(s: WorldState<P, NS, M>): InFlight<M>[] {
  const out: InFlight<M>[] = [];
  for (const e of s.queue) {
    if (e.kind !== 'deliver') continue;
    const doomed = e.drop ?? (isCut(s.net, e.from, e.node) ? 'partition' : null);
    out.push({ msgId: e.msgId, from: e.from, to: e.node, sent: e.sent, arrive: e.t, msg: e.msg as M, doomed, dup: e.dup });
  }
  return out.sort((a, b) => a.sent - b.sent || a.msgId - b.msgId);
}

/** Build the initial state of a scenario's run, apply its log up to its `until`, using `replay`. */
export type ScenarioOf<P, C extends Tagged> = Scenario<P, WorldOrCommand<C>>;

/** Log entries typed for a world mechanism. */
export type WorldLog<C extends Tagged> = readonly LogEntry<WorldOrCommand<C>>[];
