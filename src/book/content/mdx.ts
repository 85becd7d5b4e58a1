/**
 * The one reader of chapter sources. Chapters are parsed with the real MDX parser (remark-parse +
 * remark-mdx, the same syntax extensions as the site's compiler), never with regexes, so JSX
 * attributes, heading-id comments and nested components are read exactly as the site reads them.
 * The build (table of contents), the narration compiler (cue targets) and the content checks all
 * read chapters through here. Pure: no file system (see `files.ts` for listing and reading files).
 *
 * Attribute expressions such as an Exercise's `options={[...]}` are evaluated from their estree
 * form, accepting only literals, so reading a chapter never executes chapter code.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { parse as parseYaml } from 'yaml';
import type { Root, RootContent, Heading, Nodes } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { Node as EsNode, Expression } from 'estree';

/** A JSX element as the MDX parser produces it, in block (flow) or inline (text) position. */
export type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

/** One chapter source, parsed. */
export interface ParsedChapter {
  /** Where it came from, for messages (usually repo-relative). */
  readonly file: string;
  /** The frontmatter as parsed YAML (an empty object if there is none). */
  readonly frontmatter: Record<string, unknown>;
  /** The MDX syntax tree. */
  readonly tree: Root;
}

/** Elements whose content is not prose: inline figures' SVG and exercises (counted separately). */
const NON_PROSE = new Set(['svg', 'Exercise']);

/** The shared processor; same syntax extensions as the site (frontmatter, GFM, MDX). */
const processor = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter).use(remarkGfm);

/** Parses MDX source into a tree, throwing with the file name and position on a syntax error. */
export function parseMdx(source: string, file = '<mdx>'): Root {
  try {
    return processor.runSync(processor.parse(source)) as Root;
  } catch (e) {
    throw new Error(`${file}: MDX does not parse: ${(e as Error).message}`, { cause: e });
  }
}

/** Thrown when a chapter cannot be read; the message names the file and what is wrong. */
export class ChapterSyntaxError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ChapterSyntaxError';
  }
}

