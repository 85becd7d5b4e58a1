/** Types for the build-time virtual modules (see src/book/build/content-plugin.ts). */
declare module 'virtual:book/toc' {
  const parts: import('./book/content/types').PartMeta[];
  export default parts;
}
declare module 'virtual:book/glossary' {
  const glossary: import('./book/content/types').GlossaryEntry[];
  export default glossary;
}
declare module 'virtual:book/references' {
  const references: import('./book/content/types').Reference[];
  export default references;
}
declare module '*.mdx' {
  import type { ComponentType } from 'react';
  export const frontmatter: Record<string, unknown>;
  export const headings: { depth: 2 | 3; id: string; text: string }[];
  export const citations: string[];
  const Content: ComponentType<{ components?: Record<string, unknown> }>;
  export default Content;
}
