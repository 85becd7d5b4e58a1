/**
 * The clock lab's node behaviour as a kernel `Protocol`: every node has a physical clock (offset,
 * drift, NTP step or slew, leap second; Mills 1991, RFC 5905 §11–12, simplified) and stamps each
 * of its events at once with that clock, a Lamport clock (Lamport 1978, IR1/IR2), a vector clock
 * (Fidge 1988, Mattern 1989) and a hybrid logical clock (Kulkarni et al. 2014, Fig. 5). Writes
 * of one key replicate to every node and are resolved last-writer-wins by wall-clock timestamp,
 * as Cassandra and Dynamo-style stores without vector clocks do.
 *
 * The world (src/sim/core) does time, the network (latency, partitions), crashes and randomness.
 * A node knows only its own state; each handler records what it stamped in a trace note
 * (`ClockNote`) so that `observer.ts` can rebuild the cross-node picture the lab draws.
 */
import type { Ctx, Protocol } from '../core/protocol';
import { hlcReceive, hlcTick, lamportReceive, lamportTick, vectorReceive, vectorTick } from './logical';
import { clockDefaults, parseClockCommand, sanitizeClockParams } from './params';
import { makeClock, readClock, setDrift, slewClock, stepClock, stepRateToBase } from './physical';
import { clockScenarios } from './scenarios';
import { NODE_IDS, type ClockCommand, type ClockEventKind, type ClockMsg, type ClockNode, type ClockNote, type ClockParams, type WriteStamp } from './types';

/** Initial HLC l: below every physical reading the lab can produce (and JSON-safe, unlike -Infinity). */
export const HLC_START = Number.MIN_SAFE_INTEGER;

/** Name of the node timer that ends an NTP slew. */
export const SLEW_TIMER = 'slew-end';

type C = Ctx<ClockMsg, ClockParams>;

/** Whole-ms reading of a physical clock at true time t (what a timestamp would record). */
export function reading(clock: ClockNode['clock'], t: number): number {
  return Math.floor(readClock(clock, t));
}

/** LWW order: higher timestamp wins, then node id (as Cassandra does with cell timestamps), then the writer's later write. */
export function lwwBeats(a: WriteStamp, b: WriteStamp): boolean {
  return a.ts > b.ts || (a.ts === b.ts && (a.node > b.node || (a.node === b.node && a.n > b.n)));
}

const sameWrite = (a: WriteStamp, b: WriteStamp) => a.node === b.node && a.n === b.n;

function note(ctx: C, label: string, data: ClockNote): void {
  ctx.note(label, data);
}

/** Record a local, send or write event: Lamport IR1, vector tick, HLC send/local rule. */
function tick(s: ClockNode, ctx: C, kind: Exclude<ClockEventKind, 'receive'>, write?: WriteStamp): ClockNode {
  const pt = reading(s.clock, ctx.now);
  const next: ClockNode = { ...s, lamport: lamportTick(s.lamport), vector: vectorTick(s.vector, ctx.self), hlc: hlcTick(s.hlc, pt), events: s.events + 1 };
  note(ctx, `${ctx.self}: ${kind} event`, { clk: 'event', kind, pt, lamport: next.lamport, vector: next.vector, hlc: next.hlc, ...(write ? { write } : {}) });
  return next;
}

const stampOf = (s: ClockNode) => ({ lamport: s.lamport, vector: s.vector, hlc: s.hlc });

/** Offer a write to this replica: the LWW loser is discarded silently (the note is for the observer). */
function offer(s: ClockNode, incoming: WriteStamp, ctx: C): ClockNode {
  const current = s.stored;
  if (current && sameWrite(current, incoming)) return s;
  const incomingWins = current === null || lwwBeats(incoming, current);
  const keep = incomingWins ? incoming : current;
  const drop = incomingWins ? current : incoming;
  if (drop) note(ctx, `${ctx.self}: keeps ${keep.node}'s write ${keep.n} over ${drop.node}'s write ${drop.n}`, { clk: 'discard', keep, drop });
  return keep === current ? s : { ...s, stored: keep };
}

const sign = (x: number) => (x > 0 ? '+' : '');

function onCommand(s: ClockNode, cmd: ClockCommand, ctx: C): ClockNode {
  const self = ctx.self;
  const now = ctx.now;
  const echo = (label: string) => note(ctx, label, { clk: 'clock', command: true });
  switch (cmd.type) {
    case 'local':
      return tick(s, ctx, 'local');
    case 'send': {
      const s2 = tick(s, ctx, 'send');
      ctx.send(cmd.to, { type: 'clock', stamp: stampOf(s2) });
      return s2;
    }
    case 'write': {
      const w: WriteStamp = { node: self, n: s.writes, value: cmd.value, ts: reading(s.clock, now) };
      const s2 = offer({ ...tick(s, ctx, 'write', w), writes: s.writes + 1 }, w, ctx);
      const msg: ClockMsg = { type: 'clock', stamp: stampOf(s2), write: w };
      for (const to of ctx.nodes) if (to !== self) ctx.send(to, msg);
      return s2;
    }
    case 'clock/set': {
      const before = reading(s.clock, now);
      const stepped = stepClock(s.clock, now, now + cmd.offsetMs);
      const clock = cmd.driftPpm === undefined ? stepped : setDrift(stepped, now, cmd.driftPpm);
      ctx.cancelTimer(SLEW_TIMER);
      echo(`${self}: clock set ${before} → ${reading(clock, now)} ms${cmd.driftPpm === undefined ? '' : `, drift ${cmd.driftPpm} ppm`}`);
      return { ...s, clock };
    }
    case 'ntp/sync': {
      const before = reading(s.clock, now);
      const target = now + cmd.serverErrorMs;
      const bad = cmd.serverErrorMs !== 0 ? ` from a server ${sign(cmd.serverErrorMs)}${cmd.serverErrorMs} ms off` : '';
      ctx.cancelTimer(SLEW_TIMER);
      if (cmd.mode === 'step') {
        const dir = target < before ? ` — backwards by ${before - Math.floor(target)} ms` : '';
        echo(`${self}: NTP step${bad}: ${before} → ${Math.floor(target)} ms${dir}`);
        return { ...s, clock: stepClock(s.clock, now, target) };
      }
      const clock = slewClock(s.clock, now, target, ctx.params.slewPpm);
      // The slew's end is a node timer: the clock returns to its natural rate then.
      if (clock.slewUntil !== null) ctx.setTimer(SLEW_TIMER, clock.slewUntil - now);
      echo(`${self}: NTP slew${bad}: correcting ${Math.round(target - before)} ms gradually`);
      return { ...s, clock };
    }
    case 'leap': {
      // A positive leap second as most kernels apply it: 23:59:59 is repeated, i.e. a 1 s step back.
      const clock = stepClock(s.clock, now, readClock(s.clock, now) - 1000);
      ctx.cancelTimer(SLEW_TIMER);
      echo(`${self}: leap second — clock repeats a second (${reading(s.clock, now)} → ${reading(clock, now)} ms)`);
      return { ...s, clock };
    }
  }
}

