import { describe, expect, it } from 'vitest';
import { worldMechanism } from './world';
import { echoDefaults, echoProtocol, type EchoNode } from './testing/echo';
import type { Protocol } from './protocol';
import type { NodeId } from './types';

// The optional `onNetChange` hook: nodes that ask are told what they can reach after every
// partition, heal, cut or restore; protocols that do not ask run exactly as before.
type Seen = EchoNode & { readonly reach?: readonly (readonly NodeId[])[] };
const proto: Protocol<typeof echoDefaults, Seen, { text: string }, never> = {
  ...(echoProtocol as unknown as Protocol<typeof echoDefaults, Seen, { text: string }, never>),
  onNetChange: (s, reachable) => ({ ...s, reach: [...(s.reach ?? []), reachable] }),
};
const m = worldMechanism(proto);
const reach = (s: ReturnType<typeof m.init>, n: NodeId) => s.nodes[n].state.reach ?? [];

describe('world: onNetChange', () => {
  it('tells every up node what it can reach after partition, cut, restore and heal', () => {
    let s = m.init(1, echoDefaults);
    s = m.apply(s, { type: 'node/crash', node: 'C' });
    s = m.apply(s, { type: 'net/partition', groups: [['A'], ['B', 'C']] });
    s = m.apply(s, { type: 'net/heal' });
    s = m.apply(s, { type: 'net/cut', from: 'A', to: 'B' });
    s = m.apply(s, { type: 'net/restore', from: 'A', to: 'B' });
    expect(reach(s, 'A')).toEqual([['A'], ['A', 'B', 'C'], ['A', 'C'], ['A', 'B', 'C']]);
    expect(reach(s, 'B')).toEqual([['B', 'C'], ['A', 'B', 'C'], ['A', 'B', 'C'], ['A', 'B', 'C']]);
    expect(reach(s, 'C')).toEqual([]); // down nodes are not told
  });

  it('is not called for other actions, and protocols without it see no change', () => {
    const plain = worldMechanism(echoProtocol);
    let a = m.init(2, echoDefaults);
    let b = plain.init(2, echoDefaults);
    for (const act of [{ type: 'node/crash', node: 'B' }, { type: 'net/drop', msgId: 0 }] as const) {
      a = m.apply(a, act);
      b = plain.apply(b, act);
    }
    expect(reach(a, 'A')).toEqual([]);
    expect(m.trace(a)).toEqual(plain.trace(b));
  });
});
