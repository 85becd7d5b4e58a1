import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pingMechanism } from './__fixtures__/pingMechanism';
import { MAX_ENCODED_LENGTH, decodeMoment, encodeMoment, linkWithMoment, readMomentParam } from './urlState';

const moment = {
  mechanism: 'ping',
  scenario: 'one-ping',
  seed: 42,
  params: { latency: 120 },
  log: [{ at: 10, action: { type: 'ping' } }, { at: 30, action: { type: 'ping' } }],
  steps: 3,
  t: 250,
};

describe('url state', () => {
  it('round-trips a moment through a link', () => {
    const enc = encodeMoment(moment);
    expect(enc).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const href = linkWithMoment('https://book.example/networks?x=1#top', 'cap', enc);
    const back = decodeMoment(readMomentParam(new URL(href).search, 'cap')!, [pingMechanism]);
    expect(back).toEqual({ ok: true, moment, problems: [] });
    expect(new URL(href).hash).toBe('#cap');
  });

  it('keeps labs apart by instance id', () => {
    const href = linkWithMoment(linkWithMoment('https://b.example/', 'a', 'v1.AAA'), 'b', 'v1.BBB');
    expect(readMomentParam(new URL(href).search, 'a')).toBe('v1.AAA');
    expect(readMomentParam(new URL(href).search, 'b')).toBe('v1.BBB');
  });

  it.each([
    ['unknown version', 'v9.abc', /unknown format/],
    ['no version', 'garbage', /unknown format/],
    ['truncated', encodeMoment(moment).slice(0, 20), /damaged|truncated/],
    ['too long', 'v1.' + 'A'.repeat(MAX_ENCODED_LENGTH), /too long/],
  ])('rejects %s with a clear message', (_n, raw, msg) => {
    const r = decodeMoment(raw, [pingMechanism]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });

  it('rejects hostile actions, times and mechanisms', () => {
    const bad = (over: Partial<typeof moment> & Record<string, unknown>) => decodeMoment(encodeMoment({ ...moment, ...over } as never), [pingMechanism]);
    expect(bad({ log: [{ at: 0, action: { type: 'rm -rf' } }] }).ok).toBe(false);
    expect(bad({ log: [{ at: 50, action: { type: 'ping' } }, { at: 10, action: { type: 'ping' } }] }).ok).toBe(false);
    expect(bad({ mechanism: 'raft' }).ok).toBe(false);
    expect(bad({ seed: -1 }).ok).toBe(false);
    expect(bad({ t: 1e12 }).ok).toBe(false);
  });

  it('clamps out-of-range params and reports it', () => {
    const r = decodeMoment(encodeMoment({ ...moment, params: { latency: 1e9 } }), [pingMechanism]);
    expect(r.ok && r.moment.params).toEqual({ latency: 100 });
    expect(r.ok && r.problems.length).toBe(1);
  });

  it('property: never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        decodeMoment(a, [pingMechanism]);
        decodeMoment('v1.' + b, [pingMechanism]);
      }),
      { numRuns: 300 },
    );
  });
});