/** The node that runs a command: the writer, the sender, the node whose clock changes. */
function commandTarget(cmd: ClockCommand, p: ClockParams): string | null {
  const known = (n: string) => (NODE_IDS.slice(0, p.nodes) as readonly string[]).includes(n);
  if (cmd.type === 'send') return known(cmd.from) && known(cmd.to) && cmd.from !== cmd.to ? cmd.from : null;
  return known(cmd.node) ? cmd.node : null;
}

/** Short text for a command (the kernel's trace label and the timeline markers). */
export function describeClockCommand(c: ClockCommand): string {
  switch (c.type) {
    case 'local':
      return `${c.node}: local event`;
    case 'send':
      return `${c.from} → ${c.to}: message`;
    case 'write':
      return `${c.node}: write x = ${c.value}`;
    case 'clock/set':
      return `${c.node}: clock set to ${c.offsetMs >= 0 ? '+' : ''}${c.offsetMs} ms`;
    case 'ntp/sync':
      return `${c.node}: NTP ${c.mode}${c.serverErrorMs ? ` (server ${sign(c.serverErrorMs)}${c.serverErrorMs} ms)` : ''}`;
    case 'leap':
      return `${c.node}: leap second`;
  }
}

/** The clock lab's nodes on the kernel world. */
export const clocksProtocol: Protocol<ClockParams, ClockNode, ClockMsg, ClockCommand> = {
  id: 'clocks',
  defaults: clockDefaults,
  sanitizeParams: sanitizeClockParams,
  topology: (p) => ({
    nodes: NODE_IDS.slice(0, p.nodes),
    net: {
      defaults: {
        latency: p.delayMax > p.delayMin ? { kind: 'uniform', min: p.delayMin, max: p.delayMax } : { kind: 'constant', value: p.delayMin },
        loss: 0,
        dup: 0,
        fifo: false,
      },
    },
  }),
  initNode(id, ctx) {
    const c = ctx.params.clocks[ctx.nodes.indexOf(id)] ?? { offsetMs: 0, driftPpm: 0 };
    // The paper starts l at 0, assuming clocks read ≥ 0. Our clocks may start negative (a node
    // whose clock is behind at t = 0), so l starts below any reading instead; the first event
    // then takes l = pt, c = 0, exactly as l = 0 does for a clock already past 0.
    return { clock: makeClock(c.offsetMs, c.driftPpm), lamport: 0, vector: {}, hlc: { l: HLC_START, c: 0 }, events: 0, writes: 0, stored: null };
  },
  onMessage(s, msg, _from, ctx) {
    // Receive: Lamport IR2; vector element-wise max over every entry, then own +1; HLC receive rule.
    const pt = reading(s.clock, ctx.now);
    const next: ClockNode = {
      ...s,
      lamport: lamportReceive(s.lamport, msg.stamp.lamport),
      vector: vectorReceive(s.vector, msg.stamp.vector, ctx.self),
      hlc: hlcReceive(s.hlc, msg.stamp.hlc, pt),
      events: s.events + 1,
    };
    note(ctx, `${ctx.self}: receive event`, { clk: 'event', kind: 'receive', pt, lamport: next.lamport, vector: next.vector, hlc: next.hlc, ...(msg.write ? { write: msg.write } : {}) });
    return msg.write ? offer(next, msg.write, ctx) : next;
  },
  onTimer(s, name, ctx) {
    if (name !== SLEW_TIMER) return s;
    const clock = stepRateToBase(s.clock, ctx.now);
    note(ctx, `${ctx.self}: slew finished, clock reads ${reading(clock, ctx.now)} ms`, { clk: 'clock', command: false });
    return { ...s, clock };
  },
  onCommand,
  // The clock is hardware: it keeps running while the node is down, and a slew under way
  // resumes its end timer on restart (a crash cancels every timer).
  onRestart(s, ctx) {
    if (s.clock.slewUntil !== null) ctx.setTimer(SLEW_TIMER, Math.max(0, s.clock.slewUntil - ctx.now));
    return s;
  },
  commandTarget,
  parseCommand: parseClockCommand,
  describe: (m) => (m.write ? `replicate ${m.write.node}'s write ${m.write.n}` : 'message'),
  describeCommand: describeClockCommand,
  scenarios: clockScenarios,
};
