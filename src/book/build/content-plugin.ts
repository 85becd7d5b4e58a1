/**
 * Vite plugin exposing the book's metadata as virtual modules, derived from the files so that the
 * table of contents is never kept by hand in two places:
 * - `virtual:book/toc`: parts and chapters (frontmatter), in order;
 * - `virtual:book/glossary`: merged glossary entries;
 * - `virtual:book/references`: merged bibliography.
 */
import type { Plugin } from 'vite';
import { join } from 'node:path';
import { readContentFiles } from '../content/files.ts';
import { buildGlossary, buildReferences, buildToc } from '../content/loader.ts';

const IDS = ['virtual:book/toc', 'virtual:book/glossary', 'virtual:book/references'] as const;

/** The plugin; `root` is the repository root. */
export function bookContent(root: string): Plugin {
  return {
    name: 'book-content',
    resolveId(id) {
      return (IDS as readonly string[]).includes(id) ? '\0' + id : undefined;
    },
    load(id) {
      if (!id.startsWith('\0virtual:book/')) return undefined;
      const files = readContentFiles(root);
      // Rebuild when any content file changes (dev server and watch mode).
      for (const f of files.keys()) this.addWatchFile(join(root, f));
      const which = id.slice('\0virtual:book/'.length);
      const data = which === 'toc' ? buildToc(files) : which === 'glossary' ? buildGlossary(files) : buildReferences(files);
      return `export default ${JSON.stringify(data)};`;
    },
    handleHotUpdate(ctx) {
      if (!ctx.file.includes('/content/')) return;
      for (const id of IDS) {
        const mod = ctx.server.moduleGraph.getModuleById('\0' + id);
        if (mod) ctx.server.moduleGraph.invalidateModule(mod);
      }
    },
  };
}
