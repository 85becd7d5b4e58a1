import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { worldMechanism, inFlight, type WorldState } from './world';
import { echoDefaults, echoProtocol, type EchoCmd, type EchoNode, type EchoParams, type Text } from './testing/echo';
import { heartbeatDefaults, heartbeatProtocol } from './examples/heartbeat';
import { deepFreeze } from './testing/freeze';
import { heartbeatLogArb } from './testing/arbitraries';
import { isCut } from './network';
import { connectedGroups } from './network';
import type { WorldAction } from './actions';
import type { TraceEntry } from './types';

const echo = worldMechanism(echoProtocol);
type ES = WorldState<EchoParams, EchoNode, Text>;
const send = (from: string, to: string, text: string): EchoCmd => ({ type: 'echo/send', from, to, text });
const kinds = (s: ES): string[] => echo.trace(s).map((e) => `${e.kind}:${e.label}`);

describe('message passing', () => {
  it('delivers a message after the link latency and records send then deliver', () => {
    // Arrange
    const s0 = echo.init(1, echoDefaults);
    // Act
    const s1 = echo.apply(s0, send('A', 'B', 'hi'));
    const s2 = echo.runUntil(s1, 100);
    // Assert
    expect(echo.peek(s1)).toBe(10);
    expect(s2.nodes.B.state.received).toEqual([['A', 'hi', 10]]);
    expect(kinds(s2)).toEqual(['action:echo/send', 'send:text "hi"', 'deliver:text "hi"']);
    const [snd, , dlv] = echo.trace(s2).slice(0);
    expect(echo.trace(s2)[1].msgId).toBe(echo.trace(s2)[2].msgId);
    expect(snd.t).toBe(0);
    expect(dlv.t).toBe(10);
  });

  it('drops a message sent across a partition, and delivers again after heal', () => {
    let s = echo.init(1, echoDefaults);
    s = echo.apply(s, { type: 'net/partition', groups: [['A'], ['B', 'C']] });
    s = echo.apply(s, send('A', 'B', 'lost'));
    s = echo.apply(s, send('B', 'C', 'inside'));
    s = echo.runUntil(s, 50);
    expect(s.nodes.B.state.received).toEqual([]);
    expect(s.nodes.C.state.received).toEqual([['B', 'inside', 10]]);
    expect(echo.trace(s).some((e) => e.kind === 'drop' && (e.data as { reason: string }).reason === 'partition')).toBe(true);
    s = echo.apply(s, { type: 'net/heal' });
    s = echo.apply(s, send('A', 'B', 'ok'));
    s = echo.runUntil(s, 100);
    expect(s.nodes.B.state.received).toEqual([['A', 'ok', 60]]);
  });

  it('drops a message in flight when a partition starts before it arrives', () => {
    let s = echo.apply(echo.init(1, echoDefaults), send('A', 'B', 'x'));
    s = echo.runUntil(s, 5);
    expect(inFlight(s)).toHaveLength(1);
    s = echo.apply(s, { type: 'net/partition', groups: [['A'], ['B']] });
    expect(inFlight(s)[0].doomed).toBe('partition');
    s = echo.runUntil(s, 20);
    expect(s.nodes.B.state.received).toEqual([]);
  });

  it('cuts one direction only with net/cut', () => {
    let s = echo.apply(echo.init(1, echoDefaults), { type: 'net/cut', from: 'A', to: 'B' });
    s = echo.apply(s, send('A', 'B', 'no'));
    s = echo.apply(s, send('B', 'A', 'yes'));
    s = echo.runUntil(s, 20);
    expect(s.nodes.B.state.received).toEqual([]);
    expect(s.nodes.A.state.received).toEqual([['B', 'yes', 10]]);
    expect(connectedGroups(s.net, s.nodeIds)).toEqual([['A', 'C', 'B']]);
    s = echo.apply(s, { type: 'net/restore', from: 'A', to: 'B' });
    expect(isCut(s.net, 'A', 'B')).toBe(false);
  });

  it('lets the reader drop one message in flight', () => {
    let s = echo.apply(echo.init(1, echoDefaults), send('A', 'B', 'one'));
    s = echo.apply(s, send('A', 'C', 'two'));
    const id = inFlight(s).find((m) => m.to === 'B')!.msgId;
    s = echo.apply(s, { type: 'net/drop', msgId: id });
    s = echo.runUntil(s, 20);
    expect(s.nodes.B.state.received).toEqual([]);
    expect(s.nodes.C.state.received).toHaveLength(1);
  });

  it('keeps FIFO order on a FIFO link even with random latency', () => {
    const p: EchoParams = { nodes: 2, link: { latency: { kind: 'uniform', min: 1, max: 50 }, loss: 0, dup: 0, fifo: true } };
    let s = echo.init(3, p);
    for (let i = 0; i < 30; i++) s = echo.apply(echo.runUntil(s, i), send('A', 'B', String(i)));
    s = echo.runUntil(s, 200);
    expect(s.nodes.B.state.received.map((r) => r[1])).toEqual(Array.from({ length: 30 }, (_, i) => String(i)));
  });

  it('reorders messages on a non-FIFO link with random latency', () => {
    const p: EchoParams = { nodes: 2, link: { latency: { kind: 'uniform', min: 1, max: 50 }, loss: 0, dup: 0, fifo: false } };
    let s = echo.init(3, p);
    for (let i = 0; i < 30; i++) s = echo.apply(echo.runUntil(s, i), send('A', 'B', String(i)));
    s = echo.runUntil(s, 200);
    const got = s.nodes.B.state.received.map((r) => Number(r[1]));
    expect(got).toHaveLength(30);
    expect(got).not.toEqual([...got].sort((a, b) => a - b));
  });
});

