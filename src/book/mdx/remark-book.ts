/**
 * Remark plugin for chapter MDX.
 *
 * - Reads explicit heading ids written as a trailing comment, `## Title {/*my-id*\/}`
 *   (react.dev's convention), so deep links survive edits to the heading text.
 * - Numbers each `<Exercise>` in document order (an `ordinal` prop) for its option order.
 * - Exports `headings` (for the on-page contents) and `citations` (ids of `<Cite>` in order of
 *   first use, for `<References />`) from the compiled module.
 */
import type { Root, Heading, PhrasingContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import { valueToEstree } from 'estree-util-value-to-estree';

/** One entry of a chapter's on-page contents. */
export interface HeadingInfo {
  depth: 2 | 3;
  id: string;
  text: string;
}

const ID_COMMENT = /^\s*\/\*\s*([a-z0-9][a-z0-9-]*)\s*\*\/\s*$/;

/** Turn heading text into a fallback id (only used when an author forgot the explicit one). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-');
}

/** Pull the explicit id out of a heading's trailing `{/*id*\/}` expression, removing it from the text. */
export function takeExplicitId(heading: Heading): string | undefined {
  const children = heading.children as (PhrasingContent | { type: 'mdxTextExpression'; value: string })[];
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i] as { type: string; value?: string };
    if (child.type === 'mdxTextExpression') {
      const m = ID_COMMENT.exec(child.value ?? '');
      if (!m) return undefined;
      children.splice(i, 1);
      // Trim the space the author left before the comment.
      const prev = children[i - 1] as { type: string; value?: string } | undefined;
      if (prev?.type === 'text' && prev.value) prev.value = prev.value.replace(/\s+$/, '');
      return m[1];
    }
    if (child.type === 'text' && /^\s*$/.test(child.value ?? '')) continue;
    return undefined;
  }
  return undefined;
}

function exportConst(name: string, value: unknown) {
  return {
    type: 'mdxjsEsm',
    value: '',
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [
          {
            type: 'ExportNamedDeclaration',
            specifiers: [],
            source: null,
            attributes: [],
            declaration: {
              type: 'VariableDeclaration',
              kind: 'const',
              declarations: [
                {
                  type: 'VariableDeclarator',
                  id: { type: 'Identifier', name },
                  init: valueToEstree(value),
                },
              ],
            },
          },
        ],
      },
    },
  };
}

/** The remark plugin: assigns heading ids and exports `headings` and `citations`. */
export default function remarkBook() {
  return (tree: Root, file: { path?: string; message?: (m: string) => void }) => {
    const headings: HeadingInfo[] = [];
    const seen = new Set<string>();
    visit(tree, 'heading', (node: Heading) => {
      if (node.depth !== 2 && node.depth !== 3) return;
      let id = takeExplicitId(node);
      const text = toString(node).trim();
      if (!id) {
        id = slugify(text);
        file.message?.(`heading "${text}" has no explicit {/*id*/}; using "${id}"`);
      }
      let unique = id;
      for (let n = 2; seen.has(unique); n++) unique = `${id}-${n}`;
      seen.add(unique);
      node.data = { ...(node.data ?? {}), hProperties: { ...((node.data as { hProperties?: object })?.hProperties ?? {}), id: unique } };
      headings.push({ depth: node.depth, id: unique, text });
    });
    const citations: string[] = [];
    visit(tree, (node) => {
      const n = node as { type: string; name?: string; attributes?: { type: string; name?: string; value?: unknown }[] };
      if ((n.type === 'mdxJsxTextElement' || n.type === 'mdxJsxFlowElement') && n.name === 'Cite') {
        const attr = n.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id');
        if (typeof attr?.value === 'string' && !citations.includes(attr.value)) citations.push(attr.value);
      }
    });
    // Each exercise learns its place among the chapter's exercises (document order, as the content
    // check counts them), so its option order can spread the correct answers (exerciseOrder.ts).
    let ordinal = 0;
    visit(tree, (node) => {
      const n = node as { type: string; name?: string; attributes?: { type: string; name?: string; value?: unknown }[] };
      if ((n.type === 'mdxJsxTextElement' || n.type === 'mdxJsxFlowElement') && n.name === 'Exercise') {
        n.attributes = [...(n.attributes ?? []).filter((a) => a.name !== 'ordinal'), { type: 'mdxJsxAttribute', name: 'ordinal', value: String(ordinal++) }];
      }
    });
    (tree.children as unknown[]).push(exportConst('headings', headings), exportConst('citations', citations));
  };
}
