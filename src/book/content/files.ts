/**
 * Finding and reading the book's content files (Node only: the build, the narration compiler, the
 * checks and the e2e route list). The one place that knows the folder layout of docs/ARCHITECTURE.md:
 * `content/<N-part>/<NN-slug>.mdx`, in table-of-contents order. Parsing is in `mdx.ts`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseChapter, type ParsedChapter } from './mdx.ts';

/** Absolute path of the repository root (the folder holding `content/` and `src/`). */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Absolute path of the `content/` folder. */
export const contentDir: string = join(repoRoot, 'content');

/**
 * The shared seed folder. CI clones the repo with `shared/` beside it, so the seed is resolved
 * relative to the repo root rather than by an absolute path.
 */
export const seedDir: string = resolve(repoRoot, '..', 'shared', 'seed');

/** Part folders (`<N>-<name>`) under a content root, in part order. */
export function listPartFolders(root: string = contentDir): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d+-/.test(d.name))
    .map((d) => d.name)
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
}

/** Every chapter file (`<part>/<NN-slug>.mdx`) under a content root, as absolute paths in reading order. */
export function listChapterFiles(root: string = contentDir): string[] {
  return listPartFolders(root).flatMap((p) =>
    readdirSync(join(root, p))
      .filter((f) => /^\d+-.*\.mdx$/.test(f))
      .sort()
      .map((f) => join(root, p, f)),
  );
}

/** Every .mdx/.yaml/.md file under `<root>/content`, keyed by its repo-relative path with forward slashes. */
export function readContentFiles(root: string = repoRoot): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(mdx|ya?ml|md)$/.test(name)) out.set(relative(root, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(join(root, 'content'));
  return out;
}

/** One chapter file, read and parsed, with its part folder. */
export interface Chapter extends ParsedChapter {
  /** The part folder, e.g. `2-handling-failure`. */
  readonly part: string;
}

/** Read and parse one chapter; `file` in the result (and in errors) is relative to `base`. */
export function loadChapter(path: string, base: string = repoRoot): Chapter {
  const file = relative(base, path) || path;
  return { ...parseChapter(readFileSync(path, 'utf8'), file), part: relative(dirname(dirname(path)), dirname(path)) };
}

/** Every chapter under a content root, in reading order. */
export function loadChapters(root: string = contentDir): Chapter[] {
  return listChapterFiles(root).map((f) => loadChapter(f));
}

/** One entry from a YAML list file in `content/glossary` or `content/references`, with its file. */
export interface YamlEntry {
  file: string;
  data: Record<string, unknown>;
}

/** Loads every entry of every `*.yaml` list in a folder; throws if a file is not a YAML list. */
export function loadYamlEntries(dir: string): YamlEntry[] {
  if (!existsSync(dir)) return [];
  const out: YamlEntry[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(f)) continue;
    const path = join(dir, f);
    const parsed: unknown = parseYaml(readFileSync(path, 'utf8'));
    if (parsed == null) continue;
    if (!Array.isArray(parsed)) throw new Error(`${relative(repoRoot, path)}: expected a YAML list`);
    for (const d of parsed) out.push({ file: relative(repoRoot, path), data: (d ?? {}) as Record<string, unknown> });
  }
  return out;
}