describe('nodes and timers', () => {
  it('fires a timer at its time, and a replaced or cancelled timer never fires', () => {
    let s = echo.apply(echo.init(1, echoDefaults), { type: 'echo/timer', node: 'A', name: 't', delay: 30 });
    s = echo.apply(s, { type: 'echo/timer', node: 'A', name: 't', delay: 50 }); // replaces
    s = echo.apply(s, { type: 'echo/timer', node: 'A', name: 'u', delay: 10 });
    s = echo.apply(s, { type: 'echo/cancel', node: 'A', name: 'u' });
    expect(echo.peek(s)).toBe(50); // stale timers are never reported as next
    s = echo.runUntil(s, 49);
    expect(s.nodes.A.state.fired).toEqual([]);
    s = echo.next(s);
    expect(s.now).toBe(50);
    expect(s.nodes.A.state.fired).toEqual(['t']);
    expect(echo.next(s)).toBe(s); // nothing left
  });

  it('crash keeps the durable part, drops timers and incoming messages; restart resumes', () => {
    let s = echo.apply(echo.init(1, echoDefaults), send('B', 'A', 'before'));
    s = echo.runUntil(s, 10);
    s = echo.apply(s, { type: 'echo/timer', node: 'A', name: 't', delay: 5 });
    s = echo.apply(s, { type: 'node/crash', node: 'A' });
    s = echo.apply(s, send('B', 'A', 'while down'));
    s = echo.apply(s, send('A', 'B', 'refused'));
    s = echo.runUntil(s, 40);
    expect(s.nodes.A.up).toBe(false);
    expect(s.nodes.A.state.received).toEqual([['B', 'before', 10]]);
    expect(s.nodes.A.state.fired).toEqual([]);
    expect(s.nodes.B.state.received).toEqual([]);
    const drops = echo.trace(s).filter((e) => e.kind === 'drop').map((e) => (e.data as { reason: string }).reason);
    expect(drops).toEqual(['node down', 'node down']);
    s = echo.apply(s, { type: 'node/restart', node: 'A' });
    s = echo.apply(s, send('B', 'A', 'after'));
    s = echo.runUntil(s, 60);
    expect(s.nodes.A.state.received.map((r) => r[1])).toEqual(['before', 'after']);
  });

  it('regression: fired and cancelled timers do not accumulate in the node (per-request timer names)', () => {
    // A per-operation timer name used to leave one dead entry per operation, so every later timer
    // change copied a map that grew with the run.
    let s = echo.init(1, echoDefaults);
    for (let i = 0; i < 200; i++) {
      s = echo.apply(s, { type: 'echo/timer', node: 'A', name: `op ${i}`, delay: 5 });
      if (i % 2) s = echo.apply(s, { type: 'echo/cancel', node: 'A', name: `op ${i}` });
      s = echo.runUntil(s, s.now + 10);
    }
    expect(Object.keys(s.nodes.A.timers).length).toBeLessThanOrEqual(1);
    expect(s.nodes.A.state.fired).toHaveLength(100);
  });

  it('notes, rather than throws on, actions naming unknown nodes', () => {
    const s = echo.apply(echo.init(1, echoDefaults), { type: 'node/crash', node: 'Q' });
    expect(echo.trace(s).at(-1)).toMatchObject({ kind: 'note', label: 'ignored: no node Q' });
    const s2 = echo.apply(s, send('A', 'Q', 'x'));
    expect(echo.trace(s2).at(-1)?.kind).toBe('drop');
  });

  it('parses untrusted actions: accepts valid ones and rejects malformed ones', () => {
    expect(echo.parseAction({ type: 'net/partition', groups: [['A', 'B'], ['C']] })).toEqual({ type: 'net/partition', groups: [['A', 'B'], ['C']] });
    expect(echo.parseAction({ type: 'node/crash', node: 'A' })).toEqual({ type: 'node/crash', node: 'A' });
    for (const bad of [null, 3, 'x', {}, { type: 'net/partition', groups: 'A' }, { type: 'node/crash', node: '<script>' }, { type: 'net/drop', msgId: -1 }, { type: 'net/link', from: 'A', to: 'B', loss: 2 }]) {
      expect(echo.parseAction(bad)).toBeNull();
    }
  });
});

