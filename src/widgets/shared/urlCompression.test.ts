import { describe, expect, it } from 'vitest';
import { pingMechanism } from './__fixtures__/pingMechanism';
import { MAX_INFLATED_BYTES, decodeAnyMoment, decodeRunFile, encodeMoment, encodeMomentCompressed, runFileText } from './urlState';

const moment = {
  mechanism: 'ping',
  scenario: 'one-ping',
  seed: 42,
  params: { latency: 60 },
  log: Array.from({ length: 400 }, (_, i) => ({ at: i * 10, action: { type: 'ping' } })),
  steps: 3,
  t: 250,
};

/** A link recorded before compression existed (v1, from this same moment's first two actions). */
const RECORDED_V1 = 'v1.WyJwaW5nIiwib25lLXBpbmciLDQyLHsibGF0ZW5jeSI6NjB9LFtbMCx7InR5cGUiOiJwaW5nIn1dLFsxMCx7InR5cGUiOiJwaW5nIn1dXSwzLDI1MF0';

describe('compressed links (v2) and run files', () => {
  it('round-trips a 400-action run compressed, far shorter than v1', async () => {
    const v2 = await encodeMomentCompressed(moment);
    expect(v2).toMatch(/^v2\.[A-Za-z0-9_-]+$/);
    const v1 = encodeMoment(moment);
    expect(v2.length).toBeLessThan(v1.length / 8); // measured 1,293 vs 12,182 characters
    expect(await decodeAnyMoment(v2, [pingMechanism])).toEqual({ ok: true, moment, problems: [] });
  });

  it('still reads a recorded v1 link', async () => {
    const r = await decodeAnyMoment(RECORDED_V1, [pingMechanism]);
    expect(r.ok && r.moment.log.length).toBe(2);
    expect(r.ok && r.moment.seed).toBe(42);
  });

  it('refuses truncated, garbage and bomb payloads with a message', async () => {
    const v2 = await encodeMomentCompressed(moment);
    for (const raw of [v2.slice(0, 30), 'v2.', 'v2.@@@@', 'v2.' + 'A'.repeat(100)]) {
      const r = await decodeAnyMoment(raw, [pingMechanism]);
      expect(r.ok).toBe(false);
    }
    const bomb = await encodeMomentCompressed({ ...moment, scenario: 'x'.repeat(MAX_INFLATED_BYTES + 10) });
    const r = await decodeAnyMoment(bomb, [pingMechanism]);
    expect(r.ok).toBe(false);
  });

  it('a run file holds the same state, validated the same way', () => {
    const text = runFileText('PingLab', moment);
    expect(decodeRunFile(text, 'PingLab', [pingMechanism])).toEqual({ ok: true, moment, problems: [] });
    expect(decodeRunFile(text, 'OtherLab', [pingMechanism]).ok).toBe(false);
    expect(decodeRunFile('{not json', 'PingLab', [pingMechanism]).ok).toBe(false);
    expect(decodeRunFile(JSON.stringify({ format: 'uds-lab-run', version: 1, widget: 'PingLab', moment: [1, 2] }), 'PingLab', [pingMechanism]).ok).toBe(false);
  });
});
