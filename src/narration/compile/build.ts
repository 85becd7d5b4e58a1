/**
 * Node-side glue: locate a script's chapter MDX, scan it, find the next chapter in the table of
 * contents, and compile. Used by the Vite plugin and `scripts/narration-check.ts`; never bundled for the browser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { listChapterFiles } from '../../book/content/files.ts';
import { pageTargets, parseChapter } from '../../book/content/mdx.ts';
import { compileScript, type ManifestLike } from './compile.ts';
import { NarrationError, type CompiledNarration } from '../types.ts';

/** Suffix of narration scripts. */
export const SCRIPT_SUFFIX = '.narration.md';

/** Chapter file name without the `NN-` order prefix, e.g. `01-networks` → `networks`. */
export function slugFromFile(file: string): string {
  return basename(file).replace(SCRIPT_SUFFIX, '').replace(/\.mdx$/, '').replace(/^\d+-/, '');
}

/** Every narration script under `contentRoot`, in reading order (beside its chapter). */
export function listScripts(contentRoot: string): string[] {
  return listChapterFiles(contentRoot)
    .map((mdx) => mdx.replace(/\.mdx$/, SCRIPT_SUFFIX))
    .filter((f) => existsSync(f));
}

/** Slug and title of a chapter; `shown` is its name in messages, also the parse cache's key. */
function chapterMeta(mdxFile: string, shown: string): { slug: string; title: string } {
  const page = pageTargets(parseChapter(readFileSync(mdxFile, 'utf8'), shown), () => undefined);
  return { slug: page.slug ?? slugFromFile(mdxFile), title: page.title ?? slugFromFile(mdxFile) };
}

/** Options for `buildNarration`. */
export interface BuildOptions {
  readonly manifests: readonly ManifestLike[];
  /** Root of the content tree, to find the next chapter; defaults to the script's grandparent folder. */
  readonly contentRoot?: string;
  /** Base for file names in messages (usually the repo root), so they read `content/…:12`. */
  readonly cwd?: string;
  /** Script source, when already in memory (the Vite plugin's `transform` receives it). */
  readonly source?: string;
}

/** Compile one script file against its chapter page; throws `NarrationError` with `file:line` messages. */
export function buildNarration(scriptFile: string, opts: BuildOptions): CompiledNarration {
  const cwd = opts.cwd ?? process.cwd();
  const shown = relative(cwd, scriptFile) || scriptFile;
  const mdxFile = scriptFile.replace(SCRIPT_SUFFIX, '.mdx');
  if (!existsSync(mdxFile)) {
    throw new NarrationError([{ file: shown, line: 1, message: `no chapter next to this script (expected ${relative(cwd, mdxFile)})` }]);
  }
  const manifests = opts.manifests;
  const page = pageTargets(parseChapter(readFileSync(mdxFile, 'utf8'), relative(cwd, mdxFile)), (w) => manifests.find((m) => m.name === w)?.scenarios[0]);
  const chapters = listChapterFiles(opts.contentRoot ?? dirname(dirname(scriptFile)));
  const at = chapters.indexOf(mdxFile);
  const next = at >= 0 && at + 1 < chapters.length ? chapterMeta(chapters[at + 1], relative(cwd, chapters[at + 1])) : undefined;
  const source = opts.source ?? readFileSync(scriptFile, 'utf8');
  return compileScript(source, shown, { manifests, page, slug: page.slug ?? slugFromFile(scriptFile), ...(next ? { next } : {}) });
}