describe('randomness is local', () => {
  it('an extra message on one link does not change latencies drawn on another', () => {
    const p: EchoParams = { nodes: 3, link: { latency: { kind: 'exponential', mean: 10 }, loss: 0, dup: 0, fifo: false } };
    const run = (extra: boolean): number[] => {
      let s = echo.init(5, p);
      if (extra) s = echo.apply(s, send('A', 'B', 'extra'));
      for (let i = 0; i < 5; i++) s = echo.apply(s, send('A', 'C', String(i)));
      s = echo.runUntil(s, 10_000);
      return s.nodes.C.state.received.map((r) => r[2]);
    };
    expect(run(true)).toEqual(run(false));
  });
});

describe('network fault rates', () => {
  const rate = (loss: number, dup: number, seed: number): { lost: number; dups: number; n: number } => {
    const p: EchoParams = { nodes: 2, link: { latency: { kind: 'uniform', min: 1, max: 3 }, loss, dup, fifo: false } };
    let s = echo.init(seed, p);
    const n = 2000;
    for (let i = 0; i < n; i++) s = echo.apply(s, send('A', 'B', 'm'));
    s = echo.runUntil(s, 100);
    const tr = echo.trace(s);
    return { lost: tr.filter((e) => e.kind === 'drop').length, dups: tr.filter((e) => e.kind === 'duplicate').length, n };
  };

  it('loss and duplication rates converge to their parameters (within 4 standard errors)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.9, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.nat(), (loss, dup, seed) => {
        const r = rate(loss, dup, seed);
        const se = (p: number, n: number): number => Math.sqrt((p * (1 - p)) / n) + 1e-9;
        expect(Math.abs(r.lost / r.n - loss)).toBeLessThan(4 * se(loss, r.n) + 1e-3);
        // Duplicates are only made of messages that were not lost.
        const kept = r.n - r.lost;
        if (kept > 0) expect(Math.abs(r.dups / kept - dup)).toBeLessThan(4 * se(dup, kept) + 2e-3);
      }),
      { numRuns: 10 },
    );
  });
});

describe('purity', () => {
  const hb = worldMechanism(heartbeatProtocol);
  it('init, apply, next and advanceTo never mutate their (deep-frozen) inputs', () => {
    fc.assert(
      fc.property(fc.nat(), heartbeatLogArb(['A', 'B', 'C', 'D', 'E'], 200), (seed, log) => {
        let s = deepFreeze(hb.init(seed, deepFreeze({ ...heartbeatDefaults })));
        for (const e of log) {
          const before = JSON.stringify(s);
          const moved = deepFreeze(hb.advanceTo(s, e.at));
          expect(JSON.stringify(s)).toBe(before);
          s = deepFreeze(hb.apply(moved, deepFreeze(e.action)));
          const stepped = hb.next(s);
          expect(stepped).not.toBe(undefined);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('an older state can continue differently without disturbing a newer one (shared trace)', () => {
    const s0 = echo.init(1, echoDefaults);
    const a = echo.runUntil(echo.apply(s0, send('A', 'B', 'a')), 50);
    const b = echo.runUntil(echo.apply(s0, send('A', 'C', 'b')), 50);
    expect(kinds(a)).toEqual(['action:echo/send', 'send:text "a"', 'deliver:text "a"']);
    expect(kinds(b)).toEqual(['action:echo/send', 'send:text "b"', 'deliver:text "b"']);
    expect(echo.trace(s0)).toEqual([]);
  });
});

describe('no message crosses a partition', () => {
  const hb = worldMechanism(heartbeatProtocol);
  it('every delivery is on a link that was open when sent and when delivered', () => {
    fc.assert(
      fc.property(fc.nat(), heartbeatLogArb(['A', 'B', 'C', 'D', 'E'], 300), (seed, log) => {
        let s = hb.init(seed, heartbeatDefaults);
        const openAtSend = new Map<number, boolean>();
        let seen = 0;
        const check = (prevCut: (f: string, t: string) => boolean): void => {
          const tr: readonly TraceEntry[] = hb.trace(s);
          for (; seen < tr.length; seen++) {
            const e = tr[seen];
            if (e.kind === 'send') openAtSend.set(e.msgId!, !isCut(s.net, e.from!, e.to!));
            if (e.kind === 'deliver') {
              expect(openAtSend.get(e.msgId!)).toBe(true);
              expect(prevCut(e.from!, e.to!)).toBe(false);
            }
          }
        };
        let li = 0;
        while (s.now < 400) {
          const prev = s;
          const nextAct = li < log.length ? log[li].at : Infinity;
          if (hb.peek(s) <= nextAct && hb.peek(s) <= 400) s = hb.next(s);
          else if (li < log.length) s = hb.apply(hb.advanceTo(s, nextAct), log[li++].action as WorldAction);
          else break;
          // Cuts only change by actions, never during a delivery step, so `prev` tells the link state at delivery.
          check((f, t) => isCut(prev.net, f, t));
        }
      }),
      { numRuns: 40 },
    );
  });
});