/** The YAML frontmatter of a parsed tree, or {} when there is none; throws on invalid YAML. */
function frontmatterOf(tree: Root, file: string): Record<string, unknown> {
  const yamlNode = tree.children.find((n) => n.type === 'yaml');
  if (!yamlNode || !('value' in yamlNode)) return {};
  let parsed: unknown;
  try {
    parsed = parseYaml(yamlNode.value);
  } catch (e) {
    throw new ChapterSyntaxError(`${file}: frontmatter YAML error: ${(e as Error).message}`, { cause: e });
  }
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

// The build, the narration compiler and the checks read the same chapters several times per run;
// parsing is the slow part, so results are kept per file for as long as its text is unchanged.
const cache = new Map<string, { source: string; chapter: ParsedChapter }>();

/** Parse a chapter's source (frontmatter and MDX); throws {@link ChapterSyntaxError} naming the file. */
export function parseChapter(source: string, file = '<mdx>'): ParsedChapter {
  const hit = cache.get(file);
  if (hit && hit.source === source) return hit.chapter;
  let tree: Root;
  try {
    tree = parseMdx(source, file);
  } catch (e) {
    throw new ChapterSyntaxError((e as Error).message, { cause: e });
  }
  const chapter: ParsedChapter = { file, frontmatter: frontmatterOf(tree, file), tree };
  cache.set(file, { source, chapter });
  return chapter;
}

function isJsx(n: Nodes): n is JsxElement {
  return n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement';
}

/** Depth-first walk over every node, calling `visit` with each node. `skip` prunes a subtree. */
function walk(node: Nodes, visit: (n: Nodes) => void, skip?: (n: Nodes) => boolean): void {
  if (skip?.(node)) return;
  visit(node);
  if ('children' in node) for (const c of node.children as Nodes[]) walk(c, visit, skip);
}

/** All JSX elements in the tree, optionally only those with the given component name. */
export function jsxElements(tree: Root, name?: string): JsxElement[] {
  const out: JsxElement[] = [];
  walk(tree, (n) => {
    if (isJsx(n) && (name === undefined || n.name === name)) out.push(n);
  });
  return out;
}

/** 1-based source line of a node, for error messages. */
export function lineOf(n: { position?: { start: { line: number } } }): number {
  return n.position?.start.line ?? 0;
}

/**
 * Evaluates an estree expression that may only contain literal data: strings, numbers, booleans,
 * null, arrays, plain objects, template literals without substitutions, and unary minus/plus.
 * Anything else (identifiers, calls, functions) is rejected, so chapter code is never executed.
 */
export function evaluateLiteral(node: EsNode): unknown {
  switch (node.type) {
    case 'Literal':
      if ('regex' in node && node.regex) throw new Error('regular expressions are not allowed');
      return node.value;
    case 'TemplateLiteral':
      if (node.expressions.length) throw new Error('template literals with ${} are not allowed');
      return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('');
    case 'ArrayExpression':
      return node.elements.map((e) => {
        if (!e || e.type === 'SpreadElement') throw new Error('holes and spreads are not allowed in arrays');
        return evaluateLiteral(e);
      });
    case 'ObjectExpression': {
      const obj: Record<string, unknown> = {};
      for (const p of node.properties) {
        if (p.type !== 'Property' || p.computed || p.kind !== 'init') throw new Error('only plain key: value properties are allowed');
        const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : null;
        if (key === null) throw new Error('unsupported property key');
        obj[key] = evaluateLiteral(p.value);
      }
      return obj;
    }
    case 'UnaryExpression': {
      const v = evaluateLiteral(node.argument);
      if (typeof v !== 'number' || (node.operator !== '-' && node.operator !== '+')) throw new Error(`unary ${node.operator} is not allowed`);
      return node.operator === '-' ? -v : v;
    }
    default:
      throw new Error(`${node.type} is not literal data`);
  }
}

/** Sentinel for an attribute that is present but not literal data; `reason` says why. */
export interface NonLiteral {
  nonLiteral: true;
  reason: string;
}

/**
 * The value of a JSX attribute: `undefined` if absent, `true` for a bare attribute (`<X flag />`),
 * the string for `a="…"`, the evaluated data for `a={…}`, or a {@link NonLiteral} if the expression
 * is not literal data.
 */
export function attr(el: JsxElement, name: string): unknown {
  const a = el.attributes.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  if (!a || a.type !== 'mdxJsxAttribute') return undefined;
  if (a.value === null || a.value === undefined) return true;
  if (typeof a.value === 'string') return a.value;
  const program = a.value.data?.estree;
  const stmt = program?.body[0];
  if (!program || program.body.length !== 1 || stmt?.type !== 'ExpressionStatement') {
    return { nonLiteral: true, reason: `attribute ${name} is not a single expression` } satisfies NonLiteral;
  }
  try {
    return evaluateLiteral(stmt.expression as Expression);
  } catch (e) {
    return { nonLiteral: true, reason: `attribute ${name}: ${(e as Error).message}` } satisfies NonLiteral;
  }
}

/** Type guard for {@link NonLiteral}. */
export function isNonLiteral(v: unknown): v is NonLiteral {
  return typeof v === 'object' && v !== null && (v as NonLiteral).nonLiteral === true;
}

/** A `##`/`###` heading with the explicit id from its trailing id comment (an MDX expression holding a block comment), if any. */
export interface HeadingInfo {
  depth: number;
  text: string;
  id: string | null;
  line: number;
}

/** Matches the inner text of a react.dev-style heading id comment: a block comment holding only the id. */
const HEADING_ID = /^\s*\/\*\s*([^*]*?)\s*\*\/\s*$/;

/** Every heading of depth 2 or 3, with its explicit id (or null when the comment is missing). */
export function headings(tree: Root): HeadingInfo[] {
  const out: HeadingInfo[] = [];
  walk(tree, (n) => {
    if (n.type !== 'heading' || (n.depth !== 2 && n.depth !== 3)) return;
    const h = n as Heading;
    let id: string | null = null;
    for (const c of h.children) {
      if (c.type === 'mdxTextExpression') {
        const m = HEADING_ID.exec(c.value);
        if (m) id = m[1];
      }
    }
    out.push({ depth: h.depth, text: inlineText(h).trim(), id, line: lineOf(h) });
  });
  return out;
}

/** Kebab-case: lowercase letters and digits in dash-separated groups. */
export const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Concatenated text of an inline subtree: text, inline code and the children of inline JSX. */
function inlineText(node: Nodes): string {
  let s = '';
  walk(
    node,
    (n) => {
      if (n.type === 'text' || n.type === 'inlineCode') s += n.value;
      else if (n.type === 'break') s += ' ';
    },
    (n) => (isJsx(n) && NON_PROSE.has(n.name ?? '')) || n.type === 'mdxTextExpression',
  );
  return s;
}

/** Block types whose inline content forms one run of prose. */
const PROSE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell', 'code']);

/**
 * The chapter's prose as separate blocks (paragraphs, headings, list items' paragraphs, table cells),
 * excluding frontmatter, SVG, exercises and expressions. JSX attributes are not prose and are not
 * included; use {@link attributeTexts} for those.
 */
export function proseBlocks(tree: Root): string[] {
  const out: string[] = [];
  const visitBlock = (n: Nodes): void => {
    if (n.type === 'yaml' || n.type === 'mdxFlowExpression' || n.type === 'mdxjsEsm') return;
    if (isJsx(n) && NON_PROSE.has(n.name ?? '')) return;
    if (PROSE_BLOCKS.has(n.type)) {
      const t = n.type === 'code' ? (n as { value: string }).value : inlineText(n);
      if (t.trim()) out.push(t);
      return;
    }
    if ('children' in n) for (const c of n.children as RootContent[]) visitBlock(c);
  };
  visitBlock(tree);
  return out;
}

/**
 * Human-readable strings held in JSX attributes: exercise questions, options and feedback, figure
 * captions and alt text, card titles. Used by the copy check, which must see every sentence a
 * reader sees, not only the prose.
 */
export function attributeTexts(tree: Root): string[] {
  const out: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object' && !isNonLiteral(v)) Object.values(v).forEach(collect);
  };
  for (const el of jsxElements(tree)) {
    if (el.name === 'svg') continue;
    for (const a of el.attributes) if (a.type === 'mdxJsxAttribute' && a.name !== 'id') collect(attr(el, a.name));
  }
  return out;
}

