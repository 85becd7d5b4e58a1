/**
 * A minimal protocol for kernel tests: a reader command makes a node send a
 * text to another; every node records what it received, and may arm a timer.
 */
import type { Protocol } from '../protocol';
import type { NodeId } from '../types';
import type { LinkParams } from '../network';

/** Params: node count and the default link. */
export interface EchoParams {
  readonly nodes: number;
  readonly link: LinkParams;
}
/** A text message. */
export interface Text {
  readonly text: string;
}
/** Node state: received (from, text, at) and fired timers. `received` is durable; `fired` is volatile. */
export interface EchoNode {
  readonly received: readonly (readonly [NodeId, string, number])[];
  readonly fired: readonly string[];
}
/** Commands: send a text; arm or cancel a timer. */
export type EchoCmd =
  | { readonly type: 'echo/send'; readonly from: NodeId; readonly to: NodeId; readonly text: string }
  | { readonly type: 'echo/timer'; readonly node: NodeId; readonly name: string; readonly delay: number }
  | { readonly type: 'echo/cancel'; readonly node: NodeId; readonly name: string };

const NAMES = ['A', 'B', 'C', 'D', 'E'];

/** Constant 10 ms links, no faults. */
export const echoDefaults: EchoParams = { nodes: 3, link: { latency: { kind: 'constant', value: 10 }, loss: 0, dup: 0, fifo: false } };

/** The echo test protocol. */
export const echoProtocol: Protocol<EchoParams, EchoNode, Text, EchoCmd> = {
  id: 'echo',
  defaults: echoDefaults,
  sanitizeParams: (raw) => ({ value: (raw as EchoParams) ?? echoDefaults, problems: [] }),
  topology: (p) => ({ nodes: NAMES.slice(0, p.nodes), net: { defaults: p.link } }),
  initNode: () => ({ received: [], fired: [] }),
  onMessage: (s, m, from, ctx) => ({ ...s, received: [...s.received, [from, m.text, ctx.now]] }),
  onTimer: (s, name) => ({ ...s, fired: [...s.fired, name] }),
  onCommand(s, c, ctx) {
    if (c.type === 'echo/send') ctx.send(c.to, { text: c.text });
    else if (c.type === 'echo/timer') ctx.setTimer(c.name, c.delay);
    else ctx.cancelTimer(c.name);
    return s;
  },
  commandTarget: (c) => (c.type === 'echo/send' ? c.from : c.node),
  parseCommand: (raw) => {
    const r = raw as EchoCmd | null;
    return r && typeof r.type === 'string' && r.type.startsWith('echo/') ? r : null;
  },
  onCrash: (s) => ({ received: s.received, fired: [] }),
  describe: (m) => `text "${m.text}"`,
  describeCommand: (c) => c.type,
  scenarios: [],
};
