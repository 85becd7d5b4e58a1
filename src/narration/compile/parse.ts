/**
 * Parser for the author-facing narration format (`content/<part>/<NN-slug>.narration.md`).
 * The format is described in `src/narration/FORMAT.md`. This step only recognises structure and keeps
 * line numbers; meaning (targets, scenarios, commands, times) is checked by `compile.ts`.
 */
import type { NarrationIssue } from '../types.ts';

/** A paragraph of narrator text, or a cue line, with the line it starts on. */
export type RawBlock =
  | { readonly kind: 'para'; readonly text: string; readonly line: number }
  | { readonly kind: 'visual'; readonly body: string; readonly line: number }
  | { readonly kind: 'stop'; readonly body: string; readonly line: number };

/** A `## Title {#id} [m:ss]` section and its blocks. */
export interface RawSegment {
  readonly id: string;
  readonly title: string;
  readonly line: number;
  /** Seconds, when the heading fixes the duration. */
  readonly duration?: number;
  readonly blocks: RawBlock[];
}

/** The parsed script before validation. */
export interface RawScript {
  readonly file: string;
  readonly chapter?: string;
  readonly wpm?: number;
  readonly segments: RawSegment[];
  readonly issues: NarrationIssue[];
}

const HEADING = /^##\s+(.+?)\s*$/;
const HEADING_ID = /\{#([a-z0-9][a-z0-9-]*)\}/;
const HEADING_DURATION = /\[(?:(\d+):)?(\d+(?:\.\d+)?)(s)?\]/;
const CUE = /^(Visual|Stop cue)\s*:\s*(.*)$/i;

/** Kebab-case an arbitrary title, used when a heading has no explicit `{#id}`. */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Strip inline markdown that must not be read aloud or shown raw in captions. */
export function plainText(md: string): string {
  return md
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*/g, '$1$2')
    .replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

function parseFrontmatter(lines: string[], file: string, issues: NarrationIssue[]): { end: number; fields: Map<string, { value: string; line: number }> } {
  const fields = new Map<string, { value: string; line: number }>();
  if (lines[0]?.trim() !== '---') return { end: 0, fields };
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '---') return { end: i + 1, fields };
    const text = raw.replace(/\s+#.*$/, '').trim();
    if (text === '' || text.startsWith('#')) continue;
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(text);
    if (!m) {
      issues.push({ file, line: i + 1, message: `frontmatter line is not "key: value": ${JSON.stringify(raw)}` });
      continue;
    }
    fields.set(m[1], { value: m[2].replace(/^["']|["']$/g, ''), line: i + 1 });
  }
  issues.push({ file, line: 1, message: 'frontmatter opened with "---" is never closed' });
  return { end: lines.length, fields };
}

/** Parse a narration script; never throws, problems are returned in `issues` with their line. */
export function parseScript(source: string, file: string): RawScript {
  const issues: NarrationIssue[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const { end, fields } = parseFrontmatter(lines, file, issues);
  for (const [key, { line }] of fields) {
    if (key !== 'chapter' && key !== 'wpm') issues.push({ file, line, message: `unknown frontmatter key "${key}" (expected chapter, wpm)` });
  }
  let wpm: number | undefined;
  const wpmField = fields.get('wpm');
  if (wpmField) {
    wpm = Number(wpmField.value);
    if (!Number.isFinite(wpm) || wpm < 60 || wpm > 400) {
      issues.push({ file, line: wpmField.line, message: `wpm must be a number between 60 and 400, got "${wpmField.value}"` });
      wpm = undefined;
    }
  }

  const segments: RawSegment[] = [];
  let para: { text: string[]; line: number } | null = null;
  let inComment = false;
  const flush = () => {
    if (!para) return;
    const seg = segments[segments.length - 1];
    const text = plainText(para.text.join(' '));
    if (text) seg.blocks.push({ kind: 'para', text, line: para.line });
    para = null;
  };

  for (let i = end; i < lines.length; i++) {
    const lineNo = i + 1;
    let raw = lines[i];
    // HTML comments are author notes; they may span lines and are never narrated.
    if (inComment) {
      const close = raw.indexOf('-->');
      if (close < 0) continue;
      inComment = false;
      raw = raw.slice(close + 3);
    }
    raw = raw.replace(/<!--.*?-->/g, '');
    const open = raw.indexOf('<!--');
    if (open >= 0) {
      inComment = true;
      raw = raw.slice(0, open);
    }
    const text = raw.trim();

    const heading = HEADING.exec(text);
    if (heading) {
      flush();
      let title = heading[1];
      const idMatch = HEADING_ID.exec(title);
      title = title.replace(HEADING_ID, '');
      const durMatch = HEADING_DURATION.exec(title);
      title = title.replace(HEADING_DURATION, '').trim();
      let duration: number | undefined;
      if (durMatch) {
        duration = Number(durMatch[1] ?? 0) * 60 + Number(durMatch[2]);
        if (!(duration > 0)) {
          issues.push({ file, line: lineNo, message: `segment duration must be positive, got "${durMatch[0]}"` });
          duration = undefined;
        }
      }
      const id = idMatch ? idMatch[1] : slugify(title);
      if (!title) issues.push({ file, line: lineNo, message: 'segment heading has no title' });
      if (segments.some((s) => s.id === id)) issues.push({ file, line: lineNo, message: `duplicate segment id "${id}"` });
      segments.push({ id, title, line: lineNo, duration, blocks: [] });
      continue;
    }
    if (text.startsWith('#')) {
      issues.push({ file, line: lineNo, message: `only "## " headings start segments; got ${JSON.stringify(text)}` });
      continue;
    }
    if (text === '') {
      flush();
      continue;
    }
    if (segments.length === 0) {
      issues.push({ file, line: lineNo, message: 'text before the first "## " segment heading' });
      continue;
    }
    const cue = CUE.exec(text);
    if (cue) {
      flush();
      const kind = cue[1].toLowerCase() === 'visual' ? 'visual' : 'stop';
      segments[segments.length - 1].blocks.push({ kind, body: cue[2].trim(), line: lineNo });
      continue;
    }
    // A cue glued to the end of a sentence would be read aloud instead of acted on.
    if (/\b(?:Visual|Stop cue)\s*:/i.test(text)) {
      issues.push({ file, line: lineNo, message: 'a "Visual:" or "Stop cue:" must start its own line (found inside narrator text)' });
    }
    if (para) para.text.push(text);
    else para = { text: [text], line: lineNo };
  }
  flush();
  if (inComment) issues.push({ file, line: lines.length, message: 'an HTML comment "<!--" is never closed' });
  if (segments.length === 0) issues.push({ file, line: 1, message: 'the script has no "## " segments' });
  return { file, chapter: fields.get('chapter')?.value, wpm, segments, issues };
}
