// The narration session as one status (player-state.ts): the order in which player notices arrive
// must not matter for what the bar shows, and the countdown only ever runs after the end.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { barStatus, IDLE, sessionReducer, type Session, type SessionEvent } from './player-state.ts';

const run = (events: SessionEvent[], from: Session = IDLE) => events.reduce(sessionReducer, from);
const card = { id: 'cap', title: 'CAP' };

describe('narration session', () => {
  it('a stop cue wins over the pause that comes with it, in either order', () => {
    expect(run([{ type: 'played' }, { type: 'paused' }, { type: 'stopCue', card }])).toEqual({ status: 'stopCard', card });
    expect(run([{ type: 'played' }, { type: 'stopCue', card }, { type: 'paused' }])).toEqual({ status: 'stopCard', card });
    expect(barStatus(run([{ type: 'stopCue', card }]))).toBe('stopped');
  });

  it('a takeover is remembered through the pause it causes and a seek, and cleared by playing', () => {
    const s = run([{ type: 'played' }, { type: 'takeover', lab: 'ap' }, { type: 'paused' }, { type: 'restored' }]);
    expect(s).toEqual({ status: 'takenOver', lab: 'ap' });
    expect(barStatus(s)).toBe('paused');
    expect(run([{ type: 'played' }], s)).toEqual({ status: 'playing' });
  });

  it('a seek lets go of a held card and of the end', () => {
    expect(run([{ type: 'stopCue', card }, { type: 'restored' }])).toEqual({ status: 'paused' });
    expect(run([{ type: 'ended' }, { type: 'restored' }])).toEqual({ status: 'paused' });
    expect(run([{ type: 'restored' }])).toEqual(IDLE);
  });

  it('counts down only after the end, never below zero, and staying stops it', () => {
    expect(run([{ type: 'countdown', seconds: 5 }])).toEqual(IDLE);
    const counting = run([{ type: 'ended' }, { type: 'countdown', seconds: 2 }, { type: 'tick' }, { type: 'tick' }, { type: 'tick' }]);
    expect(counting).toEqual({ status: 'autoNext', secondsLeft: 0 });
    expect(barStatus(counting)).toBe('ended');
    expect(run([{ type: 'ended' }, { type: 'countdown', seconds: 5 }, { type: 'stay' }])).toEqual({ status: 'ended' });
  });

  it('closing the bar drops a held card or a countdown but keeps a takeover', () => {
    expect(run([{ type: 'stopCue', card }, { type: 'closed' }])).toEqual({ status: 'paused' });
    expect(run([{ type: 'ended' }, { type: 'countdown', seconds: 5 }, { type: 'closed' }])).toEqual({ status: 'paused' });
    expect(run([{ type: 'takeover', lab: 'x' }, { type: 'closed' }])).toEqual({ status: 'takenOver', lab: 'x' });
  });

  it('property: the bar reads "playing" exactly when the last start/stop event was a play', () => {
    const event = fc.oneof(
      fc.constantFrom<SessionEvent>({ type: 'played' }, { type: 'paused' }, { type: 'restored' }, { type: 'ended' }, { type: 'tick' }, { type: 'stay' }, { type: 'closed' }),
      fc.constant<SessionEvent>({ type: 'stopCue', card }),
      fc.constant<SessionEvent>({ type: 'takeover', lab: 'ap' }),
      fc.integer({ min: 1, max: 9 }).map((seconds): SessionEvent => ({ type: 'countdown', seconds })),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const s = run(events);
        const stops = new Set(['paused', 'ended', 'stopCue', 'takeover', 'closed']);
        const last = [...events].reverse().find((e) => e.type === 'played' || stops.has(e.type));
        expect(barStatus(s) === 'playing').toBe(last?.type === 'played');
        if (s.status === 'autoNext') expect(s.secondsLeft).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });
});
