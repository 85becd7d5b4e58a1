import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileScript } from '../compile/compile.ts';
import { pageTargets, parseChapter } from '../../book/content/mdx.ts';
import { createManualClock } from './clock.ts';
import { createPlayer, type PlayerNotice } from './player.ts';
import { labStateAt, sentenceAt, segmentAt, previousSegmentStart, nextSegmentStart } from './player-state.ts';
import type { CompiledNarration, TimelineCue } from '../types.ts';
import { fixtureManifests } from '../__fixtures__/manifest.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../__fixtures__/${name}`, import.meta.url)), 'utf8');
const page = pageTargets(parseChapter(fixture('content/1-demo/01-demo.mdx'), '01-demo.mdx'), (w) => fixtureManifests.find((m) => m.name === w)?.scenarios[0]);
const demo: CompiledNarration = compileScript(fixture('content/1-demo/01-demo.narration.md'), 'demo', { manifests: fixtureManifests, page, slug: 'demo', next: { slug: 'clocks', title: 'Clocks' } });

function harness(tl: CompiledNarration = demo) {
  const clock = createManualClock();
  const player = createPlayer(tl, clock);
  const log: PlayerNotice[] = [];
  player.subscribe((n) => log.push(n));
  const fired = () => log.filter((n): n is Extract<PlayerNotice, { type: 'cue' }> => n.type === 'cue').map((n) => n.cue);
  return { clock, player, log, fired };
}

/** Play to the end, resuming after every stop cue, the way a reader pressing Enter would. */
function playThrough(h: ReturnType<typeof harness>, frameMs = 16): void {
  // Enough frames to cover the whole chapter at 1× plus one resume per stop cue.
  const limit = Math.ceil((h.player.timeline.duration * 1000) / frameMs) + h.player.timeline.cues.length + 10;
  h.player.play();
  for (let i = 0; i < limit && !h.player.getState().ended; i++) {
    h.clock.advance(frameMs);
    if (h.player.getState().holdingStop !== null) h.player.play();
  }
}

describe('player with a manual clock', () => {
  it('fires every cue once, in timeline order, and announces the end with the next chapter', () => {
    const h = harness();
    playThrough(h);
    expect(h.fired()).toEqual(demo.cues);
    expect(h.log.filter((n) => n.type === 'ended')).toEqual([{ type: 'ended', next: { slug: 'clocks', title: 'Clocks' } }]);
    expect(h.player.getState().position).toBe(demo.duration);
  });

  it('fires cues that sit at time 0 as soon as play is pressed', () => {
    const h = harness();
    h.player.play();
    expect(h.fired().map((c) => c.target)).toEqual(['demo-figure']);
  });

  it('pauses exactly on a stop cue and waits until resumed', () => {
    const h = harness();
    const stop = demo.cues.find((c) => c.kind === 'stop')!;
    h.player.play();
    h.clock.advance((stop.time + 5) * 1000, 100);
    const s = h.player.getState();
    expect(s.playing).toBe(false);
    expect(s.position).toBe(stop.time);
    expect(s.holdingStop).toBe(demo.cues.indexOf(stop));
    // Time passing while held does not move narration.
    h.clock.advance(10_000);
    expect(h.player.getState().position).toBe(stop.time);
    h.player.play();
    h.clock.advance(1000);
    expect(h.player.getState().position).toBeCloseTo(stop.time + 1, 6);
    expect(h.fired().filter((c) => c === stop)).toHaveLength(1);
  });

  it('scales narration time by the rate and clamps the rate to 0.75–2', () => {
    const h = harness();
    h.player.setRate(2);
    h.player.play();
    h.clock.advance(1000);
    expect(h.player.getState().position).toBeCloseTo(2, 6);
    h.player.setRate(5);
    expect(h.player.getState().rate).toBe(2);
    h.player.setRate(0.1);
    expect(h.player.getState().rate).toBe(0.75);
    h.clock.advance(1000);
    expect(h.player.getState().position).toBeCloseTo(2.75, 6);
  });

  it('seeking backwards restores each lab from its latest earlier cue and re-fires later cues', () => {
    const h = harness();
    const labs = demo.cues.filter((c) => c.kind === 'lab');
    const [first, , third] = labs; // ap-divergent-writes, cp, ap-divergent-writes (heal)
    h.player.seek(third.time + 0.5);
    const lastRestore = () => h.log.filter((n) => n.type === 'restore').at(-1) as Extract<PlayerNotice, { type: 'restore' }>;
    expect(lastRestore().labs.map((c) => [c.target, c.cue.scenario])).toEqual([
      ['cp', 'cp-minority-refuses-write'],
      ['ap-divergent-writes', 'ap-heal-converges'],
    ]);
    h.player.seek(first.time);
    // The cp lab's first cue is later, so it goes back to the scenario written on the page.
    expect(lastRestore().labs.map((c) => [c.target, c.cue.scenario, c.cue.commands.length])).toEqual([
      ['cp', 'cp-minority-refuses-write', 0],
      ['ap-divergent-writes', 'ap-divergent-writes', 2],
    ]);
    expect(lastRestore().labs[1]).toBe(first);
    expect(lastRestore().focus).toBe(first);
    h.log.length = 0;
    h.player.play();
    h.clock.advance((third.time - first.time + 0.01) * 1000, 50);
    // The stop cue in between holds the player; resume and carry on.
    h.player.play();
    h.clock.advance((third.time - first.time + 0.01) * 1000, 50);
    expect(h.fired().map((c) => c.line)).toEqual(demo.cues.filter((c) => c.time > first.time && c.time <= h.player.getState().position).map((c) => c.line));
  });

  it('previous/next segment follow media-player conventions', () => {
    const [a, b] = demo.segments;
    expect(nextSegmentStart(demo, 0)).toBe(b.start);
    expect(nextSegmentStart(demo, b.start + 1)).toBe(demo.duration);
    expect(previousSegmentStart(demo, b.start + 1)).toBe(a.start);
    expect(previousSegmentStart(demo, b.start + 3)).toBe(b.start);
    const h = harness();
    h.player.nextSegment();
    expect(h.player.getState().position).toBe(b.start);
    expect(segmentAt(demo, h.player.getState().position)).toBe(1);
  });

  it('play after the end starts over and resets the labs', () => {
    const h = harness();
    playThrough(h);
    h.log.length = 0;
    h.player.play();
    const restore = h.log.find((n): n is Extract<PlayerNotice, { type: 'restore' }> => n.type === 'restore');
    expect(restore?.labs.map((c) => [c.target, c.cue.scenario, c.cue.commands])).toEqual([
      ['ap-divergent-writes', 'ap-divergent-writes', []],
      ['cp', 'cp-minority-refuses-write', []],
    ]);
    expect(h.player.getState().position).toBe(0);
    expect(h.fired()[0]).toBe(demo.cues[0]);
  });

  it('maps times to sentences', () => {
    expect(sentenceAt(demo, -1)).toBe(-1);
    expect(sentenceAt(demo, 0)).toBe(0);
    expect(sentenceAt(demo, demo.sentences[3].start + 0.01)).toBe(3);
    expect(sentenceAt(demo, demo.duration)).toBe(demo.sentences.length - 1);
  });
});

