import { describe, expect, it } from 'vitest';
import { worldMechanism } from './world';
import { echoDefaults, echoProtocol } from './testing/echo';
import type { WorldAction } from './actions';

// A protocol may phrase world actions in its own words in the trace (Protocol.describeWorldAction).
const plain = worldMechanism(echoProtocol);
const worded = worldMechanism({
  ...echoProtocol,
  describeWorldAction: (a: WorldAction) => (a.type === 'node/crash' ? `${a.node} crashed` : undefined),
});

describe('Protocol.describeWorldAction', () => {
  it('relabels the actions it names and leaves the kernel label for the rest', () => {
    const run = (m: typeof plain) => {
      let s = m.init(1, echoDefaults);
      s = m.apply(s, { type: 'node/crash', node: 'B' });
      s = m.apply(s, { type: 'net/heal' });
      return s;
    };
    const a = run(plain);
    const b = run(worded);
    expect(plain.trace(a).map((e) => e.label)).toEqual(['crash B', 'heal all links']);
    expect(worded.trace(b).map((e) => e.label)).toEqual(['B crashed', 'heal all links']);
  });

  it('changes only the label: kinds, nodes and states are the same as without it', () => {
    let a = plain.init(3, echoDefaults);
    let b = worded.init(3, echoDefaults);
    for (const act of [{ type: 'node/crash', node: 'A' }, { type: 'node/restart', node: 'A' }] as WorldAction[]) {
      a = plain.apply(a, act);
      b = worded.apply(b, act);
    }
    expect(b.nodes).toEqual(a.nodes);
    expect(worded.trace(b).map(({ label: _l, ...rest }) => rest)).toEqual(plain.trace(a).map(({ label: _l, ...rest }) => rest));
  });
});
