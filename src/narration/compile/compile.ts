/**
 * Compiles a parsed narration script into a timeline with absolute times, validating every cue
 * against the widget manifest and the chapter page (docs/ARCHITECTURE.md, "Narration ↔ labs contract").
 *
 * Durations come from the text at a words-per-minute rate: the seed's timestamps overlap, so they are
 * never trusted. A segment heading may fix its duration; its sentences are then stretched to fit.
 */
import { parseScript, type RawBlock } from './parse.ts';
import type { ChapterPage, PageLab } from '../../book/content/mdx.ts';
import { splitSentences, spokenSeconds, countWords } from './sentences.ts';
import { NARRATION_LAB_SPEEDS, partsOf } from '../../widgets/shared/labParts.ts';
import {
  NarrationError,
  type NarrationIssue,
  type NarrationLabCue,
  type CompiledNarration,
  type TimelineCue,
  type TimelineSegment,
  type TimelineSentence,
} from '../types.ts';

/** The slice of `src/widgets/manifest.ts` the compiler needs (kept structural so tests can pass fixtures). */
export interface ManifestLike {
  readonly name: string;
  readonly scenarios: readonly string[];
  readonly commands: readonly string[];
  /** Sub-views the lab marks with `data-lab-part`, besides the frame's own (see `labParts.ts`). */
  readonly parts?: readonly string[];
}

/** Everything the compiler checks a script against. */
export interface CompileContext {
  readonly manifests: readonly ManifestLike[];
  readonly page: ChapterPage;
  /** Slug derived from the script's file name, used when the frontmatter has no `chapter`. */
  readonly slug: string;
  readonly next?: { readonly slug: string; readonly title: string };
}

/** Default narration pace at 1× (a relaxed audiobook pace). */
export const DEFAULT_WPM = 150;

const ARROW = /\s*(?:→|->)\s*/;

type CueDraft =
  | { kind: 'lab'; target: string; widget: string; cue: NarrationLabCue; label: string; part?: string; pulse?: boolean }
  | { kind: 'figure' | 'card' | 'stop'; target: string; label: string };

