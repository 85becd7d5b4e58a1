import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileScript, type CompileContext } from './compile.ts';
import { pageTargets, parseChapter } from '../../book/content/mdx.ts';
import { splitSentences, countWords } from './sentences.ts';
import { NarrationError } from '../types.ts';
import { toWebVTT, vttTime } from './vtt.ts';
import { fixtureManifests } from '../__fixtures__/manifest.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../__fixtures__/${name}`, import.meta.url)), 'utf8');
const page = pageTargets(parseChapter(fixture('content/1-demo/01-demo.mdx'), '01-demo.mdx'), (w) => fixtureManifests.find((m) => m.name === w)?.scenarios[0]);
const ctx: CompileContext = { manifests: fixtureManifests, page, slug: 'demo', next: { slug: 'clocks', title: 'Clocks' } };
const compileDemo = () => compileScript(fixture('content/1-demo/01-demo.narration.md'), '01-demo.narration.md', ctx);

describe('pageTargets', () => {
  it('finds labs with default and explicit ids, cards and figures, even with multi-line props', () => {
    expect(page.labs.map((l) => [l.id, l.widget])).toEqual([
      ['ap-divergent-writes', 'PartitionLab'],
      ['cp', 'PartitionLab'],
    ]);
    expect([...page.cards]).toEqual(['demo-cap', 'demo-second']);
    expect([...page.figures]).toEqual(['demo-figure']);
    expect(page.slug).toBe('demo');
  });
});

