/**
 * Example protocol: all-to-all heartbeats with a timeout failure detector
 * (the "eventually perfect" detector ◇P of Chandra & Toueg 1996, realised the
 * usual way: suspect a peer after `timeout` ms of silence, unsuspect it when
 * it is heard again). Used by the kernel's tests, its benchmark and README.
 */
import type { Protocol } from '../protocol';
import type { NodeId, Sanitized } from '../types';
import type { LinkParams } from '../network';

/** Parameters of the heartbeat example. */
export interface HeartbeatParams {
  readonly nodes: number;
  /** Heartbeat period in ms. */
  readonly interval: number;
  /** Silence after which a peer is suspected, in ms. */
  readonly timeout: number;
  /** Link behaviour for every link. */
  readonly link: LinkParams;
}

/** A heartbeat carries the sender's counter. */
export interface Beat {
  readonly type: 'beat';
  readonly n: number;
}

/** Per-node state. `beats` is durable (survives a crash); the rest is volatile. */
export interface HeartbeatNode {
  readonly beats: number;
  /** Last time each node (by index in ctx.nodes) was heard from; an array because copying it is cheap. */
  readonly lastHeard: readonly number[];
  readonly suspected: readonly NodeId[];
}

/** Reader command: make a node beat right now. */
export interface BeatNow {
  readonly type: 'hb/beat-now';
  readonly node: NodeId;
}

const NAMES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'];

/** Default parameters: 5 nodes, 10 ms heartbeats, 1–5 ms uniform latency. */
export const heartbeatDefaults: HeartbeatParams = {
  nodes: 5,
  interval: 10,
  timeout: 35,
  link: { latency: { kind: 'uniform', min: 1, max: 5 }, loss: 0, dup: 0, fifo: false },
};

function beat(s: HeartbeatNode, ctx: Parameters<Protocol<HeartbeatParams, HeartbeatNode, Beat, BeatNow>['initNode']>[1]): HeartbeatNode {
  ctx.broadcast({ type: 'beat', n: s.beats + 1 });
  return { ...s, beats: s.beats + 1 };
}

/** The heartbeat protocol. */
export const heartbeatProtocol: Protocol<HeartbeatParams, HeartbeatNode, Beat, BeatNow> = {
  id: 'heartbeat',
  defaults: heartbeatDefaults,
  sanitizeParams(raw: unknown): Sanitized<HeartbeatParams> {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<HeartbeatParams>;
    const problems: string[] = [];
    const num = (v: unknown, lo: number, hi: number, d: number, name: string): number => {
      if (v === undefined) return d;
      if (typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi) return v;
      problems.push(`${name} must be between ${lo} and ${hi}; using ${d}`);
      return d;
    };
    return {
      value: {
        nodes: Math.round(num(r.nodes, 1, 9, heartbeatDefaults.nodes, 'nodes')),
        interval: num(r.interval, 1, 10_000, heartbeatDefaults.interval, 'interval'),
        timeout: num(r.timeout, 1, 100_000, heartbeatDefaults.timeout, 'timeout'),
        link: heartbeatDefaults.link,
      },
      problems,
    };
  },
  topology: (p) => ({ nodes: NAMES.slice(0, p.nodes), net: { defaults: p.link } }),
  initNode(_id, ctx) {
    // Stagger the first beat so nodes do not all fire at once.
    ctx.setTimer('beat', ctx.random.uniform(0, ctx.params.interval));
    ctx.setTimer('check', ctx.params.timeout);
    return { beats: 0, lastHeard: ctx.nodes.map(() => 0), suspected: [] };
  },
  onMessage(s, _msg, from, ctx) {
    let suspected = s.suspected;
    if (suspected.length > 0 && suspected.includes(from)) {
      suspected = suspected.filter((n) => n !== from);
      ctx.note(`${ctx.self} trusts ${from} again`);
    }
    const lastHeard = s.lastHeard.slice();
    lastHeard[ctx.nodes.indexOf(from)] = ctx.now;
    return { beats: s.beats, lastHeard, suspected };
  },
  onTimer(s, name, ctx) {
    if (name === 'beat') {
      ctx.setTimer('beat', ctx.params.interval);
      return beat(s, ctx);
    }
    ctx.setTimer('check', ctx.params.timeout);
    const newly = ctx.nodes.filter(
      (n, i) => n !== ctx.self && !s.suspected.includes(n) && ctx.now - s.lastHeard[i] > ctx.params.timeout,
    );
    if (newly.length === 0) return s;
    ctx.note(`${ctx.self} suspects ${newly.join(', ')}`, { suspected: newly });
    return { ...s, suspected: [...s.suspected, ...newly] };
  },
  onCommand(s, _cmd, ctx) {
    return beat(s, ctx);
  },
  commandTarget: (cmd, p) => (NAMES.slice(0, p.nodes).includes(cmd.node) ? cmd.node : null),
  parseCommand(raw) {
    const r = raw as Partial<BeatNow> | null;
    return r && r.type === 'hb/beat-now' && typeof r.node === 'string' ? { type: 'hb/beat-now', node: r.node } : null;
  },
  onCrash: (s) => ({ beats: s.beats, lastHeard: [], suspected: [] }),
  onRestart(s, ctx) {
    ctx.setTimer('beat', ctx.params.interval);
    ctx.setTimer('check', ctx.params.timeout);
    // Start from "just heard everyone" so a restarted node does not suspect the whole cluster at once.
    return { ...s, lastHeard: ctx.nodes.map(() => ctx.now) };
  },
  describe: (m) => `beat #${m.n}`,
  describeCommand: (c) => `${c.node} beats now`,
  scenarios: [
    {
      id: 'crash-suspected',
      title: 'A crashed node is suspected',
      description: 'Node C crashes at 50 ms; within one timeout every other node suspects it.',
      seed: 1,
      params: heartbeatDefaults,
      log: [{ at: 50, action: { type: 'node/crash', node: 'C' } }],
      until: 120,
    },
  ],
};