function parseVisual(body: string, file: string, line: number, ctx: CompileContext, issues: NarrationIssue[]): CueDraft | null {
  const fail = (message: string) => {
    issues.push({ file, line, message });
    return null;
  };
  const head = /^(lab|figure|card)\s*[: ]\s*([A-Za-z0-9][\w-]*)\s*(.*)$/.exec(body);
  if (!head) return fail(`cannot read Visual cue ${JSON.stringify(body)}; expected "lab <id> → load <scenario>; <command> …", "figure:<id>" or "card:<id>"`);
  const [, kind, target, rest] = head;
  if (kind === 'figure' || kind === 'card') {
    if (rest.trim()) return fail(`unexpected text after ${kind}:${target}: ${JSON.stringify(rest.trim())}`);
    const set = kind === 'figure' ? ctx.page.figures : ctx.page.cards;
    if (!set.has(target)) {
      const known = [...set].join(', ') || 'none';
      return fail(`unknown ${kind === 'figure' ? 'figure' : 'key-concept card'} "${target}" on ${ctx.page.file} (known: ${known})`);
    }
    return { kind, target, label: `${kind === 'figure' ? 'Figure' : 'Card'}: ${target}` };
  }
  const lab: PageLab | undefined = ctx.page.labs.find((l) => l.id === target);
  if (!lab) {
    const known = ctx.page.labs.map((l) => `${l.id} (${l.widget})`).join(', ') || 'none';
    return fail(`unknown lab instance "${target}" on ${ctx.page.file} (labs on that page: ${known})`);
  }
  const manifest = ctx.manifests.find((m) => m.name === lab.widget);
  if (!manifest) return fail(`lab "${target}" is a <${lab.widget}>, which is not in src/widgets/manifest.ts`);
  const arrow = ARROW.exec(rest);
  if (rest.trim() && (!arrow || arrow.index !== 0)) return fail(`expected "→" after "lab ${target}", got ${JSON.stringify(rest.trim())}`);
  const steps = rest
    .replace(ARROW, '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.split(/\s+/));
  let scenario = lab.scenario ?? manifest.scenarios[0];
  const commands: { name: string; args: string[] }[] = [];
  let at: number | undefined;
  let speed: number | undefined;
  let hold: number | undefined;
  let part: { name: string; pulse: boolean } | undefined;
  let play = false;
  let ok = true;
  const parts = partsOf(manifest);
  steps.forEach(([name, ...args], i) => {
    const last = i === steps.length - 1;
    if (name === 'load') {
      if (i !== 0) ok = !!fail('"load" must be the first command of a lab cue (the lab is rebuilt from its scenario)');
      else if (args.length !== 1) ok = !!fail('"load" takes exactly one scenario id');
      else if (!manifest.scenarios.includes(args[0])) ok = !!fail(`unknown scenario "${args[0]}" for ${lab.widget} (known: ${manifest.scenarios.join(', ')})`);
      else scenario = args[0];
    } else if (name === 'play') {
      if (!last || args.length) ok = !!fail('"play" takes no arguments and must be the last command');
      else play = true;
    } else if (name === 'at') {
      const t = Number(args[0]);
      if (args.length !== 1 || !Number.isFinite(t) || t < 0) ok = !!fail(`"at" takes one non-negative virtual time in ms, got ${JSON.stringify(args.join(' '))}`);
      else at = t;
    } else if (name === 'speed') {
      const x = Number(args[0]);
      const allowed = NARRATION_LAB_SPEEDS as readonly number[];
      if (args.length !== 1 || !allowed.includes(x)) ok = !!fail(`"speed" takes one of the lab's speeds (${allowed.join(', ')}), got ${JSON.stringify(args.join(' '))}`);
      else speed = x;
    } else if (name === 'hold') {
      const t = Number(args[0]);
      if (args.length !== 1 || !Number.isFinite(t) || t < 0) ok = !!fail(`"hold" takes one non-negative virtual time in ms, got ${JSON.stringify(args.join(' '))}`);
      else hold = t;
    } else if (name === 'focus' || name === 'highlight') {
      if (part) ok = !!fail(`a lab cue frames one part; "${name}" comes after "${part.pulse ? 'highlight' : 'focus'} ${part.name}"`);
      else if (args.length !== 1) ok = !!fail(`"${name}" takes one part name (${parts.join(', ')})`);
      else if (!parts.includes(args[0])) ok = !!fail(`unknown part "${args[0]}" of ${lab.widget} (known: ${parts.join(', ')})`);
      else part = { name: args[0], pulse: name === 'highlight' };
    } else if (!manifest.commands.includes(name)) {
      ok = !!fail(`unknown command "${name}" for ${lab.widget} (accepted: load, ${[...manifest.commands, 'at', 'speed', 'hold', 'focus', 'highlight', 'play'].join(', ')})`);
    } else {
      commands.push({ name, args });
    }
  });
  if (!ok) return null;
  if (!scenario) return fail(`lab "${target}" has no scenario to load`);
  // Pacing only means something while the lab plays, and a hold must lie ahead of the start.
  if ((speed !== undefined || hold !== undefined) && !play) return fail('"speed" and "hold" pace a playing lab; end the cue with "play"');
  // The lab starts playing where the cue leaves its cursor: `at`, else its last `seek`.
  const lastSeek = [...commands].reverse().find((c) => c.name === 'seek');
  const start = at ?? (lastSeek ? Number(lastSeek.args[0]) : 0);
  if (hold !== undefined && hold <= start) return fail(`"hold ${hold}" must come after the moment the cue starts playing (${start} ms)`);
  const cue: NarrationLabCue = {
    scenario,
    commands,
    ...(at !== undefined ? { at } : {}),
    ...(play ? { play } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(hold !== undefined ? { hold } : {}),
  };
  const label = [
    `load ${scenario}`,
    ...commands.map((c) => [c.name, ...c.args].join(' ')),
    ...(at !== undefined ? [`at ${at}`] : []),
    ...(speed !== undefined ? [`speed ${speed}`] : []),
    ...(hold !== undefined ? [`hold ${hold}`] : []),
    ...(part ? [`${part.pulse ? 'highlight' : 'focus'} ${part.name}`] : []),
    ...(play ? ['play'] : []),
  ].join('; ');
  return { kind: 'lab', target, widget: lab.widget, cue, label: `${target}: ${label}`, ...(part ? { part: part.name, ...(part.pulse ? { pulse: true } : {}) } : {}) };
}

function parseStop(body: string, file: string, line: number, ctx: CompileContext, issues: NarrationIssue[]): CueDraft | null {
  const m = /^(?:card\s*:\s*)?([A-Za-z0-9][\w-]*)$/.exec(body);
  if (!m) {
    issues.push({ file, line, message: `Stop cue must name one key-concept card id, got ${JSON.stringify(body)}` });
    return null;
  }
  if (!ctx.page.cards.has(m[1])) {
    const known = [...ctx.page.cards].join(', ') || 'none';
    issues.push({ file, line, message: `Stop cue names unknown key-concept card "${m[1]}" on ${ctx.page.file} (known: ${known})` });
    return null;
  }
  return { kind: 'stop', target: m[1], label: `Stop: ${m[1]}` };
}

/** Compile a script's source into a timeline; throws `NarrationError` listing every issue with file and line. */
export function compileScript(source: string, file: string, ctx: CompileContext): CompiledNarration {
  const raw = parseScript(source, file);
  const issues = [...raw.issues];
  const chapter = raw.chapter ?? ctx.slug;
  if (raw.chapter && ctx.page.slug && raw.chapter !== ctx.page.slug) {
    issues.push({ file, line: 2, message: `frontmatter chapter "${raw.chapter}" does not match the chapter's slug "${ctx.page.slug}" in ${ctx.page.file}` });
  }
  const wpm = raw.wpm ?? DEFAULT_WPM;
  const segments: TimelineSegment[] = [];
  const sentences: TimelineSentence[] = [];
  const cues: TimelineCue[] = [];
  let clock = 0;
  let paragraph = 0;
  let words = 0;

  for (const seg of raw.segments) {
    // First lay the segment out at the natural pace, then scale when the heading fixes a duration.
    type Item = { block: RawBlock; draft: CueDraft | null } | { sentence: string; paragraph: number; natural: number };
    const items: Item[] = [];
    let natural = 0;
    for (const block of seg.blocks) {
      if (block.kind === 'para') {
        for (const s of splitSentences(block.text)) {
          const d = spokenSeconds(s, wpm);
          words += countWords(s);
          items.push({ sentence: s, paragraph, natural: d });
          natural += d;
        }
        paragraph++;
      } else {
        const draft = block.kind === 'visual' ? parseVisual(block.body, file, block.line, ctx, issues) : parseStop(block.body, file, block.line, ctx, issues);
        items.push({ block, draft });
      }
    }
    if (natural === 0) issues.push({ file, line: seg.line, message: `segment "${seg.title}" has no narrator text` });
    const length = seg.duration ?? natural;
    const scale = natural > 0 ? length / natural : 1;
    const segIndex = segments.length;
    const start = clock;
    for (const item of items) {
      if ('sentence' in item) {
        const d = item.natural * scale;
        sentences.push({ text: item.sentence, segment: segIndex, start: round(clock), end: round(clock + d), paragraph: item.paragraph });
        clock += d;
      } else if (item.draft) {
        cues.push({ ...item.draft, time: round(clock), line: item.block.line } as TimelineCue);
      }
    }
    clock = start + length;
    segments.push({ id: seg.id, title: seg.title, start: round(start), end: round(clock), timed: seg.duration !== undefined });
  }
  // Report in file order so an author can walk down the script.
  if (issues.length) throw new NarrationError([...issues].sort((a, b) => a.line - b.line));
  // Stable: cues at the same time keep their order in the file.
  cues.sort((a, b) => a.time - b.time || a.line - b.line);
  // Initial scenario of every driven lab, so seeking before its first cue can put it back.
  const labs: { id: string; widget: string; scenario: string }[] = [];
  for (const c of cues) {
    if (c.kind !== 'lab' || labs.some((l) => l.id === c.target)) continue;
    const pageLab = ctx.page.labs.find((l) => l.id === c.target);
    const scenario = pageLab?.scenario ?? ctx.manifests.find((m) => m.name === c.widget)?.scenarios[0] ?? c.cue.scenario;
    labs.push({ id: c.target, widget: c.widget, scenario });
  }
  return {
    chapter,
    title: ctx.page.title ?? chapter,
    wpm,
    duration: round(clock),
    segments,
    sentences,
    cues,
    labs,
    wordCount: words,
    ...(ctx.next ? { next: ctx.next } : {}),
  };
}

/** Millisecond precision keeps emitted JSON and VTT stable across platforms. */
function round(t: number): number {
  return Math.round(t * 1000) / 1000;
}