/** A random but well-formed timeline: sorted cues over a few labs and stop cards. */
const arbTimeline: fc.Arbitrary<CompiledNarration> = fc
  .tuple(fc.integer({ min: 5, max: 300 }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('lab', 'stop', 'figure'), fc.constantFrom('x', 'y', 'z')), { maxLength: 25 }))
  .map(([duration, raw]) => {
    const cues = raw
      .map(([f, kind, target], line): TimelineCue => {
        const time = Math.round(f * duration * 1000) / 1000;
        if (kind === 'lab') return { kind, time, line, target, widget: 'PartitionLab', cue: { scenario: `s${line}`, commands: [] }, label: '' };
        return { kind: kind as 'stop' | 'figure', time, line, target, label: '' };
      })
      .sort((a, b) => a.time - b.time || a.line - b.line);
    const labs = [...new Set(cues.filter((c) => c.kind === 'lab').map((c) => c.target))].map((id) => ({ id, widget: 'PartitionLab', scenario: 'initial' }));
    return { chapter: 'p', title: 'p', wpm: 150, duration, segments: [{ id: 's', title: 's', start: 0, end: duration, timed: true }], sentences: [], cues, labs, wordCount: 0 };
  });

describe('player properties', () => {
  it('a full play-through fires exactly the timeline cues in order, for any frame size', () => {
    fc.assert(
      fc.property(arbTimeline, fc.integer({ min: 20, max: 2000 }), (tl, frame) => {
        const h = harness(tl);
        playThrough(h, frame);
        expect(h.player.getState().ended).toBe(true);
        expect(h.fired()).toEqual(tl.cues);
      }),
      { numRuns: 100 },
    );
  });

  it('after any sequence of operations, position stays in range and a seek restores labStateAt', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 20_000 }) }),
      fc.record({ k: fc.constant('seek' as const), t: fc.double({ min: -10, max: 400, noNaN: true }) }),
      fc.record({ k: fc.constant('play' as const) }),
      fc.record({ k: fc.constant('pause' as const) }),
      fc.record({ k: fc.constant('rate' as const), r: fc.double({ min: 0, max: 3, noNaN: true }) }),
    );
    fc.assert(
      fc.property(arbTimeline, fc.array(op, { maxLength: 30 }), (tl, ops) => {
        const h = harness(tl);
        for (const o of ops) {
          const before = h.player.getState().position;
          if (o.k === 'advance') h.clock.advance(o.ms, 250);
          else if (o.k === 'seek') {
            h.player.seek(o.t);
            const r = h.log.at(-1);
            expect(r?.type).toBe('restore');
            if (r?.type === 'restore') expect(r.labs).toEqual(labStateAt(tl, h.player.getState().position));
          } else if (o.k === 'play') h.player.play();
          else if (o.k === 'pause') h.player.pause();
          else h.player.setRate(o.r);
          const s = h.player.getState();
          expect(s.position).toBeGreaterThanOrEqual(0);
          expect(s.position).toBeLessThanOrEqual(tl.duration);
          expect(s.rate).toBeGreaterThanOrEqual(0.75);
          expect(s.rate).toBeLessThanOrEqual(2);
          // Without a seek or restart, time never runs backwards.
          if (o.k === 'advance' || o.k === 'pause' || o.k === 'rate') expect(s.position).toBeGreaterThanOrEqual(before);
        }
      }),
      { numRuns: 200 },
    );
  });
});