/** Number of words in a text: whitespace-separated tokens containing at least one letter or digit. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Word count of a chapter's prose (see {@link proseBlocks}). */
export function proseWordCount(tree: Root): number {
  return proseBlocks(tree).reduce((n, b) => n + countWords(b), 0);
}

/**
 * Normalises text for the copy check: lowercase, apostrophes removed (so "don't" and "dont" match),
 * every other run of non-letters and non-digits treated as a word break.
 */
export function normaliseWords(text: string): string[] {
  return text.toLowerCase().replace(/['’‘]/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** All runs of `n` consecutive normalised words in `text`, joined by single spaces. */
export function wordRuns(text: string, n: number): string[] {
  const w = normaliseWords(text);
  const out: string[] = [];
  for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
  return out;
}

/** One lab instance on a chapter page. */
export interface PageLab {
  /** Instance id: the `id` prop, else the `scenario` prop, else the widget's first scenario. */
  readonly id: string;
  readonly widget: string;
  /** Scenario given on the tag, if any. */
  readonly scenario?: string;
  readonly line: number;
}

/** What a chapter page offers to narration cues: lab instances, key-concept cards and figures. */
export interface ChapterPage {
  readonly file: string;
  readonly slug?: string;
  readonly title?: string;
  readonly labs: readonly PageLab[];
  readonly cards: ReadonlySet<string>;
  readonly figures: ReadonlySet<string>;
}

function stringAttr(el: JsxElement, name: string): string | undefined {
  const v = attr(el, name);
  return typeof v === 'string' ? v : undefined;
}

/**
 * The cue targets on a chapter page. `defaultScenario` resolves a lab tag that names neither `id`
 * nor `scenario` (its instance id is then its first scenario, as docs/ARCHITECTURE.md says).
 */
export function pageTargets(chapter: ParsedChapter, defaultScenario: (widget: string) => string | undefined): ChapterPage {
  const labs: PageLab[] = [];
  const cards = new Set<string>();
  const figures = new Set<string>();
  for (const el of jsxElements(chapter.tree)) {
    const name = el.name ?? '';
    if (name === 'KeyConcept' || name === 'Figure') {
      const id = stringAttr(el, 'id');
      if (id) (name === 'KeyConcept' ? cards : figures).add(id);
    } else if (/^[A-Z][A-Za-z0-9]*Lab$/.test(name)) {
      const scenario = stringAttr(el, 'scenario');
      const id = stringAttr(el, 'id') ?? scenario ?? defaultScenario(name) ?? name;
      labs.push({ id, widget: name, scenario, line: lineOf(el) });
    }
  }
  const fm = chapter.frontmatter;
  return {
    file: chapter.file,
    slug: typeof fm.slug === 'string' ? fm.slug : undefined,
    title: typeof fm.title === 'string' ? fm.title : undefined,
    labs,
    cards,
    figures,
  };
}

/** Minutes to read at 230 words per minute, counting prose only (see {@link proseWordCount}). */
export function estimateReadingTime(chapter: ParsedChapter): number {
  return Math.max(1, Math.round(proseWordCount(chapter.tree) / 230));
}
