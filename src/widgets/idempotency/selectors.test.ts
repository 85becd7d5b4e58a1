import { describe, expect, it } from 'vitest';
import { replay } from '../../sim/core';
import { idemMechanism, idemScenarios, type IdemParams, type IdemState } from '../../sim/idempotency';
import { flightFor, flights, keyRows, ledgerRows, retentionNote, stepCaption, verdict, describeIdemAction } from './selectors';

function at(id: string, t: number, patch: Partial<IdemParams> = {}): IdemState {
  const sc = idemScenarios.find((s) => s.id === id)!;
  return replay(idemMechanism, { mechanism: 'idempotency', seed: sc.seed, params: { ...sc.params, ...patch }, log: sc.log }, t) as IdemState;
}
const caption = (s: IdemState) => stepCaption(idemMechanism.trace(s), s);

describe('idempotency selectors', () => {
  it('places messages by simulation time and finds the request or reply a fault button acts on', () => {
    const s = at('key-replays-outcome', 22.5); // request #0 sent at 10, lands at 35
    const [f] = flights(s);
    expect(f).toMatchObject({ id: 0, rightward: true, label: 'POST €80 key k1 #1', short: 'pay k1 #1', doomed: null });
    expect(f.progress).toBeCloseTo(0.5);
    expect(flightFor(s, 'request')).toBe(0);
    expect(flightFor(s, 'reply')).toBeNull();
    const r = at('key-replays-outcome', 136); // the 201 is in flight, not yet dropped (drop at 140)
    expect(flightFor(r, 'reply')).toBe(1);
  });

  it('the caption says what just happened and why, from the trace', () => {
    expect(caption(at('no-key-double-charge', 0))).toMatch(/^Press Play/);
    expect(caption(at('no-key-double-charge', 141))).toBe('At 140 ms, a message was lost in the network (201 ch_1). The sender cannot tell this from a slow answer.');
    expect(caption(at('no-key-double-charge', 215))).toBe('At 210 ms, C heard nothing back for attempt 1 before its timeout, so it retries p1 in 50 ms (without a key, S cannot tell it is a retry).');
    expect(caption(at('crash-atomic-rolls-back', 120))).toMatch(/^At 110 ms, S crashed\. Only what it had committed survives: 0 committed charges and 0 key records; any transaction still open was rolled back/);
    expect(caption(at('crash-before-key-recorded', 120))).toMatch(/1 committed charge and 0 key records; a charge already written stays/);
    expect(caption(at('redelivery-duplicates-effect', 120))).toMatch(/Q crashed before acknowledging\. Its 1 applied effect is durable/);
  });

  it('the ledger marks uncommitted, rolled-back and duplicate charges', () => {
    expect(ledgerRows(at('crash-atomic-rolls-back', 100)).map((r) => r.state)).toEqual(['uncommitted']);
    expect(ledgerRows(at('crash-atomic-rolls-back', 450)).map((r) => [r.id, r.state])).toEqual([
      ['ch_2', 'committed'],
      ['ch_1-rb', 'rolled-back'],
    ]);
    const dup = ledgerRows(at('no-key-double-charge', 450));
    expect(dup.map((r) => r.duplicate)).toEqual([false, true]);
    expect(verdict(at('no-key-double-charge', 450))).toEqual({ tone: 'bad', text: 'DOUBLE CHARGE: p1 (€80) was charged 2× = €160.' });
    expect(verdict(at('same-key-different-payload', 350)).text).toBe('No payment charged twice: p1 charged once, p2 rejected, not charged.');
    expect(verdict(at('crash-atomic-rolls-back', 210)).text).toBe('No payment charged twice: p1 not yet.');
  });

  it('the key table shows keys in progress and the time left before a record is purged', () => {
    expect(keyRows(at('retry-while-in-progress', 100), at('retry-while-in-progress', 0).params)).toEqual([{ key: 'k1', text: 'k1: in progress (working)', state: 'running', left: null }]);
    const s = at('key-replays-outcome', 200);
    expect(keyRows(s, s.params)[0]).toMatchObject({ key: 'k1', state: 'done', left: 1935 });
  });

  it('judges retention against the retry horizon', () => {
    const p = at('key-expires-too-soon', 0).params;
    expect(retentionNote(p)).toMatchObject({ tone: 'bad' });
    expect(retentionNote({ ...p, retention: 975 })).toMatchObject({ tone: 'ok' });
    expect(retentionNote({ ...p, latency: { kind: 'exponential', mean: 10 } }).tone).toBe('warn');
  });

  it('labels logged actions for the timeline', () => {
    expect(describeIdemAction({ type: 'net/drop', msgId: 3 } as never)).toBe('drop message #3');
    expect(describeIdemAction({ type: 'idem/pay', amount: 25, reuseKey: true } as never)).toBe('pay €25 (reused key)');
  });
});