describe('compileScript', () => {
  it('lays out segments back to back from word counts', () => {
    const tl = compileDemo();
    expect(tl.segments.map((s) => s.id)).toEqual(['opening', 'timed']);
    expect(tl.segments[0].start).toBe(0);
    expect(tl.segments[1].start).toBe(tl.segments[0].end);
    expect(tl.duration).toBe(tl.segments[1].end);
    // The timed segment is stretched to exactly its stated 20 seconds.
    expect(tl.segments[1].end - tl.segments[1].start).toBeCloseTo(20, 3);
    expect(tl.segments[1].timed).toBe(true);
    expect(tl.next).toEqual({ slug: 'clocks', title: 'Clocks' });
  });

  it('splits sentences for captions and keeps abbreviations whole', () => {
    const tl = compileDemo();
    expect(tl.sentences.map((s) => s.text)).toEqual([
      'Networks drop, delay and reorder messages.',
      'A sender cannot tell which one happened.',
      'Both sides keep accepting writes, e.g. a cart update on each side.',
      'The minority refuses the write.',
      'The majority carries on.',
      'When the network heals, the replicas converge.',
    ]);
    // 6 words at 150 wpm = 2.4 s plus the 0.3 s gap between sentences.
    expect(tl.sentences[0].end - tl.sentences[0].start).toBeCloseTo(2.7, 3);
    for (let i = 1; i < tl.sentences.length; i++) expect(tl.sentences[i].start).toBeCloseTo(tl.sentences[i - 1].end, 3);
  });

  it('places cues at the start of the following sentence and parses lab commands', () => {
    const tl = compileDemo();
    expect(tl.cues.map((c) => [c.kind, c.target])).toEqual([
      ['figure', 'demo-figure'],
      ['lab', 'ap-divergent-writes'],
      ['stop', 'demo-cap'],
      ['lab', 'cp'],
      ['lab', 'ap-divergent-writes'],
      ['card', 'demo-second'],
      ['stop', 'demo-second'],
    ]);
    const [fig, lab, stop, cp] = tl.cues;
    expect(fig.time).toBe(0);
    expect(lab.time).toBe(tl.sentences[2].start);
    expect(stop.time).toBe(tl.segments[0].end);
    expect(lab.kind === 'lab' && lab.cue).toEqual({
      scenario: 'ap-divergent-writes',
      commands: [
        { name: 'partition', args: ['A,B|C'] },
        { name: 'write', args: ['C', 'x=2'] },
      ],
      play: true,
    });
    expect(cp.kind === 'lab' && cp.cue).toEqual({ scenario: 'cp-minority-refuses-write', commands: [{ name: 'partition', args: ['A,B|C'] }], at: 1500 });
    expect(tl.cues[tl.cues.length - 1].time).toBe(tl.duration);
  });

  it('reports every broken cue with file and line', () => {
    let error: unknown;
    try {
      compileScript(fixture('broken/1-demo/01-demo.narration.md'), 'content/x/02-broken.narration.md', ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NarrationError);
    const issues = (error as NarrationError).issues;
    expect(issues.map((i) => i.line)).toEqual([9, 11, 13, 15, 17, 19, 21]);
    const msg = (error as Error).message;
    expect(msg).toContain('content/x/02-broken.narration.md:9: unknown lab instance "no-such-lab"');
    expect(msg).toContain(':11: unknown scenario "not-a-scenario" for PartitionLab');
    expect(msg).toContain(':13: unknown command "explode" for PartitionLab');
    expect(msg).toContain(':15: Stop cue names unknown key-concept card "not-a-card"');
    expect(msg).toContain(':17: unknown figure "missing-figure"');
    expect(msg).toContain(':19: unknown part "nowhere" of PartitionLab (known: header, scenario, picture');
    expect(msg).toContain(':21: "speed" takes one of the lab\'s speeds (0.25, 0.5, 1, 2, 4, 10, 30, 100), got "3"');
  });

  it('reads framing and pacing: focus or highlight a part, speed, hold', () => {
    const script = (cue: string) => ['## One {#one}', '', 'Before.', '', `Visual: lab cp → ${cue}`, '', 'After.'].join('\n');
    const lab = (cue: string) => {
      const c = compileScript(script(cue), 's.narration.md', ctx).cues[0];
      return c.kind === 'lab' ? c : null;
    };
    const paced = lab('load cp-minority-refuses-write; partition A,B|C; at 20; speed 0.5; hold 60; focus picture; play')!;
    expect(paced.cue).toEqual({ scenario: 'cp-minority-refuses-write', commands: [{ name: 'partition', args: ['A,B|C'] }], at: 20, play: true, speed: 0.5, hold: 60 });
    expect(paced.part).toBe('picture');
    expect(paced.pulse).toBeUndefined();
    expect(paced.label).toBe('cp: load cp-minority-refuses-write; partition A,B|C; at 20; speed 0.5; hold 60; focus picture; play');
    const lit = lab('highlight diagram')!;
    expect([lit.part, lit.pulse, lit.cue.speed, lit.cue.hold]).toEqual(['diagram', true, undefined, undefined]);
    // A widget's own parts, declared in its manifest entry, are accepted too.
    const withLog = compileScript(script('focus log'), 's.narration.md', { ...ctx, manifests: ctx.manifests.map((m) => ({ ...m, parts: ['log'] })) }).cues[0];
    expect(withLog.kind === 'lab' && withLog.part).toBe('log');
    const problem = (cue: string) => {
      try {
        compileScript(script(cue), 's.narration.md', ctx);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(problem('focus log')).toMatch(/unknown part "log" of PartitionLab/);
    expect(problem('focus picture; highlight diagram')).toMatch(/frames one part/);
    expect(problem('speed 0.5')).toMatch(/end the cue with "play"/);
    expect(problem('hold 50; play')).toBe('');
    expect(problem('seek 80; hold 50; play')).toMatch(/"hold 50" must come after the moment the cue starts playing \(80 ms\)/);
    expect(problem('at 50; hold 50; play')).toMatch(/must come after/);
    expect(problem('hold -1; play')).toMatch(/"hold" takes one non-negative/);
  });

  it('rejects structural mistakes with their lines', () => {
    const bad = ['---', 'chapter: demo', 'colour: red', '---', 'Orphan text.', '## Empty', '### Deep', '## Ok [0:00]', 'Words here.', 'Visual: lab cp → play; load ap-divergent-writes', 'Talk. Visual: figure:demo-figure'].join('\n');
    const err = (() => {
      try {
        compileScript(bad, 'bad.md', ctx);
      } catch (e) {
        return e as NarrationError;
      }
      throw new Error('expected a NarrationError');
    })();
    const lines = err.issues.map((i) => `${i.line}:${i.message.split(' ').slice(0, 3).join(' ')}`);
    expect(lines).toEqual([
      '3:unknown frontmatter key',
      '5:text before the',
      '6:segment "Empty" has',
      '7:only "## "',
      '8:segment duration must',
      '10:"play" takes no',
      '10:"load" must be',
      '11:a "Visual:" or',
    ]);
  });
});

describe('sentences', () => {
  it('never loses or invents words when splitting', () => {
    const word = fc.stringMatching(/^[A-Za-z][a-z]{0,7}$/);
    const sentence = fc.tuple(fc.array(word, { minLength: 1, maxLength: 9 }), fc.constantFrom('.', '!', '?', '')).map(([ws, p]) => ws.join(' ') + p);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.join(' ');
        const split = splitSentences(text);
        expect(split.join(' ')).toBe(text.trim());
        expect(split.reduce((n, s) => n + countWords(s), 0)).toBe(countWords(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('WebVTT', () => {
  it('formats times and writes one cue per sentence', () => {
    expect(vttTime(3723.4567)).toBe('01:02:03.457');
    const vtt = toWebVTT(compileDemo());
    expect(vtt.startsWith('WEBVTT')).toBe(true);
    expect(vtt.match(/-->/g)?.length).toBe(6);
    expect(vtt).toContain('00:00:00.000 --> 00:00:02.700\nNetworks drop, delay and reorder messages.');
  });
});
